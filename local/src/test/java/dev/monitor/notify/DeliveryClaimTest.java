package dev.monitor.notify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import dev.monitor.ids.Sids;
import dev.monitor.json.Json;
import dev.monitor.testing.RunningStack;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** The guard that makes a job be sent once, against DynamoDB Local: however many copies of a job arrive at once, one is attempted. */
class DeliveryClaimTest {
    private final DeliveryStore store = new DynamoDeliveryStore(RunningStack.get().dynamoDb(), "MonitorTable");

    @Test
    void ofManyCopiesOfAJobClaimedAtOnceOneIsAttemptedAndAfterItNone() throws Exception {
        NotificationJob job = job();
        Instant now = Instant.now();
        ExecutorService threads = Executors.newFixedThreadPool(12);
        try {
            List<Callable<DeliveryStore.Claim>> copies = new ArrayList<>();
            for (int i = 0; i < 12; i++) {
                copies.add(() -> store.claim(job, now, Duration.ofSeconds(60)));
            }
            List<DeliveryStore.Claim> claims = new ArrayList<>();
            for (Future<DeliveryStore.Claim> claim : threads.invokeAll(copies)) {
                claims.add(claim.get());
            }
            List<DeliveryStore.Claimed> claimed = claims.stream()
                    .filter(DeliveryStore.Claimed.class::isInstance).map(DeliveryStore.Claimed.class::cast).toList();
            assertEquals(1, claimed.size(), claims.toString());
            assertEquals(11, claims.stream().filter(DeliveryStore.NotDue.class::isInstance).count());

            store.settle(job.jobId(), claimed.get(0).attempt(), DeliveryStatus.DELIVERED, Optional.empty());
            assertEquals(new DeliveryStore.Finished(DeliveryStatus.DELIVERED), store.claim(job, now.plusSeconds(3600), Duration.ofSeconds(60)));
        } finally {
            threads.shutdown();
        }
    }

    @Test
    void aPendingJobIsNotClaimedBeforeItsNextAttemptIsDue() {
        NotificationJob job = job();
        Instant now = Instant.now();
        DeliveryStore.Claimed first = assertInstanceOf(DeliveryStore.Claimed.class, store.claim(job, now, Duration.ofSeconds(60)));
        store.settle(job.jobId(), first.attempt(), DeliveryStatus.PENDING, Optional.of(now.plusSeconds(300)));

        assertEquals(new DeliveryStore.NotDue(Instant.ofEpochMilli(now.plusSeconds(300).toEpochMilli())),
                store.claim(job, now.plusSeconds(10), Duration.ofSeconds(60)));
        DeliveryStore.Claimed second = assertInstanceOf(DeliveryStore.Claimed.class, store.claim(job, now.plusSeconds(300), Duration.ofSeconds(60)));
        assertEquals(2, second.attempt());
        assertEquals(first.deliverySid(), second.deliverySid());
    }

    private static NotificationJob job() {
        String alarm = Sids.random("AL");
        String url = "https://hooks.example.com/" + alarm;
        return new NotificationJob(NotificationJobs.jobId(alarm, NotificationJob.Channel.WEBHOOK, url), Sids.random("AC"),
                new NotificationJob.Source(NotificationJob.SourceType.ALARM, alarm), NotificationJob.Channel.WEBHOOK, url,
                new NotificationJob.StandardWebhook("alarm.triggered", Instant.now(), Json.object()), Instant.now());
    }
}
