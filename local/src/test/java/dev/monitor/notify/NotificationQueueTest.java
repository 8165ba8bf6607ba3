package dev.monitor.notify;

import static dev.monitor.notify.NotificationsTest.webhookJob;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.monitor.ids.Sids;
import dev.monitor.jackson.NotificationJobs;
import dev.monitor.sqs.SqsNotificationQueue;
import dev.monitor.testing.RunningStack;
import dev.monitor.testing.TestAccount;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;

/** What producers put on the notifications queue, as SQS holds it: on a queue of the test's own, in ElasticMQ. */
class NotificationQueueTest {
    private static final SqsClient SQS = RunningStack.get().sqs();

    @Test
    void everyMessageNamesItsJobsAccountAsItsGroupSoThatSqsServesAccountsFairly() {
        TestAccount first = RunningStack.newAccount();
        TestAccount second = RunningStack.newAccount();
        String url = SQS.createQueue(request -> request.queueName("notification-groups-" + Sids.random("Q")))
                .queueUrl();
        try {
            List<NotificationJob> jobs = new ArrayList<>();
            Map<String, String> accountOfJob = new HashMap<>();
            for (int i = 0; i < 12; i++) {
                TestAccount account = i % 3 == 0 ? second : first;
                NotificationJob job = webhookJob(account, "https://hooks.example.com/" + i, Sids.random("AL"));
                jobs.add(job);
                accountOfJob.put(job.jobId(), account.sid());
            }

            new SqsNotificationQueue(SQS, url).enqueue(jobs);

            Map<String, String> groupOfJob = new HashMap<>();
            List<Message> received;
            do {
                received = SQS.receiveMessage(request -> request.queueUrl(url)
                                .maxNumberOfMessages(10)
                                .messageSystemAttributeNames(MessageSystemAttributeName.MESSAGE_GROUP_ID))
                        .messages();
                for (Message message : received) {
                    groupOfJob.put(
                            NotificationJobs.fromJson(message.body()).jobId(),
                            message.attributes().get(MessageSystemAttributeName.MESSAGE_GROUP_ID));
                }
            } while (!received.isEmpty());
            assertEquals(accountOfJob, groupOfJob);
        } finally {
            SQS.deleteQueue(request -> request.queueUrl(url));
        }
    }
}
