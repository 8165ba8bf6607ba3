package dev.monitor.logging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.monitor.testing.ApiClient;
import dev.monitor.testing.CapturedLogs;
import dev.monitor.testing.Eventually;
import dev.monitor.testing.RunningStack;
import dev.monitor.testing.TestAccount;
import dev.monitor.testing.WebhookReceiver;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * A whole scenario on the local stack, every function's log captured: each line is a JSON object with a level, a
 * message, the request id and the function, and none holds any secret the scenario made or sent.
 */
class SecretsNeverLoggedTest {
    @Test
    void noLogLineOfAWholeScenarioHoldsASecret() throws Exception {
        Map<String, String> secrets = new LinkedHashMap<>();
        secrets.put("operator key", RunningStack.get().operatorKey());
        try (CapturedLogs logs = CapturedLogs.start();
                WebhookReceiver receiver = WebhookReceiver.ok()) {
            TestAccount account = RunningStack.newAccount();
            secrets.put("auth token", account.authToken());
            TestAccount subaccount = RunningStack.newSubaccount(account);
            secrets.put("subaccount's auth token", subaccount.authToken());

            ApiClient.Response key = account.client()
                    .postForm("/2010-04-01/Accounts/" + account.sid() + "/Keys.json", "FriendlyName=ci");
            assertEquals(201, key.status(), key.text());
            String keySid = key.json().get("sid").asText();
            secrets.put("API key secret", key.json().get("secret").asText());
            ApiClient withKey = ApiClient.account(RunningStack.baseUrl(), keySid, secrets.get("API key secret"));

            ApiClient.Response events = withKey.postJson(
                    "/v1/Events",
                    "[{\"event_type\": \"api-key.created\", \"actor_sid\": \"" + keySid + "\", \"source\": \"api\"},"
                            + " {\"event_type\": \"user.updated\", \"source\": \"web\"}]");
            assertEquals(201, events.status(), events.text());
            ApiClient.Response subEvent = subaccount
                    .client()
                    .postJson("/v1/Events", "{\"event_type\": \"phone-number.created\", \"source\": \"api\"}");
            assertEquals(201, subEvent.status(), subEvent.text());
            assertEquals(
                    200,
                    account.client()
                            .get("/v1/Events?AccountSid=" + subaccount.sid())
                            .status());

            // Refused credentials are secrets too: a mistyped token is one character from the real one.
            String wrongToken = "wrong-" + account.authToken();
            secrets.put("a refused auth token", wrongToken);
            assertEquals(
                    401,
                    ApiClient.account(RunningStack.baseUrl(), account.sid(), wrongToken)
                            .get("/v1/Events")
                            .status());
            String wrongOperatorKey = "not-" + RunningStack.get().operatorKey();
            secrets.put("a refused operator key", wrongOperatorKey);
            assertEquals(
                    401,
                    ApiClient.withAuthorization(RunningStack.baseUrl(), "Bearer " + wrongOperatorKey)
                            .postJson("/v1/Accounts", "{\"friendly_name\": \"x\"}")
                            .status());

            String signingSecret = account.client()
                    .get("/v1/SigningSecret")
                    .json()
                    .get("secret")
                    .asText();
            secrets.put("signing secret", signingSecret);
            ApiClient.Response alarm = account.client().postJson("/v2/Alarms", """
                    {"friendlyName": "logs", "queryType": "ERROR_CODE", "query": "11200", "triggerValue": 1,
                     "timeWindow": "FIVE_MINS", "webhook": "%s"}""".formatted(receiver.url("/alarm")));
            assertEquals(201, alarm.status(), alarm.text());
            String alarmSid = alarm.json().get("sid").asText();
            ApiClient.Response alert = account.client()
                    .postJson(
                            "/v1/Alerts",
                            "{\"error_code\": \"11200\", \"date_generated\": \""
                                    + Instant.now().truncatedTo(ChronoUnit.SECONDS) + "\"}");
            assertEquals(201, alert.status(), alert.text());
            awaitDelivered(logs, account, 1);

            ApiClient.Response rotated = account.client().postJson("/v1/SigningSecret/Rotate", "{}");
            assertEquals(200, rotated.status(), rotated.text());
            secrets.put("rotated signing secret", rotated.json().get("secret").asText());
            ApiClient.Response test = account.client().postJson("/v2/Alarms/" + alarmSid + "/Test", "{}");
            assertTrue(test.status() < 300, test.text());
            awaitDelivered(logs, account, 2);
            Eventually.until("both webhooks received", receiver::received, received -> received.size() >= 2);

            List<JsonNode> lines = logs.objects();
            Set<String> functions = new TreeSet<>();
            for (JsonNode line : lines) {
                for (String field : List.of("level", "message", "requestId", "function")) {
                    assertTrue(
                            line.path(field).isTextual()
                                    && !line.get(field).asText().isEmpty(),
                            "a log line without " + field + ": " + line);
                }
                functions.add(line.get("function").asText());
            }
            assertTrue(
                    functions.containsAll(List.of("ApiFunction", "AlertCounterFunction", "NotifierFunction")),
                    "the scenario went through the api, the alert counter and the notifier: " + functions);

            // The Authorization headers sent, as their Base64 credentials.
            secrets.put("the account's Authorization header", credentials(account.sid(), account.authToken()));
            secrets.put("the subaccount's Authorization header", credentials(subaccount.sid(), subaccount.authToken()));
            secrets.put("the API key's Authorization header", credentials(keySid, secrets.get("API key secret")));
            secrets.put("a refused Authorization header", credentials(account.sid(), wrongToken));
            List<String> written = logs.lines();
            for (Map.Entry<String, String> secret : secrets.entrySet()) {
                for (String line : written) {
                    // The report shows where it leaked, not the secret itself.
                    assertFalse(
                            line.contains(secret.getValue()),
                            "the " + secret.getKey() + " in a log line: "
                                    + line.replace(secret.getValue(), "<" + secret.getKey() + ">"));
                }
            }
            assertTrue(written.size() > 20, "the scenario logged " + written.size() + " lines");
        }
    }

    private static String credentials(String user, String password) {
        return ApiClient.basic(user, password).substring("Basic ".length());
    }

    private static void awaitDelivered(CapturedLogs logs, TestAccount account, int deliveries) {
        Eventually.until(
                deliveries + " deliveries logged",
                () -> logs.matching(line -> line.path("message").asText().equals("Delivery attempted")
                        && line.path("accountSid").asText().equals(account.sid())
                        && line.path("outcome").asText().equals("delivered")),
                found -> found.size() >= deliveries);
    }
}
