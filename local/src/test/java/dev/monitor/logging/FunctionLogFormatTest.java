package dev.monitor.logging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.monitor.testing.ApiClient;
import dev.monitor.testing.CapturedLogs;
import dev.monitor.testing.RunningStack;
import dev.monitor.testing.TestAccount;
import dev.monitor.testing.WebhookReceiver;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What the api says of each request, and the notifier of each delivery attempt, in the functions' JSON lines. */
class FunctionLogFormatTest {
    private static final String MISSING_EVENT = "AE" + "0123456789abcdef".repeat(2);

    @Test
    void eachApiRequestIsALineWithItsMethodRouteStatusLatencyAndAccount() throws Exception {
        try (CapturedLogs logs = CapturedLogs.start()) {
            TestAccount account = RunningStack.newAccount();
            assertEquals(
                    404, account.client().get("/v1/Events/" + MISSING_EVENT).status());
            ApiClient.Response recorded =
                    account.client().postJson("/v1/Events", "{\"event_type\": \"user.updated\", \"source\": \"web\"}");
            assertEquals(201, recorded.status(), recorded.text());

            JsonNode fetch = logs.await("the fetch's line", line -> isRequest(line, account, "GET"));
            assertEquals("/v1/Events/{Sid}", fetch.get("route").asText());
            assertEquals(404, fetch.get("status").asInt());
            assertTrue(fetch.get("latencyMs").isIntegralNumber(), fetch.toString());
            assertTrue(fetch.get("latencyMs").asLong() >= 0, fetch.toString());
            assertEquals("INFO", fetch.get("level").asText());
            assertEquals("ApiFunction", fetch.get("function").asText());
            assertFalse(fetch.get("requestId").asText().isEmpty());
            assertFalse(fetch.toString().contains(MISSING_EVENT), "the route, not the raw path: " + fetch);

            JsonNode record = logs.await("the recording's line", line -> isRequest(line, account, "POST"));
            assertEquals("/v1/Events", record.get("route").asText());
            assertEquals(201, record.get("status").asInt());
            assertFalse(
                    record.get("requestId")
                            .asText()
                            .equals(fetch.get("requestId").asText()),
                    "each request has its own request id");
        }
    }

    @Test
    void eachDeliveryAttemptIsALineWithItsDeliverySidAttemptAndOutcome() throws Exception {
        try (CapturedLogs logs = CapturedLogs.start();
                WebhookReceiver receiver = WebhookReceiver.answering(n -> n == 1 ? 500 : 200)) {
            TestAccount account = RunningStack.newAccount();
            ApiClient.Response alarm =
                    account.client().postJson("/v2/Alarms", """
                    {"friendlyName": "format", "queryType": "ERROR_CODE", "query": "11200", "triggerValue": 1,
                     "timeWindow": "FIVE_MINS", "webhook": "%s"}""".formatted(receiver.url("/secret-path?token=t0ken")));
            assertEquals(201, alarm.status(), alarm.text());
            ApiClient.Response alert = account.client()
                    .postJson(
                            "/v1/Alerts",
                            "{\"error_code\": \"11200\", \"date_generated\": \""
                                    + Instant.now().truncatedTo(ChronoUnit.SECONDS) + "\"}");
            assertEquals(201, alert.status(), alert.text());

            logs.await("the delivered attempt", line -> isDelivery(line, account) && isOutcome(line, "delivered"));
            List<JsonNode> attempts = logs.matching(line -> isDelivery(line, account));
            assertEquals(2, attempts.size(), attempts.toString());
            JsonNode first = attempts.get(0);
            JsonNode second = attempts.get(1);
            String deliverySid = account.client()
                    .get("/v1/Deliveries?SourceSid=" + alarm.json().get("sid").asText())
                    .json()
                    .at("/deliveries/0/sid")
                    .asText();
            assertTrue(deliverySid.startsWith("DL"), deliverySid);

            assertEquals(deliverySid, first.get("deliverySid").asText());
            assertEquals(1, first.get("attempt").asInt());
            assertEquals("retry", first.get("outcome").asText());
            assertEquals(500, first.get("statusCode").asInt());
            assertEquals("WARN", first.get("level").asText());
            assertEquals("NotifierFunction", first.get("function").asText());

            assertEquals(deliverySid, second.get("deliverySid").asText());
            assertEquals(2, second.get("attempt").asInt());
            assertEquals("delivered", second.get("outcome").asText());
            assertEquals(200, second.get("statusCode").asInt());
            assertEquals("INFO", second.get("level").asText());
            assertTrue(second.get("latencyMs").isIntegralNumber(), second.toString());
            for (JsonNode attempt : attempts) {
                assertFalse(attempt.toString().contains("secret-path"), "no webhook URL: " + attempt);
                assertFalse(attempt.toString().contains("t0ken"), "no webhook URL: " + attempt);
            }
        }
    }

    private static boolean isRequest(JsonNode line, TestAccount account, String method) {
        return line.path("message").asText().equals("Request answered")
                && line.path("accountSid").asText().equals(account.sid())
                && line.path("method").asText().equals(method);
    }

    private static boolean isDelivery(JsonNode line, TestAccount account) {
        return line.path("message").asText().equals("Delivery attempted")
                && line.path("accountSid").asText().equals(account.sid());
    }

    private static boolean isOutcome(JsonNode line, String outcome) {
        return line.path("outcome").asText().equals(outcome);
    }
}
