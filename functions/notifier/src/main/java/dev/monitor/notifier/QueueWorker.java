package dev.monitor.notifier;

import dev.monitor.jackson.NotificationJobs;
import dev.monitor.lambda.QueueMessage;
import dev.monitor.logging.Log;
import dev.monitor.metrics.Metric;
import dev.monitor.metrics.Metrics;
import dev.monitor.notify.NotificationJob;
import dev.monitor.sqs.SqsNotificationQueue;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.ChangeMessageVisibilityBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.ChangeMessageVisibilityBatchResponse;

/**
 * The notifier's side of the queue: hands a batch's jobs to the {@link Notifier} and turns its
 * outcomes into SQS terms. A job to try later stays on the queue, hidden until then (SQS allows up
 * to 12 hours), and is reported as a batch item failure; a job that waits its account's turn is queued again as a new
 * message, with a delay; the rest are deleted by Lambda.
 */
final class QueueWorker {
    private static final int MAX_BATCH = 10;

    private final Notifier notifier;
    private final SqsNotificationQueue notifications;
    private final SqsClient sqs;
    private final String queueUrl;
    private final String deadLetterQueueUrl;
    private final Log log;
    private final Metrics metrics;

    QueueWorker(
            Notifier notifier,
            SqsNotificationQueue notifications,
            SqsClient sqs,
            String queueUrl,
            String deadLetterQueueUrl,
            Log log,
            Metrics metrics) {
        this.notifier = notifier;
        this.notifications = notifications;
        this.sqs = sqs;
        this.queueUrl = queueUrl;
        this.deadLetterQueueUrl = deadLetterQueueUrl;
        this.log = log;
        this.metrics = metrics;
    }

    /** Returns the ids of the messages to keep on the queue: Lambda's batch item failures. */
    List<String> handle(List<QueueMessage> messages) {
        List<String> failures = new ArrayList<>();
        // Reported every invocation, zeros too: the operators' failure rate divides by them.
        metrics.add(Metric.NOTIFICATIONS_DELIVERED, 0);
        metrics.add(Metric.NOTIFICATIONS_FAILED, 0);
        metrics.add(Metric.NOTIFICATIONS_RETRIED, 0);
        List<NotificationJob> jobs = new ArrayList<>();
        List<QueueMessage> jobMessages = new ArrayList<>();
        for (QueueMessage message : messages) {
            try {
                jobs.add(NotificationJobs.fromJson(message.body()));
                jobMessages.add(message);
            } catch (IllegalArgumentException e) {
                if (!moveToDeadLetters(message)) {
                    failures.add(message.messageId());
                }
            }
        }
        List<Notifier.Outcome> outcomes = notifier.deliverAll(jobs);
        List<ChangeMessageVisibilityBatchRequestEntry> hide = new ArrayList<>();
        List<Integer> deferred = new ArrayList<>();
        for (int i = 0; i < outcomes.size(); i++) {
            Notifier.Outcome outcome = outcomes.get(i);
            QueueMessage message = jobMessages.get(i);
            if (outcome instanceof Notifier.RetryIn retry) {
                hide.add(hiding(hide.size(), message, retry.delay()));
                failures.add(message.messageId());
            } else if (outcome instanceof Notifier.Deferred) {
                deferred.add(i);
            } else if (outcome instanceof Notifier.Unsettled) {
                failures.add(message.messageId());
            }
        }
        // Queued again, the job comes back as a new message and this one goes; if that fails, this one is kept.
        for (int i : queueAgain(deferred, jobs, outcomes)) {
            QueueMessage message = jobMessages.get(i);
            hide.add(hiding(hide.size(), message, ((Notifier.Deferred) outcomes.get(i)).delay()));
            failures.add(message.messageId());
        }
        hideUntilDue(hide);
        metrics.add(Metric.BATCH_ITEM_FAILURES, failures.size());
        return failures;
    }

    /** The positions, among {@code deferred}, of the jobs that could not be queued again. */
    private List<Integer> queueAgain(
            List<Integer> deferred, List<NotificationJob> jobs, List<Notifier.Outcome> outcomes) {
        if (deferred.isEmpty()) {
            return List.of();
        }
        List<NotificationJob> again = new ArrayList<>();
        List<Duration> delays = new ArrayList<>();
        for (int i : deferred) {
            again.add(jobs.get(i));
            delays.add(((Notifier.Deferred) outcomes.get(i)).delay());
        }
        Set<Integer> failed;
        try {
            failed = notifications.enqueueDelayed(again, delays);
        } catch (RuntimeException e) {
            log.write(
                    Log.Level.WARN,
                    "Queueing jobs again for their turn failed: their messages are kept",
                    Map.of("jobs", again.size()),
                    e);
            return deferred;
        }
        if (!failed.isEmpty()) {
            log.warn(
                    "Some jobs were not queued again for their turn: their messages are kept",
                    Map.of("jobs", failed.size()));
        }
        return failed.stream().map(deferred::get).toList();
    }

    private static ChangeMessageVisibilityBatchRequestEntry hiding(int id, QueueMessage message, Duration delay) {
        long seconds = Math.min(43_200, (delay.toMillis() + 999) / 1000);
        return ChangeMessageVisibilityBatchRequestEntry.builder()
                .id(Integer.toString(id))
                .receiptHandle(message.receiptHandle())
                .visibilityTimeout((int) seconds)
                .build();
    }

    /**
     * A message that is no job can never be delivered: it goes where an operator looks, at once. The parser's complaint
     * stays out of the log, as it may quote the message, and with it a webhook URL; the message itself is in the queue.
     */
    private boolean moveToDeadLetters(QueueMessage message) {
        log.warn(
                "A message is no notification job: moving it to the dead-letter queue",
                Map.of("messageId", message.messageId()));
        try {
            sqs.sendMessage(request -> request.queueUrl(deadLetterQueueUrl).messageBody(message.body()));
            return true;
        } catch (RuntimeException e) {
            log.write(
                    Log.Level.WARN,
                    "Moving a message to the dead-letter queue failed",
                    Map.of("messageId", message.messageId()),
                    e);
            return false;
        }
    }

    /**
     * If hiding a message fails, it comes back after the queue's visibility timeout instead, finds its
     * job not yet due, and is hidden again: late, never early.
     */
    private void hideUntilDue(List<ChangeMessageVisibilityBatchRequestEntry> entries) {
        for (int from = 0; from < entries.size(); from += MAX_BATCH) {
            List<ChangeMessageVisibilityBatchRequestEntry> batch =
                    entries.subList(from, Math.min(entries.size(), from + MAX_BATCH));
            try {
                ChangeMessageVisibilityBatchResponse response = sqs.changeMessageVisibilityBatch(
                        request -> request.queueUrl(queueUrl).entries(batch));
                response.failed()
                        .forEach(failed -> log.warn(
                                "Hiding a message until its next attempt failed",
                                Map.of("problem", String.valueOf(failed.message()))));
            } catch (RuntimeException e) {
                log.write(
                        Log.Level.WARN,
                        "Hiding messages until their next attempts failed",
                        Map.of("messages", batch.size()),
                        e);
            }
        }
    }
}
