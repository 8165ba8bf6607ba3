package dev.monitor.notify;

import static dev.monitor.notify.NotificationsTest.webhookJob;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.monitor.ids.Sids;
import dev.monitor.sqs.SqsNotificationQueue;
import dev.monitor.testing.ApiClient;
import dev.monitor.testing.Eventually;
import dev.monitor.testing.PageWalk;
import dev.monitor.testing.RunningStack;
import dev.monitor.testing.TestAccount;
import dev.monitor.testing.WebhookReceiver;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

/** Sending a delivery again from the API, and what a delivery shows of its attempts. */
class DeliveryRetryTest {
    private static final String QUEUE_URL = RunningStack.get()
            .sqs()
            .getQueueUrl(request -> request.queueName("NotificationsQueue"))
            .queueUrl();
    private static final NotificationQueue QUEUE =
            new SqsNotificationQueue(RunningStack.get().sqs(), QUEUE_URL);

    private static JsonNode awaitDelivery(TestAccount account, String sourceSid, Predicate<JsonNode> done) {
        return Eventually.until(
                "the delivery for " + sourceSid,
                () -> {
                    JsonNode deliveries = account.client()
                            .get("/v1/Deliveries?SourceSid=" + sourceSid)
                            .json()
                            .get("deliveries");
                    return deliveries.size() == 1 ? deliveries.get(0) : null;
                },
                delivery -> delivery != null && done.test(delivery));
    }

    private static JsonNode fetch(TestAccount account, JsonNode delivery) {
        return account.client()
                .get("/v1/Deliveries/" + delivery.get("sid").asText())
                .json();
    }

    @Test
    void aPendingDeliveryWaitingForItsNextAttemptIsSentAtOnceOnRetry() {
        TestAccount account = RunningStack.newAccount();
        boolean[] fixed = {false};
        try (WebhookReceiver receiver = WebhookReceiver.answering(n -> fixed[0] ? 200 : 503, "15")) {
            // Its first attempt fails; the receiver asks for the next one in 15 s, well after the retry.
            NotificationJob job = webhookJob(account, receiver.url("/later"), Sids.random("AL"));
            QUEUE.enqueue(List.of(job));
            JsonNode waiting = awaitDelivery(
                    account,
                    job.source().sid(),
                    delivery -> delivery.get("status").asText().equals("pending")
                            && delivery.get("attempt_count").asInt() == 1
                            && !delivery.get("next_attempt_date").isNull());
            assertEquals(
                    waiting.get("url").asText() + "/Retry",
                    waiting.get("links").get("retry").asText());

            fixed[0] = true;
            ApiClient.Response retried = account.client()
                    .postForm("/v1/Deliveries/" + waiting.get("sid").asText() + "/Retry", "");
            assertEquals(202, retried.status(), retried.text());
            JsonNode delivered = awaitDelivery(
                    account,
                    job.source().sid(),
                    delivery -> delivery.get("status").asText().equals("delivered"));
            assertEquals(2, delivered.get("attempt_count").asInt());
            assertEquals(2, receiver.received().size(), "sent once more, at once");
            assertTrue(delivered.get("links").get("retry").isNull(), "a delivered delivery cannot be retried");
            assertEquals(
                    409,
                    account.client()
                            .postForm("/v1/Deliveries/" + delivered.get("sid").asText() + "/Retry", "")
                            .status());
        }
    }

    @Test
    void aDeliveryToADisabledTargetCountsTheAttemptItShows() {
        TestAccount account = RunningStack.newAccount();
        try (WebhookReceiver receiver = WebhookReceiver.answering(n -> 410)) {
            String url = receiver.url("/gone");
            NotificationJob first = webhookJob(account, url, Sids.random("AL"));
            QUEUE.enqueue(List.of(first));
            awaitDelivery(
                    account,
                    first.source().sid(),
                    delivery -> delivery.get("status").asText().equals("failed"));
            NotificationJob second = webhookJob(account, url, Sids.random("AL"));
            QUEUE.enqueue(List.of(second));
            JsonNode refused = fetch(
                    account,
                    awaitDelivery(
                            account,
                            second.source().sid(),
                            delivery -> delivery.get("status").asText().equals("failed")));
            assertEquals("disabled_target", refused.get("last_error_class").asText());
            assertEquals(
                    refused.get("attempts").size(), refused.get("attempt_count").asInt(), refused.toString());
            assertEquals(1, refused.get("attempt_count").asInt(), refused.toString());
            assertEquals(1, receiver.received().size(), "nothing was sent to the disabled URL");
        }
    }

    @Test
    void deliveriesPageBothWays() {
        TestAccount account = RunningStack.newAccount();
        try (WebhookReceiver receiver = WebhookReceiver.ok()) {
            List<String> sources = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                NotificationJob job = webhookJob(account, receiver.url("/paged"), Sids.random("AL"));
                sources.add(job.source().sid());
                QUEUE.enqueue(List.of(job));
            }
            for (String source : sources) {
                awaitDelivery(
                        account,
                        source,
                        delivery -> delivery.get("status").asText().equals("delivered"));
            }
            List<List<String>> pages = PageWalk.monitor(
                    account.client(),
                    "/v1/Deliveries?PageSize=2",
                    "deliveries",
                    delivery -> delivery.get("sid").asText());
            assertEquals(3, pages.size());
            assertEquals(
                    3,
                    PageWalk.monitor(
                                    account.client(),
                                    "/v1/Deliveries?PageSize=2&Status=delivered",
                                    "deliveries",
                                    delivery -> delivery.get("sid").asText())
                            .size());
        }
    }
}
