package dev.monitor.notifier;

import dev.monitor.lambda.QueueMessage;
import dev.monitor.notify.NotificationJob;
import dev.monitor.notify.NotificationJobs;
import dev.monitor.notify.Notifier;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
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
    private final Consumer<String> log;

    QueueWorker(Notifier notifier, SqsClient sqs, String queueUrl, String deadLetterQueueUrl, Consumer<String> log) {
        this.notifier = notifier;
        this.sqs = sqs;
        this.queueUrl = queueUrl;
        this.deadLetterQueueUrl = deadLetterQueueUrl;
        this.log = log;
    }

    /** Returns the ids of the messages to keep on the queue: Lambda's batch item failures. */
    List<String> handle(List<QueueMessage> messages) {
        List<String> failures = new ArrayList<>();
        List<NotificationJob> jobs = new ArrayList<>();
        List<QueueMessage> jobMessages = new ArrayList<>();
        for (QueueMessage message : messages) {
            try {
                jobs.add(NotificationJobs.fromJson(message.body()));
                jobMessages.add(message);
            } catch (IllegalArgumentException e) {
                if (!moveToDeadLetters(message, e.getMessage())) {
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
        return failures;
    }

    /** A message that is no job can never be delivered: it goes where an operator looks, at once. */
    private boolean moveToDeadLetters(QueueMessage message, String problem) {
        log.accept("Message " + message.messageId() + " is no notification job (" + problem
                + "): moving it to the dead-letter queue");
        try {
            sqs.sendMessage(request -> request.queueUrl(deadLetterQueueUrl).messageBody(message.body()));
            return true;
        } catch (RuntimeException e) {
            log.accept("Moving message " + message.messageId() + " to the dead-letter queue failed: " + e);
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
                        .forEach(failed ->
                                log.accept("Hiding a message until its next attempt failed: " + failed.message()));
            } catch (RuntimeException e) {
                log.accept("Hiding " + batch.size() + " messages until their next attempts failed: " + e);
            }
        }
    }
}
