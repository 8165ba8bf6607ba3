package dev.monitor.testing;

import dev.monitor.jackson.NotificationJobs;
import dev.monitor.notify.NotificationJob;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The notification jobs producers queued, as the notifier received them: the local stack's notifier
 * takes every job off NotificationsQueue and records it with its delivery (item {@code DL#<account>},
 * attribute {@code job}), so that record, read from the table, is what producers' tests look at.
 * Each job is returned once, like a message taken off a queue.
 */
public final class QueuedJobs {
    private static final Map<String, Set<String>> RETURNED = new ConcurrentHashMap<>();

    private QueuedJobs() {}

    /** The account's jobs the notifier received since the last call. */
    public static List<NotificationJob> receive(String accountSid) {
        Set<String> returned = RETURNED.computeIfAbsent(accountSid, key -> ConcurrentHashMap.newKeySet());
        List<NotificationJob> jobs = new ArrayList<>();
        for (Map<String, AttributeValue> item : RunningStack.get()
                .dynamoDb()
                .queryPaginator(request -> request.tableName("MonitorTable")
                        .keyConditionExpression("pk = :deliveries")
                        .expressionAttributeValues(Map.of(":deliveries", AttributeValue.fromS("DL#" + accountSid))))
                .items()) {
            NotificationJob job = NotificationJobs.fromJson(item.get("job").s());
            if (returned.add(job.jobId())) {
                jobs.add(job);
            }
        }
        return jobs;
    }

    /** Receives the account's jobs until {@code until} holds for what was received, or the wait runs out. */
    public static List<NotificationJob> await(
            String accountSid, Predicate<List<NotificationJob>> until, Duration wait) {
        List<NotificationJob> received = new ArrayList<>();
        Instant deadline = Instant.now().plus(wait);
        while (!until.test(received) && Instant.now().isBefore(deadline)) {
            received.addAll(receive(accountSid));
            if (!until.test(received)) {
                pause();
            }
        }
        return received;
    }

    public static List<NotificationJob> await(String accountSid, int count) {
        return await(accountSid, jobs -> jobs.size() >= count, Duration.ofSeconds(20));
    }

    private static void pause() {
        try {
            Thread.sleep(100);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
