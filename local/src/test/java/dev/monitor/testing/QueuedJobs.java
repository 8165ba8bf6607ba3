package dev.monitor.testing;

import dev.monitor.notify.NotificationJob;
import dev.monitor.notify.NotificationJobs;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;

/**
 * The notification jobs producers put on the stack's NotificationsQueue, as the notifier would
 * receive them. Jobs of other tests' accounts are left on the queue for them.
 */
public final class QueuedJobs {
    private QueuedJobs() {
    }

    /** Receives the queue's jobs of the account until {@code until} holds for what was received, or the wait runs out. */
    public static List<NotificationJob> await(String accountSid, Predicate<List<NotificationJob>> until, Duration wait) {
        SqsClient sqs = RunningStack.get().sqs();
        String url = sqs.getQueueUrl(request -> request.queueName("NotificationsQueue")).queueUrl();
        List<NotificationJob> received = new ArrayList<>();
        Instant deadline = Instant.now().plus(wait);
        while (!until.test(received) && Instant.now().isBefore(deadline)) {
            List<Message> messages = sqs.receiveMessage(request -> request.queueUrl(url).maxNumberOfMessages(10).waitTimeSeconds(1)).messages();
            for (Message message : messages) {
                NotificationJob job = NotificationJobs.fromJson(message.body());
                if (job.accountSid().equals(accountSid)) {
                    received.add(job);
                    sqs.deleteMessage(request -> request.queueUrl(url).receiptHandle(message.receiptHandle()));
                } else {
                    sqs.changeMessageVisibility(request -> request.queueUrl(url).receiptHandle(message.receiptHandle()).visibilityTimeout(0));
                }
            }
        }
        return received;
    }

    public static List<NotificationJob> await(String accountSid, int count) {
        return await(accountSid, jobs -> jobs.size() >= count, Duration.ofSeconds(20));
    }
}
