package dev.monitor.api;

import static dev.monitor.testing.TwilioErrors.assertError;
import static dev.monitor.testing.TwilioErrors.assertErrorMentions;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.monitor.testing.ApiClient;
import dev.monitor.testing.RunningStack;
import dev.monitor.testing.TestAccount;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Requests that once answered 500, ran for long or passed silently as something else: each gets a 4xx with Twilio's
 * error body naming the problem, or the empty answer it deserves, and none stores anything.
 */
class RefusedRequestsTest {
    private TestAccount account;
    private ApiClient client;

    @BeforeEach
    void newAccount() {
        account = RunningStack.newAccount();
        client = account.client();
    }

    @AfterEach
    void nothingWasStored() {
        assertEquals(List.of(), account.eventsBesideItsCreation(), "/v1/Events holds");
        for (String list : List.of("/v1/Alerts|alerts", "/v2/Alarms|alarms")) {
            String[] parts = list.split("\\|");
            JsonNode items = client.get(parts[0]).json().get(parts[1]);
            assertEquals(0, items.size(), parts[0] + " holds " + items);
        }
        JsonNode accounts = client.get("/2010-04-01/Accounts.json").json().get("accounts");
        assertEquals(1, accounts.size(), "no subaccount was created: " + accounts);
        JsonNode triggers = client.get("/2010-04-01/Accounts/" + account.sid() + "/Usage/Triggers.json")
                .json()
                .get("usage_triggers");
        assertEquals(0, triggers.size(), triggers.toString());
        JsonNode configuration = client.get("/v1/Events/Configuration").json();
        assertEquals(0, configuration.get("disabled_event_types").size(), configuration.toString());
    }

    @Test
    void aNullEventTypeIsMissing() {
        assertErrorMentions(client.postJson("/v1/Events", "{\"event_type\": null}"), 400, "event_type", "required");
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "EndDate=2000-01-01",
                "StartDate=2046-01-01",
                "StartDate=2046-01-01&EndDate=2046-02-01",
                "EndDate=2020-01-01T00:00:00Z"
            })
    void aRangeOutsideTheRetainedDaysIsAnEmptyPage(String range) {
        for (String list : List.of("/v1/Events|events", "/v1/Alerts|alerts")) {
            String[] parts = list.split("\\|");
            ApiClient.Response response = client.get(parts[0] + "?" + range);
            assertEquals(200, response.status(), response.text());
            assertEquals(0, response.json().get(parts[1]).size());
        }
    }

    @Test
    void aConfigurationHoldsAtMostFiveHundredDisabledTypes() {
        StringBuilder types = new StringBuilder();
        for (int i = 0; i < 30_000; i++) {
            types.append(i == 0 ? "" : ",").append("\"type-").append(i).append(".created\"");
        }
        assertErrorMentions(
                client.postJson("/v1/Events/Configuration", "{\"disabled_event_types\": [" + types + "]}"),
                400,
                "disabled_event_types",
                "at most 500");
    }

    @Test
    void usageRecordsOfCenturiesAreBoundedByTheAccountsLifeAndToday() {
        String path = "/2010-04-01/Accounts/" + account.sid() + "/Usage/Records/Daily.json";
        for (String range : List.of("EndDate=2500-12-31", "EndDate=9999-12-31", "StartDate=1000-01-01")) {
            ApiClient.Response response = client.get(path + "?PageSize=1000&" + range);
            assertEquals(200, response.status(), response.text());
            JsonNode records = response.json().get("usage_records");
            LocalDate today = LocalDate.now(ZoneOffset.UTC);
            for (JsonNode record : records) {
                LocalDate end = LocalDate.parse(record.get("end_date").asText());
                LocalDate start = LocalDate.parse(record.get("start_date").asText());
                assertTrue(!end.isAfter(today.plusDays(1)), range + ": a record ends " + end);
                assertTrue(start.getYear() >= today.getYear() - 1, range + ": a record starts " + start);
            }
            assertTrue(
                    response.json().get("next_page_uri").isNull() || records.size() == 1000,
                    "the records of the account's life fit a few pages");
        }
    }

    @Test
    void aTriggerValueBeyondWhatIsStoredIsRefused() {
        assertErrorMentions(client.postJson("/v2/Alarms", """
                        {"friendlyName": "x", "queryType": "ALL", "triggerValue": 18446744073709551617,
                         "timeWindow": "FIVE_MINS"}"""), 400, "triggerValue");
    }

    @ParameterizedTest
    @ValueSource(strings = {"application/jsonx", "application/json-patch+json", "text/plain"})
    void onlyJsonIsTakenAsJson(String contentType) {
        assertError(client.send("POST", "/v1/Events", contentType, "{\"event_type\": \"user.login\"}"), 415);
        assertError(client.send("POST", "/v1/Alerts", contentType, "{\"error_code\": \"11200\"}"), 415);
        assertError(client.send("POST", "/v2/Alarms", contentType, """
                        {"friendlyName": "x", "queryType": "ALL", "triggerValue": 1, "timeWindow": "FIVE_MINS"}"""), 415);
        assertError(
                RunningStack.operator().send("POST", "/v1/Accounts", contentType, "{\"friendly_name\": \"x\"}"), 415);
    }

    @Test
    void jsonWithACharsetIsJson() {
        ApiClient.Response response = client.send(
                "POST", "/v1/Events/Configuration", "application/json; charset=utf-8", "{\"retention_days\": 30}");
        assertEquals(200, response.status(), response.text());
    }

    @Test
    void aMisspeltQueryParameterIsNamedWithTheNearestKnownOne() {
        assertErrorMentions(client.get("/v1/Events?EventTyp=user.login"), 400, "EventTyp", "EventType");
        assertErrorMentions(client.get("/v1/Events?Pagesize=5"), 400, "Pagesize", "PageSize");
        assertErrorMentions(client.get("/v1/Alerts?logLevel=error"), 400, "logLevel", "LogLevel");
        assertErrorMentions(
                client.get("/2010-04-01/Accounts/" + account.sid() + "/Usage/Records.json?Categroy=events"),
                400,
                "Categroy",
                "Category");
        assertErrorMentions(client.get("/v1/Events/AE" + "0".repeat(32) + "?Foo=1"), 400, "Foo");
    }

    @Test
    void aFormEndpointRefusesJsonAndMisspeltFields() {
        assertError(client.postJson("/2010-04-01/Accounts.json", "{\"FriendlyName\": \"x\"}"), 415);
        assertErrorMentions(
                client.postForm("/2010-04-01/Accounts.json", "Friendlyname=x"), 400, "Friendlyname", "FriendlyName");
        assertErrorMentions(
                client.postForm(
                        "/2010-04-01/Accounts/" + account.sid() + "/Usage/Triggers.json",
                        "CallbackUrl=https://example.com/hook&TriggerValue=5&UsageCategory=events&Recurrng=daily"),
                400,
                "Recurrng",
                "Recurring");
    }
}
