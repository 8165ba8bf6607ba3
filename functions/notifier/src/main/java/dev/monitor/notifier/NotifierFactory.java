package dev.monitor.notifier;

import dev.monitor.accounts.AuthTokenSealer;
import dev.monitor.aws.AwsClients;
import dev.monitor.aws.Jitter;
import dev.monitor.cloudwatch.FunctionLog;
import dev.monitor.crypto.SecretSealer;
import dev.monitor.dynamo.accounts.DynamoAccountStore;
import dev.monitor.dynamo.notify.DynamoDeliveryStore;
import dev.monitor.dynamo.notify.DynamoSigningSecretStore;
import dev.monitor.notify.SigningSecrets;
import dev.monitor.notify.WebhookTargets;
import dev.monitor.sqs.SqsNotificationQueue;
import java.time.Clock;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.sqs.SqsClient;

/** Wires the notifier's parts by their constructors, once per function instance. */
final class NotifierFactory {
    /** As many deliveries at once as the largest batch the template gives the function. */
    static final int CONCURRENT_DELIVERIES = 100;

    private NotifierFactory() {}

    static QueueWorker create(NotifierSettings settings, Clock clock, FunctionLog log) {
        return create(settings, new AwsClients(settings.aws()), clock, log);
    }

    /** With clients built elsewhere, such as a benchmark's, which count what the notifier asks of AWS. */
    static QueueWorker create(NotifierSettings settings, AwsClients clients, Clock clock, FunctionLog log) {
        DynamoDbClient dynamo = clients.dynamoDb();
        SqsClient sqs = clients.sqs();
        String table = settings.table();
        SecretSealer sealer = clients.secretSealer(settings.sealingKey());
        ExecutorService executor = Executors.newFixedThreadPool(CONCURRENT_DELIVERIES, runnable -> {
            Thread thread = new Thread(runnable, "delivery");
            thread.setDaemon(true);
            return thread;
        });
        Notifier notifier = new Notifier(
                new DynamoDeliveryStore(dynamo, table),
                new SigningSecrets(new DynamoSigningSecretStore(dynamo, table), sealer, clock),
                new DynamoAccountStore(dynamo, table),
                new AuthTokenSealer(sealer),
                new OkHttpWebhookClient(
                        WebhookTargets.withDns(settings.allowPrivateWebhookTargets()),
                        CONCURRENT_DELIVERIES,
                        OkHttpWebhookClient.Timeouts.DEFAULT,
                        clock),
                new SesEmailSender(clients.sesV2(), settings.sender()),
                new SqsNotificationQueue(sqs, settings.deadLetterQueueUrl()),
                settings.retrySchedule(),
                executor,
                clock,
                Jitter::next,
                log,
                log);
        return new QueueWorker(
                notifier,
                new SqsNotificationQueue(sqs, settings.notificationsQueueUrl()),
                sqs,
                settings.notificationsQueueUrl(),
                settings.deadLetterQueueUrl(),
                log,
                log);
    }
}
