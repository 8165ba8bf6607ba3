package dev.monitor.notify;

import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchResponse;

/**
 * The notifications queue on SQS, ten messages to a request, the most SendMessageBatch takes. Every message names its
 * job's account as its {@code MessageGroupId}: on a standard queue that makes it an SQS fair queue, which serves other
 * accounts' messages first while one account's backlog grows.
 */
public final class SqsNotificationQueue implements NotificationQueue {
    private static final int MAX_BATCH = 10;

    private final SqsClient sqs;
    private final String queueUrl;

    public SqsNotificationQueue(SqsClient sqs, String queueUrl) {
        this.sqs = sqs;
        this.queueUrl = queueUrl;
    }

    @Override
    public void enqueue(List<NotificationJob> jobs) {
        for (int from = 0; from < jobs.size(); from += MAX_BATCH) {
            List<SendMessageBatchRequestEntry> entries = new ArrayList<>();
            List<NotificationJob> batch = jobs.subList(from, Math.min(jobs.size(), from + MAX_BATCH));
            for (int i = 0; i < batch.size(); i++) {
                entries.add(SendMessageBatchRequestEntry.builder()
                        .id(Integer.toString(i))
                        .messageBody(NotificationJobs.toJson(batch.get(i)))
                        .messageGroupId(batch.get(i).accountSid())
                        .build());
            }
            SendMessageBatchResponse response =
                    sqs.sendMessageBatch(request -> request.queueUrl(queueUrl).entries(entries));
            if (!response.failed().isEmpty()) {
                throw new IllegalStateException(response.failed().size() + " notification jobs were not queued: "
                        + response.failed().get(0).message());
            }
        }
    }
}
