package dev.monitor.alarms;

import static dev.monitor.alarms.AlarmFixtures.createAlarm;
import static dev.monitor.alarms.AlarmFixtures.emailsTo;
import static dev.monitor.alarms.AlarmFixtures.receivedAt;
import static dev.monitor.alarms.AlarmFixtures.recordAlerts;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.standardwebhooks.Webhook;
import dev.monitor.jackson.Json;
import dev.monitor.testing.Eventually;
import dev.monitor.testing.RunningStack;
import dev.monitor.testing.TestAccount;
import dev.monitor.testing.WebhookReceiver;
import java.net.http.HttpHeaders;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.junit.jupiter.api.Test;

/**
 * The alarms issue's acceptance on the local stack, from the alerts to what arrives: an alarm on
 * error 11200, at least 5 in FIVE_MINS, by webhook and email; 5 such alerts bring exactly one signed
 * webhook and one email; 3 more in the same window bring nothing more.
 */
class AlarmDeliveryAcceptanceTest {
    @Test
    void fiveAlertsInAWindowBringOneWebhookAndOneEmailAndThreeMoreBringNothing() throws Exception {
        TestAccount account = RunningStack.newAccount();
        String email = "oncall+" + account.sid() + "@example.com";
        try (WebhookReceiver receiver = WebhookReceiver.ok()) {
            createAlarm(account.client(), """
                    {"friendlyName": "HTTP retrieval failures", "queryType": "ERROR_CODE", "query": "11200", "triggerValue": 5,
                     "timeWindow": "FIVE_MINS", "webhook": "%s", "email": ["%s"]}""".formatted(receiver.url("/alarm"), email));
            // Every alert of the test has this date, so all fall in one five-minute window.
            Instant date = Instant.now().truncatedTo(ChronoUnit.SECONDS);
            recordAlerts(account, "11200", 5, date);

            Eventually.until("the alarm's webhook", () -> receivedAt(receiver, "/alarm"), list -> !list.isEmpty());
            Eventually.until("the alarm's email", () -> emailsTo(email), list -> !list.isEmpty());
            WebhookReceiver.Received webhook = receivedAt(receiver, "/alarm").get(0);
            String secret = account.client()
                    .get("/v1/SigningSecret")
                    .json()
                    .get("secret")
                    .asText();
            new Webhook(secret).verify(webhook.body(), HttpHeaders.of(webhook.headers(), (name, value) -> true));
            assertEquals(
                    "alarm.triggered", Json.parse(webhook.body()).get("type").asText());

            // A marker alarm shows when the stream has carried the next alerts through the counter and notifier.
            createAlarm(account.client(), """
                    {"friendlyName": "marker", "queryType": "ERROR_CODE", "query": "30003", "triggerValue": 1,
                     "timeWindow": "FIVE_MINS", "webhook": "%s"}""".formatted(receiver.url("/marker")));
            recordAlerts(account, "11200", 3, date);
            recordAlerts(account, "30003", 1, date);
            Eventually.until("the marker's webhook", () -> receivedAt(receiver, "/marker"), list -> !list.isEmpty());
            assertEquals(1, receivedAt(receiver, "/alarm").size(), "no second webhook in the window");
            assertEquals(1, emailsTo(email).size(), "no second email in the window");
        }
    }
}
