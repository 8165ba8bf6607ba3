package dev.monitor.events;

import static dev.monitor.testing.TwilioErrors.assertError;
import static dev.monitor.testing.TwilioErrors.assertErrorMentions;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.monitor.testing.ApiClient;
import dev.monitor.testing.RunningStack;
import dev.monitor.testing.TestAccount;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Every bad request gets a 4xx with Twilio's error body that names the problem, and stores nothing. */
class BadInputTest {
    private TestAccount account;
    private ApiClient client;

    @BeforeEach
    void newAccount() {
        account = RunningStack.newAccount();
        client = account.client();
    }

    @AfterEach
    void nothingWasStored() {
        assertEquals(List.of(), account.eventsBesideItsCreation(), "stored");
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "{\"event_type\": ",
                "not json",
                "{\"event_type\": \"a.b\"} {}",
                "{\"event_type\": \"a.b\", \"event_type\": \"c.d\"}",
                "",
                "null",
                "42"
            })
    void malformedJsonOrNoObject(String body) {
        assertError(client.postJson("/v1/Events", body), 400);
    }

    @Test
    void wrongTypes() {
        assertErrorMentions(client.postJson("/v1/Events", "{\"event_type\": 5}"), 400, "event_type", "string");
        assertErrorMentions(
                client.postJson("/v1/Events", "{\"event_type\": \"a.b\", \"event_data\": [1]}"),
                400,
                "event_data",
                "object");
        assertErrorMentions(
                client.postJson("/v1/Events", "{\"event_type\": \"a.b\", \"description\": {\"x\": 1}}"),
                400,
                "description");
        assertErrorMentions(client.postJson("/v1/Events", "[\"a.b\"]"), 400, "item 0");
    }

    @Test
    void badSidsIpsAndDates() {
        assertErrorMentions(
                client.postJson("/v1/Events", "{\"event_type\": \"a.b\", \"resource_sid\": \"PN123\"}"),
                400,
                "resource_sid",
                "PN123");
        assertErrorMentions(
                client.postJson("/v1/Events", "{\"event_type\": \"a.b\", \"actor_sid\": \"us" + "a".repeat(32) + "\"}"),
                400,
                "actor_sid");
        assertErrorMentions(
                client.postJson(
                        "/v1/Events", "{\"event_type\": \"a.b\", \"account_sid\": \"XX" + "a".repeat(32) + "\"}"),
                400,
                "account_sid");
        assertErrorMentions(
                client.postJson("/v1/Events", "{\"event_type\": \"a.b\", \"source_ip_address\": \"10.0.0.256\"}"),
                400,
                "source_ip_address");
        assertErrorMentions(
                client.postJson("/v1/Events", "{\"event_type\": \"a.b\", \"source_ip_address\": \"example.com\"}"),
                400,
                "source_ip_address");
        assertErrorMentions(
                client.postJson("/v1/Events", "{\"event_type\": \"a.b\", \"event_date\": \"2024-13-01T00:00:00Z\"}"),
                400,
                "event_date");
        assertErrorMentions(
                client.postJson(
                        "/v1/Events",
                        "{\"event_type\": \"a.b\", \"event_date\": \""
                                + Instant.now().plus(1, ChronoUnit.HOURS) + "\"}"),
                400,
                "event_date",
                "future");
        assertErrorMentions(
                client.postJson(
                        "/v1/Events",
                        "{\"event_type\": \"a.b\", \"event_date\": \""
                                + Instant.now().minus(31, ChronoUnit.DAYS) + "\"}"),
                400,
                "event_date",
                "retention");
        assertErrorMentions(
                client.postJson("/v1/Events", "{\"event_type\": \"a.b\", \"source\": \"email\"}"), 400, "source");
        assertErrorMentions(
                client.postJson("/v1/Events", "{\"event_type\": \"PhoneNumber.Created\"}"), 400, "event_type");
        assertErrorMentions(client.postJson("/v1/Events", "{\"event_type\": \"created\"}"), 400, "event_type");
    }

    @Test
    void badFiltersAndPaging() {
        assertErrorMentions(client.get("/v1/Events?ActorSid=US123"), 400, "ActorSid");
        assertErrorMentions(client.get("/v1/Events?ResourceSid=nope"), 400, "ResourceSid");
        assertErrorMentions(client.get("/v1/Events?SourceIpAddress=1.2.3"), 400, "SourceIpAddress");
        assertErrorMentions(client.get("/v1/Events?StartDate=2024-02-30"), 400, "StartDate");
        assertErrorMentions(client.get("/v1/Events?EndDate=2024-05-01T10:00"), 400, "EndDate");
        assertErrorMentions(client.get("/v1/Events?StartDate=2024-05-02&EndDate=2024-05-01"), 400, "StartDate");
        assertErrorMentions(client.get("/v1/Events?EventType=Bad"), 400, "EventType");
        assertErrorMentions(client.get("/v1/Events?PageSize=0"), 400, "PageSize");
        assertErrorMentions(client.get("/v1/Events?PageSize=1001"), 400, "PageSize");
        assertErrorMentions(client.get("/v1/Events?PageSize=ten"), 400, "PageSize");
        assertErrorMentions(client.get("/v1/Events?PageToken=PTforged&Page=1"), 400, "PageToken");
        // Longer than any token the API writes: Twilio's 400 naming it, whatever the gateway would take.
        assertErrorMentions(client.get("/v1/Events?Page=1&PageToken=PT" + "a".repeat(9_000)), 400, "PageToken");
        assertError(client.get("/v1/Events/not-a-sid"), 404);
        assertError(client.get("/v1/Events/AE" + "0".repeat(32)), 404);
    }

    @Test
    void aConfigurationGivenNullIsRefusedNotTakenForTheDefault() {
        assertErrorMentions(
                client.postJson("/v1/Events/Configuration", "{\"retention_days\": null}"), 400, "retention_days");
        assertErrorMentions(
                client.postJson("/v1/Events/Configuration", "{\"disabled_event_types\": null}"),
                400,
                "disabled_event_types");
    }

    @Test
    void everyAnswerTellsBrowsersNotToSniffItsType() {
        for (ApiClient.Response response :
                List.of(client.get("/v1/Events"), client.get("/v1/Events/not-a-sid"), client.get("/health"))) {
            assertEquals(List.of("nosniff"), response.headers().get("x-content-type-options"), response.text());
        }
    }

    @Test
    void aHundredAndOneItems() {
        StringBuilder body = new StringBuilder("[");
        for (int i = 0; i < 101; i++) {
            body.append(i == 0 ? "" : ",").append("{\"event_type\": \"user.login\"}");
        }
        assertErrorMentions(client.postJson("/v1/Events", body + "]"), 400, "101", "100");
    }

    @Test
    void oneBadItemAmongGoodOnesRejectsTheWholeBatchNamingEveryProblem() {
        JsonNode error = assertError(client.postJson("/v1/Events", """
                [{"event_type": "user.login"},
                 {"event_type": "user.login", "source_ip_address": "999.1.1.1"},
                 {"event_type": "user.login"},
                 {"event_type": "user.login", "colour": "red", "actor_sid": "bad"}]"""), 400);
        String message = error.get("message").asText();
        assertTrue(message.contains("item 1: source_ip_address"), message);
        assertTrue(message.contains("item 3: colour"), message);
        assertTrue(message.contains("item 3: actor_sid"), message);
        assertTrue(!message.contains("item 0") && !message.contains("item 2"), message);
        assertEquals(3, error.get("details").get("errors").size());
    }

    @Test
    void unknownFieldsAreRefusedSoATypoLosesNothing() {
        assertErrorMentions(
                client.postJson(
                        "/v1/Events", "{\"event_type\": \"user.login\", \"actorSid\": \"US" + "a".repeat(32) + "\"}"),
                400,
                "actorSid",
                "not a known field");
    }

    @Test
    void aBodyOverOneMegabyte() {
        String big = "{\"event_type\": \"user.login\", \"description\": \"" + "x".repeat(1024 * 1024) + "\"}";
        assertError(client.postJson("/v1/Events", big), 413);
        assertErrorMentions(
                client.postJson(
                        "/v1/Events",
                        "{\"event_type\": \"user.login\", \"event_data\": {\"x\": \"" + "y".repeat(40_000) + "\"}}"),
                400,
                "event_data");
    }

    @Test
    void unknownRoutesWrongMethodsAndMediaTypes() {
        assertError(client.get("/v1/Nothing"), 404);
        assertError(client.get("/v2/Events"), 404);
        assertError(client.delete("/v1/Events"), 405);
        assertError(client.send("PUT", "/v1/Events/AE" + "0".repeat(32), "application/json", "{}"), 405);
        assertError(
                client.send("POST", "/v1/Events", "application/x-www-form-urlencoded", "EventType=user.login"), 415);
        assertError(
                client.postJson(
                        "/v1/Events", "{\"event_type\": \"user.login\"}", Map.of("Idempotency-Key", "k".repeat(256))),
                400);
    }
}
