package dev.monitor.alerts;

import static dev.monitor.testing.TwilioErrors.assertError;
import static dev.monitor.testing.TwilioErrors.assertErrorMentions;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.monitor.testing.ApiClient;
import dev.monitor.testing.RunningStack;
import dev.monitor.testing.TestAccount;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class AlertsApiTest {
    private static final String CALL = "CA" + "1".repeat(32);
    private static final String OTHER_CALL = "CA" + "2".repeat(32);

    static List<String> record(ApiClient client, String json) {
        ApiClient.Response response = client.postJson("/v1/Alerts", json);
        assertEquals(201, response.status(), response.text());
        List<String> sids = new ArrayList<>();
        response.json().get("alerts").forEach(alert -> sids.add(alert.get("sid").asText()));
        return sids;
    }

    static List<String> listSids(ApiClient client, String query) {
        ApiClient.Response response = client.get("/v1/Alerts" + query);
        assertEquals(200, response.status(), response.text());
        List<String> sids = new ArrayList<>();
        response.json().get("alerts").forEach(alert -> sids.add(alert.get("sid").asText()));
        return sids;
    }

    @Test
    void recordsAnAlertAndReadsItBackInTwiliosShape() {
        TestAccount account = RunningStack.newAccount();
        Instant generated = Instant.now().minusSeconds(30).truncatedTo(ChronoUnit.SECONDS);
        String sid = record(account.client(), """
                {"error_code": "11200", "alert_text": "Msg=HTTP+retrieval+failure", "resource_sid": "%s",
                 "service_sid": "PN%s", "request_method": "POST", "request_url": "https://example.com/voice",
                 "request_variables": "CallSid=%s", "request_headers": "Content-Type=text/html", "response_body": "<h1>502</h1>",
                 "response_headers": "Server=nginx", "api_version": "2010-04-01", "date_generated": "%s"}""".formatted(CALL, "3".repeat(32), CALL, generated))
                .get(0);
        assertTrue(sid.matches("NO[0-9a-f]{32}"), sid);

        JsonNode fetched = account.client().get("/v1/Alerts/" + sid).json();
        assertEquals(account.sid(), fetched.get("account_sid").asText());
        assertEquals("11200", fetched.get("error_code").asText());
        assertEquals("error", fetched.get("log_level").asText(), "the catalogue's level for 11200");
        assertEquals(
                "https://www.twilio.com/docs/errors/11200",
                fetched.get("more_info").asText());
        assertEquals(generated.toString(), fetched.get("date_generated").asText());
        assertEquals("POST", fetched.get("request_method").asText());
        assertEquals("CallSid=" + CALL, fetched.get("request_variables").asText());
        assertEquals("<h1>502</h1>", fetched.get("response_body").asText());
        assertEquals("Server=nginx", fetched.get("response_headers").asText());
        assertEquals("Content-Type=text/html", fetched.get("request_headers").asText());
        assertEquals(
                RunningStack.baseUrl() + "/v1/Alerts/" + sid, fetched.get("url").asText());

        JsonNode listed = account.client().get("/v1/Alerts").json();
        JsonNode first = listed.get("alerts").get(0);
        assertEquals(sid, first.get("sid").asText());
        assertFalse(
                first.has("request_variables") || first.has("response_body"), "fetch-only fields stay out of lists");
        assertEquals("alerts", listed.get("meta").get("key").asText());
    }

    @Test
    void defaultsTheLevelFromTheCatalogueAndAcceptsUnknownCodes() {
        TestAccount account = RunningStack.newAccount();
        List<String> sids = record(account.client(), """
                [{"error_code": "12200"}, {"error_code": 99999}, {"error_code": "11200", "log_level": "debug", "more_info": "https://example.com/e"}]""");
        assertEquals(
                "warning",
                account.client()
                        .get("/v1/Alerts/" + sids.get(0))
                        .json()
                        .get("log_level")
                        .asText());
        JsonNode unknown = account.client().get("/v1/Alerts/" + sids.get(1)).json();
        assertEquals("error", unknown.get("log_level").asText());
        assertEquals("99999", unknown.get("error_code").asText());
        assertEquals(
                "https://www.twilio.com/docs/errors/99999",
                unknown.get("more_info").asText());
        JsonNode chosen = account.client().get("/v1/Alerts/" + sids.get(2)).json();
        assertEquals("debug", chosen.get("log_level").asText());
        assertEquals("https://example.com/e", chosen.get("more_info").asText());
    }

    @Test
    void listsNewestFirstWithEveryFilterAndCombination() {
        TestAccount account = RunningStack.newAccount();
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        List<String> sid = record(account.client(), """
                [{"error_code": "11200", "resource_sid": "%1$s", "date_generated": "%3$s"},
                 {"error_code": "30003", "log_level": "warning", "resource_sid": "%1$s", "date_generated": "%4$s"},
                 {"error_code": "11200", "log_level": "warning", "resource_sid": "%2$s", "date_generated": "%5$s"},
                 {"error_code": "21211"}]""".formatted(
                        CALL,
                        OTHER_CALL,
                        now.minus(2, ChronoUnit.DAYS),
                        now.minus(1, ChronoUnit.HOURS),
                        now.minus(10, ChronoUnit.MINUTES)));
        ApiClient client = account.client();
        assertEquals(List.of(sid.get(3), sid.get(2), sid.get(1), sid.get(0)), listSids(client, ""));
        assertEquals(List.of(sid.get(2), sid.get(0)), listSids(client, "?ErrorCode=11200"));
        assertEquals(List.of(sid.get(2), sid.get(1)), listSids(client, "?LogLevel=warning"));
        assertEquals(List.of(sid.get(1), sid.get(0)), listSids(client, "?ResourceSid=" + CALL));
        assertEquals(List.of(sid.get(2)), listSids(client, "?ErrorCode=11200&LogLevel=warning"));
        assertEquals(List.of(sid.get(1)), listSids(client, "?ResourceSid=" + CALL + "&LogLevel=warning"));
        assertEquals(List.of(sid.get(0)), listSids(client, "?EndDate=" + now.minus(1, ChronoUnit.DAYS)));
        assertEquals(
                List.of(sid.get(3), sid.get(2)), listSids(client, "?StartDate=" + now.minus(30, ChronoUnit.MINUTES)));
        assertEquals(
                List.of(sid.get(1)),
                listSids(
                        client,
                        "?ResourceSid=" + CALL + "&StartDate=" + now.minus(1, ChronoUnit.DAYS) + "&EndDate="
                                + now.minus(30, ChronoUnit.MINUTES)));
        assertEquals(List.of(), listSids(client, "?ErrorCode=21211&LogLevel=debug"));
    }

    @Test
    void pagesThroughEveryAlertOnce() {
        TestAccount account = RunningStack.newAccount();
        StringBuilder batch = new StringBuilder("[");
        for (int i = 0; i < 23; i++) {
            batch.append(i == 0 ? "" : ",")
                    .append("{\"error_code\": \"3000")
                    .append(i % 10)
                    .append("\"}");
        }
        Set<String> recorded = new HashSet<>(record(account.client(), batch + "]"));
        Set<String> seen = new HashSet<>();
        JsonNode page = account.client().get("/v1/Alerts?PageSize=5").json();
        int pages = 1;
        while (true) {
            page.get("alerts")
                    .forEach(alert -> assertTrue(seen.add(alert.get("sid").asText())));
            JsonNode next = page.get("meta").get("next_page_url");
            if (next.isNull()) {
                break;
            }
            page = account.client().getUrl(next.asText()).json();
            pages++;
        }
        assertEquals(recorded, seen);
        assertEquals(5, pages);
    }

    @Test
    void deletesAnAlert() {
        TestAccount account = RunningStack.newAccount();
        String sid = record(account.client(), "{\"error_code\": \"11200\"}").get(0);
        assertEquals(204, account.client().delete("/v1/Alerts/" + sid).status());
        assertError(account.client().get("/v1/Alerts/" + sid), 404);
        assertError(account.client().delete("/v1/Alerts/" + sid), 404);
        assertEquals(List.of(), listSids(account.client(), ""));
    }

    @Test
    void anAccountSeesOnlyItsOwnAndItsSubaccountsAlerts() {
        TestAccount main = RunningStack.newAccount();
        TestAccount sub = RunningStack.newSubaccount(main);
        TestAccount stranger = RunningStack.newAccount();
        String subAlert = record(sub.client(), "{\"error_code\": \"11200\"}").get(0);
        String mainAlert = record(main.client(), "{\"error_code\": \"11200\", \"account_sid\": \"" + sub.sid() + "\"}")
                .get(0);

        assertEquals(List.of(mainAlert, subAlert), listSids(main.client(), "?AccountSid=" + sub.sid()));
        assertEquals(List.of(), listSids(main.client(), ""));
        assertEquals(
                200,
                main.client()
                        .get("/v1/Alerts/" + subAlert + "?AccountSid=" + sub.sid())
                        .status());
        assertError(main.client().get("/v1/Alerts/" + subAlert), 404);
        assertError(stranger.client().get("/v1/Alerts/" + subAlert), 404);
        assertError(stranger.client().get("/v1/Alerts?AccountSid=" + sub.sid()), 404);
        assertError(stranger.client().delete("/v1/Alerts/" + subAlert), 404);
        assertError(sub.client().get("/v1/Alerts?AccountSid=" + main.sid()), 404);
        assertEquals(List.of(mainAlert, subAlert), listSids(sub.client(), ""));
    }

    @Test
    void badInputIsRefusedWholeAndNamed() {
        TestAccount account = RunningStack.newAccount();
        ApiClient client = account.client();
        assertErrorMentions(
                client.postJson("/v1/Alerts", """
                [{"error_code": "11200"}, {"error_code": "E11200", "log_level": "fatal", "request_method": "get", "color": "red"},
                 {"log_level": "error", "date_generated": "%s"}]""".formatted(Instant.now().plus(1, ChronoUnit.HOURS))),
                400,
                "item 1: error_code",
                "item 1: log_level",
                "item 1: request_method",
                "item 1: color",
                "item 2: error_code");
        assertErrorMentions(
                client.postJson(
                        "/v1/Alerts",
                        "{\"error_code\": \"11200\", \"date_generated\": \""
                                + Instant.now().minus(31, ChronoUnit.DAYS) + "\"}"),
                400,
                "date_generated");
        assertErrorMentions(
                client.postJson(
                        "/v1/Alerts",
                        "{\"error_code\": \"11200\", \"date_generated\": \""
                                + Instant.now().plus(1, ChronoUnit.HOURS) + "\"}"),
                400,
                "date_generated",
                "future");
        assertErrorMentions(client.postJson("/v1/Alerts", "[]"), 400, "empty");
        assertErrorMentions(
                client.postJson(
                        "/v1/Alerts", "{\"error_code\": \"11200\", \"account_sid\": \"AC" + "9".repeat(32) + "\"}"),
                400,
                "account_sid");
        assertErrorMentions(client.get("/v1/Alerts?LogLevel=fatal"), 400, "LogLevel");
        assertErrorMentions(client.get("/v1/Alerts?ErrorCode=abc"), 400, "ErrorCode");
        assertErrorMentions(client.get("/v1/Alerts?PageToken=PTforged&Page=1"), 400, "PageToken");
        assertError(RunningStack.operator().postJson("/v1/Alerts", "{\"error_code\": \"11200\"}"), 400);
        assertError(ApiClient.anonymous(RunningStack.baseUrl()).get("/v1/Alerts"), 401);
        assertEquals(List.of(), listSids(client, ""), "nothing of a refused batch is stored");
    }

    @Test
    void aRepeatedRequestWithTheSameIdempotencyKeyRecordsNothingNew() {
        TestAccount account = RunningStack.newAccount();
        String body = "[{\"error_code\": \"11200\"}, {\"error_code\": \"11205\"}]";
        ApiClient.Response first = account.client().postJson("/v1/Alerts", body, Map.of("Idempotency-Key", "k1"));
        ApiClient.Response again = account.client().postJson("/v1/Alerts", body, Map.of("Idempotency-Key", "k1"));
        assertEquals(201, again.status(), again.text());
        assertEquals(first.json().get("alerts"), again.json().get("alerts"));
        assertEquals(2, listSids(account.client(), "").size());
        assertError(
                account.client().postJson("/v1/Alerts", "{\"error_code\": \"1\"}", Map.of("Idempotency-Key", "k1")),
                409);
    }
}
