package dev.monitor.alarms;

import static dev.monitor.alarms.AlarmFixtures.awaitCounted;
import static dev.monitor.alarms.AlarmFixtures.createAlarm;
import static dev.monitor.alarms.AlarmFixtures.emailsTo;
import static dev.monitor.alarms.AlarmFixtures.receivedAt;
import static dev.monitor.alarms.AlarmFixtures.recordAlerts;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.standardwebhooks.Webhook;
import dev.monitor.jackson.Json;
import dev.monitor.testing.Eventually;
import dev.monitor.testing.RunningStack;
import dev.monitor.testing.TestAccount;
import dev.monitor.testing.WebhookReceiver;
import java.net.http.HttpHeaders;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Resolved notifications on the local stack, from the alerts to what arrives. The alerts are dated
 * half an hour back, so the windows after the fired ones have closed and the every-minute resolution
 * check ({@code AlarmResolutionFunction}, run here at once) finds them due.
 */
class AlarmResolutionAcceptanceTest {
    private static final Duration FIVE_MINUTES = Duration.ofMinutes(5);

    /** The start of the five-minute window half an hour ago. */
    private static Instant windowHalfAnHourAgo() {
        return TimeWindow.FIVE_MINS
                .windowOf(Instant.now().minus(Duration.ofMinutes(30)))
                .start();
    }

    @Test
    void whenTheNextWindowClosesBelowTheThresholdOneResolvedWebhookAndEmailArrive() throws Exception {
        TestAccount account = RunningStack.newAccount();
        String email = "oncall+" + account.sid() + "@example.com";
        Instant fired = windowHalfAnHourAgo();
        try (WebhookReceiver receiver = WebhookReceiver.ok()) {
            String alarm = createAlarm(account.client(), """
                    {"friendlyName": "HTTP retrieval failures", "queryType": "ERROR_CODE", "query": "11200", "triggerValue": 5,
                     "timeWindow": "FIVE_MINS", "webhook": "%s", "email": ["%s"], "sendResolved": true}""".formatted(receiver.url("/alarm"), email));
            // Fewer than the threshold in the next window, counted before the window before it fires, so that the
            // stack's own every-minute check, whenever it runs, sees them.
            recordAlerts(account, "11200", 2, fired.plus(FIVE_MINUTES).plusSeconds(30));
            awaitCounted(account, fired, fired.plus(FIVE_MINUTES.multipliedBy(2)), 2);
            recordAlerts(account, "11200", 5, fired.plusSeconds(30));
            Eventually.until("the triggered webhook", () -> receivedAt(receiver, "/alarm"), list -> list.size() == 1);

            RunningStack.get().runScheduled("AlarmResolutionFunction");

            List<WebhookReceiver.Received> webhooks = Eventually.until(
                    "the resolved webhook", () -> receivedAt(receiver, "/alarm"), list -> list.size() == 2);
            WebhookReceiver.Received resolved = webhooks.stream()
                    .filter(webhook -> webhook.body().contains("\"alarm.resolved\""))
                    .findFirst()
                    .orElseThrow();
            String secret = account.client()
                    .get("/v1/SigningSecret")
                    .json()
                    .get("secret")
                    .asText();
            new Webhook(secret).verify(resolved.body(), HttpHeaders.of(resolved.headers(), (name, value) -> true));
            JsonNode data = Json.parse(resolved.body()).get("data");
            assertEquals(alarm, data.get("alarmSid").asText());
            assertEquals(2, data.get("count").asLong(), "the count of the window that closed below the threshold");
            assertEquals(5, data.get("triggerValue").asLong());
            assertEquals(
                    fired.plus(FIVE_MINUTES).toString(), data.get("windowStart").asText());
            assertEquals(fired.toString(), data.get("firedWindowStart").asText());

            List<JsonNode> emails =
                    Eventually.until("the resolved email", () -> emailsTo(email), list -> list.size() == 2);
            assertTrue(
                    emails.stream()
                            .anyMatch(sent -> sent.get("subject")
                                    .asText()
                                    .startsWith("Resolved: alarm 'HTTP retrieval failures'")),
                    emails.toString());

            JsonNode resolution = account.client()
                    .get("/v2/Alarms/" + alarm + "/Logs")
                    .json()
                    .get("logs")
                    .get(0)
                    .get("resolution");
            assertEquals(2, resolution.get("count").asLong());
            assertEquals(2, resolution.get("notifications").size(), "one job per channel");

            // Checked again: the firing was resolved once, and nothing more is sent.
            RunningStack.get().runScheduled("AlarmResolutionFunction");
            createAlarm(account.client(), """
                    {"friendlyName": "marker", "queryType": "ERROR_CODE", "query": "30003", "triggerValue": 1,
                     "timeWindow": "FIVE_MINS", "webhook": "%s"}""".formatted(receiver.url("/marker")));
            recordAlerts(account, "30003", 1, Instant.now());
            Eventually.until("the marker's webhook", () -> receivedAt(receiver, "/marker"), list -> !list.isEmpty());
            assertEquals(2, receivedAt(receiver, "/alarm").size(), "one triggered and one resolved webhook in all");
            assertEquals(2, emailsTo(email).size(), "one triggered and one resolved email in all");
        }
    }

    @Test
    void aRunOfFiredWindowsIsResolvedOnceAfterTheLast() throws Exception {
        TestAccount account = RunningStack.newAccount();
        Instant first = windowHalfAnHourAgo();
        Instant second = first.plus(FIVE_MINUTES);
        try (WebhookReceiver receiver = WebhookReceiver.ok()) {
            String alarm = createAlarm(account.client(), """
                    {"friendlyName": "Twice", "queryType": "ERROR_CODE", "query": "11200", "triggerValue": 3,
                     "timeWindow": "FIVE_MINS", "webhook": "%s", "sendResolved": true}""".formatted(receiver.url("/alarm")));
            // The second window first, so that whenever the stack's own check looks at the first, the second has fired.
            recordAlerts(account, "11200", 3, second.plusSeconds(10));
            awaitCounted(account, first, second.plus(FIVE_MINUTES), 3);
            recordAlerts(account, "11200", 3, first.plusSeconds(10));
            Eventually.until("two triggered webhooks", () -> receivedAt(receiver, "/alarm"), list -> list.size() == 2);

            RunningStack.get().runScheduled("AlarmResolutionFunction");

            JsonNode logs =
                    account.client().get("/v2/Alarms/" + alarm + "/Logs").json().get("logs");
            assertEquals(second.toString(), logs.get(0).get("windowStart").asText(), "newest first");
            assertEquals(
                    second.plus(FIVE_MINUTES).toString(),
                    logs.get(0).get("resolution").get("windowStart").asText());
            assertTrue(
                    logs.get(1).get("resolution").isNull(),
                    "the first window's next window fired: it is not resolved on its own");
            List<WebhookReceiver.Received> webhooks = Eventually.until(
                    "the resolved webhook", () -> receivedAt(receiver, "/alarm"), list -> list.size() == 3);
            List<JsonNode> resolved = new ArrayList<>();
            for (WebhookReceiver.Received webhook : webhooks) {
                JsonNode body = Json.parse(webhook.body());
                if (body.get("type").asText().equals("alarm.resolved")) {
                    resolved.add(body);
                }
            }
            assertEquals(1, resolved.size());
            assertEquals(
                    second.toString(),
                    resolved.get(0).get("data").get("firedWindowStart").asText());
        }
    }

    @Test
    void nothingIsResolvedBeforeTheNextWindowClosesNorForAlarmsThatDidNotAsk() throws Exception {
        TestAccount account = RunningStack.newAccount();
        String open = createAlarm(account.client(), """
                {"friendlyName": "Now", "queryType": "ERROR_CODE", "query": "11200", "triggerValue": 1,
                 "timeWindow": "FIVE_MINS", "email": ["now@example.com"], "sendResolved": true}""");
        String notAsking = createAlarm(account.client(), """
                {"friendlyName": "Quiet", "queryType": "ERROR_CODE", "query": "13225", "triggerValue": 1,
                 "timeWindow": "FIVE_MINS", "email": ["quiet@example.com"]}""");
        recordAlerts(account, "11200", 1, Instant.now());
        recordAlerts(account, "13225", 1, windowHalfAnHourAgo().plusSeconds(10));
        for (String alarm : List.of(open, notAsking)) {
            Eventually.until(
                    "the firing of " + alarm,
                    () -> account.client()
                            .get("/v2/Alarms/" + alarm + "/Logs")
                            .json()
                            .get("logs"),
                    logs -> logs.size() == 1);
        }

        RunningStack.get().runScheduled("AlarmResolutionFunction");

        // The check runs to its end before runScheduled returns, and it records a resolution before it queues anything.
        for (String alarm : List.of(open, notAsking)) {
            JsonNode log = account.client()
                    .get("/v2/Alarms/" + alarm + "/Logs")
                    .json()
                    .get("logs")
                    .get(0);
            assertTrue(log.get("resolution").isNull(), alarm + ": " + log);
        }
    }
}
