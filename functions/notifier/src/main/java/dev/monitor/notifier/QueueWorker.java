package dev.monitor.notifier;

import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
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

    SQSBatchResponse handle(List<SQSEvent.SQSMessage> messages) {
        List<SQSBatchResponse.BatchItemFailure> failures = new ArrayList<>();
        List<NotificationJob> jobs = new ArrayList<>();
        List<SQSEvent.SQSMessage> jobMessages = new ArrayList<>();
        for (SQSEvent.SQSMessage message : messages) {
            try {
                jobs.add(NotificationJobs.fromJson(message.getBody()));
                jobMessages.add(message);
            } catch (IllegalArgumentException e) {
                if (!moveToDeadLetters(message, e.getMessage())) {
                    failures.add(new SQSBatchResponse.BatchItemFailure(message.getMessageId()));
                }
            }
        }
        List<Notifier.Outcome> outcomes = notifier.deliverAll(jobs);
        List<ChangeMessageVisibilityBatchRequestEntry> hide = new ArrayList<>();
        for (int i = 0; i < outcomes.size(); i++) {
            Notifier.Outcome outcome = outcomes.get(i);
            SQSEvent.SQSMessage message = jobMessages.get(i);
            if (outcome instanceof Notifier.RetryIn retry) {
                long seconds = Math.min(43_200, (retry.delay().toMillis() + 999) / 1000);
                hide.add(ChangeMessageVisibilityBatchRequestEntry.builder()
                        .id(Integer.toString(hide.size())).receiptHandle(message.getReceiptHandle()).visibilityTimeout((int) seconds).build());
                failures.add(new SQSBatchResponse.BatchItemFailure(message.getMessageId()));
            } else if (outcome instanceof Notifier.Unsettled) {
                failures.add(new SQSBatchResponse.BatchItemFailure(message.getMessageId()));
            }
        }
        hideUntilDue(hide);
        return new SQSBatchResponse(failures);
    }

    /** A message that is no job can never be delivered: it goes where an operator looks, at once. */
    private boolean moveToDeadLetters(SQSEvent.SQSMessage message, String problem) {
        log.accept("Message " + message.getMessageId() + " is no notification job (" + problem + "): moving it to the dead-letter queue");
        try {
            sqs.sendMessage(request -> request.queueUrl(deadLetterQueueUrl).messageBody(message.getBody()));
            return true;
        } catch (RuntimeException e) {
            log.accept("Moving message " + message.getMessageId() + " to the dead-letter queue failed: " + e);
            return false;
        }
    }

    /**
     * If hiding a message fails, it comes back after the queue's visibility timeout instead, finds its
     * job not yet due, and is hidden again: late, never early.
     */
    private void hideUntilDue(List<ChangeMessageVisibilityBatchRequestEntry> entries) {
        for (int from = 0; from < entries.size(); from += MAX_BATCH) {
            List<ChangeMessageVisibilityBatchRequestEntry> batch = entries.subList(from, Math.min(entries.size(), from + MAX_BATCH));
            try {
                ChangeMessageVisibilityBatchResponse response = sqs.changeMessageVisibilityBatch(request -> request.queueUrl(queueUrl).entries(batch));
                response.failed().forEach(failed -> log.accept("Hiding a message until its next attempt failed: " + failed.message()));
            } catch (RuntimeException e) {
                log.accept("Hiding " + batch.size() + " messages until their next attempts failed: " + e);
            }
        }
    }
}
