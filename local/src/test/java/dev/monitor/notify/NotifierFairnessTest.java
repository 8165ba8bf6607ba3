package dev.monitor.notify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.monitor.testing.ApiClient;
import dev.monitor.testing.Eventually;
import dev.monitor.testing.RunningStack;
import dev.monitor.testing.TestAccount;
import dev.monitor.testing.WebhookReceiver;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/**
 * One account's alarm storm never holds up another account's notification: the notifier gives each account a share of
 * its invocations (DeliveryShare), so while 200 webhooks of one account wait on a receiver that takes 10 s to answer,
 * another account's alarm webhook is sent at once; and every one of the storm's webhooks is still sent, once.
 */
class NotifierFairnessTest {
    private static final int STORM = 200;
    private static final Duration SLOW_ANSWER = Duration.ofSeconds(10);
    /** Once the storm's receiver answers at once, what it has left takes this long at most to drain. */
    private static final Duration DRAIN = Duration.ofMinutes(2);

    @Test
    void anotherAccountsWebhookArrivesWhileOneAccountsStormWaitsOnItsSlowReceiver() throws Exception {
        TestAccount storming = RunningStack.newAccount();
        TestAccount other = RunningStack.newAccount();
        try (WebhookReceiver slow = WebhookReceiver.slow(SLOW_ANSWER);
                WebhookReceiver fast = WebhookReceiver.ok()) {
            createAlarms(storming, STORM, slow);
            createAlarm(other.client(), fast.url("/other"));

            alert(storming);
            Eventually.until("the storm's first webhook", () -> slow.received().size(), count -> count > 0);
            alert(other);
            Eventually.until(
                    "the other account's webhook", () -> fast.received().size(), count -> count == 1);

            // No webhook of the storm has been answered yet: its first ones are still waiting on their receiver.
            assertEquals(
                    0,
                    slow.answered(),
                    "the other account's webhook came only after some of the storm's webhooks were answered");
            assertTrue(slow.received().size() < STORM, "the storm was still being delivered");

            slow.answerAtOnce();
            Instant deadline = Instant.now().plus(DRAIN);
            while (uniqueWebhooks(slow) < STORM && Instant.now().isBefore(deadline)) {
                Thread.sleep(200);
            }
            assertEquals(STORM, uniqueWebhooks(slow), "every webhook of the storm");
            assertEquals(STORM, slow.received().size(), "each once");
            // Each recorded once its invocation has settled, a moment after its receiver answered.
            Eventually.until(
                    "every delivery of the storm recorded delivered",
                    () -> storming.client()
                            .get("/v1/Deliveries?Status=delivered&PageSize=1000")
                            .json()
                            .get("deliveries")
                            .size(),
                    delivered -> delivered == STORM);
        }
    }

    private static long uniqueWebhooks(WebhookReceiver receiver) {
        Set<String> ids = new HashSet<>();
        receiver.received().forEach(webhook -> ids.add(webhook.header("webhook-id")));
        return ids.size();
    }

    private static void createAlarms(TestAccount account, int count, WebhookReceiver receiver) throws Exception {
        ExecutorService clients = Executors.newFixedThreadPool(4);
        try {
            List<Future<?>> created = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                String url = receiver.url("/storm/" + i);
                created.add(clients.submit(() -> createAlarm(account.client(), url)));
            }
            for (Future<?> alarm : created) {
                alarm.get();
            }
        } finally {
            clients.shutdown();
        }
    }

    private static void createAlarm(ApiClient client, String webhook) {
        ApiClient.Response response = client.postJson("/v2/Alarms", """
                {"friendlyName": "storm", "queryType": "ERROR_CODE", "query": "30001", "triggerValue": 1,
                 "timeWindow": "FIVE_MINS", "webhook": "%s"}""".formatted(webhook));
        assertEquals(201, response.status(), response.text());
    }

    private static void alert(TestAccount account) {
        ApiClient.Response response = account.client().postJson("/v1/Alerts", "{\"error_code\": \"30001\"}");
        assertEquals(201, response.status(), response.text());
    }
}
