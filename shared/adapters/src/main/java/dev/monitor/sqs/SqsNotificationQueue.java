package dev.monitor.sqs;

import dev.monitor.jackson.NotificationJobs;
import dev.monitor.notify.NotificationJob;
import dev.monitor.notify.NotificationQueue;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
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
    /** The longest delay SQS gives a message. */
    private static final long MAX_DELAY_SECONDS = 900;

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
            for (int i = from; i < Math.min(jobs.size(), from + MAX_BATCH); i++) {
                entries.add(entry(i, jobs.get(i), Duration.ZERO));
            }
            SendMessageBatchResponse response =
                    sqs.sendMessageBatch(request -> request.queueUrl(queueUrl).entries(entries));
            if (!response.failed().isEmpty()) {
                throw new IllegalStateException(response.failed().size() + " notification jobs were not queued: "
                        + response.failed().get(0).message());
            }
        }
    }

    /**
     * Queues each job to be received only after its delay (in whole seconds, rounded up, at most SQS's 15 minutes).
     * A request that fails throws, though the requests before it may have queued their jobs.
     *
     * @return the positions of the jobs that SQS did not queue
     */
    public Set<Integer> enqueueDelayed(List<NotificationJob> jobs, List<Duration> delays) {
        Set<Integer> failed = new TreeSet<>();
        for (int from = 0; from < jobs.size(); from += MAX_BATCH) {
            List<SendMessageBatchRequestEntry> entries = new ArrayList<>();
            for (int i = from; i < Math.min(jobs.size(), from + MAX_BATCH); i++) {
                entries.add(entry(i, jobs.get(i), delays.get(i)));
            }
            sqs.sendMessageBatch(request -> request.queueUrl(queueUrl).entries(entries))
                    .failed()
                    .forEach(entry -> failed.add(Integer.parseInt(entry.id())));
        }
        return failed;
    }

    private static SendMessageBatchRequestEntry entry(int position, NotificationJob job, Duration delay) {
        long seconds = Math.min(MAX_DELAY_SECONDS, (delay.toMillis() + 999) / 1000);
        return SendMessageBatchRequestEntry.builder()
                .id(Integer.toString(position))
                .messageBody(NotificationJobs.toJson(job))
                .messageGroupId(job.accountSid())
                .delaySeconds((int) seconds)
                .build();
    }
}
