package dev.monitor.notifier;

import dev.monitor.lambda.QueueMessage;
import dev.monitor.logging.Log;
import dev.monitor.metrics.Metric;
import dev.monitor.metrics.Metrics;
import dev.monitor.notify.NotificationJob;
import dev.monitor.notify.NotificationJobs;
import dev.monitor.notify.Notifier;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.ChangeMessageVisibilityBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.ChangeMessageVisibilityBatchResponse;

/**
 * The notifier's side of the queue: hands a batch's jobs to the {@link Notifier} and turns its
 * outcomes into SQS terms. A job to try later stays on the queue, hidden until then (SQS allows up
 * to 12 hours), and is reported as a batch item failure; the rest are deleted by Lambda.
 */
final class QueueWorker {
    private static final int MAX_BATCH = 10;

    private final Notifier notifier;
    private final SqsClient sqs;
    private final String queueUrl;
    private final String deadLetterQueueUrl;
    private final Log log;
    private final Metrics metrics;

    QueueWorker(
            Notifier notifier, SqsClient sqs, String queueUrl, String deadLetterQueueUrl, Log log, Metrics metrics) {
        this.notifier = notifier;
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
        for (int i = 0; i < outcomes.size(); i++) {
            Notifier.Outcome outcome = outcomes.get(i);
            QueueMessage message = jobMessages.get(i);
            if (outcome instanceof Notifier.RetryIn retry) {
                long seconds = Math.min(43_200, (retry.delay().toMillis() + 999) / 1000);
                hide.add(ChangeMessageVisibilityBatchRequestEntry.builder()
                        .id(Integer.toString(hide.size()))
                        .receiptHandle(message.receiptHandle())
                        .visibilityTimeout((int) seconds)
                        .build());
                failures.add(message.messageId());
            } else if (outcome instanceof Notifier.Unsettled) {
                failures.add(message.messageId());
            }
        }
        hideUntilDue(hide);
        metrics.add(Metric.BATCH_ITEM_FAILURES, failures.size());
        return failures;
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
