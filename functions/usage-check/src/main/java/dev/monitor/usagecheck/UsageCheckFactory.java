package dev.monitor.usagecheck;

import dev.monitor.aws.AwsClients;
import dev.monitor.config.Settings;
import dev.monitor.notify.SqsNotificationQueue;
import dev.monitor.usage.DynamoTriggerStore;
import dev.monitor.usage.DynamoUsageStore;
import dev.monitor.usage.Pricing;
import dev.monitor.usage.UsageCheck;
import dev.monitor.usage.UsageMeter;
import dev.monitor.usage.UsageRecords;
import java.time.Clock;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/** Wires the usage check and the usage meter by their constructors, once per function instance. */
public final class UsageCheckFactory {
    private UsageCheckFactory() {}

    public static UsageCheck check(Settings settings, Clock clock) {
        AwsClients clients = new AwsClients(settings);
        DynamoDbClient dynamo = clients.dynamoDb();
        DynamoUsageStore usageStore = new DynamoUsageStore(dynamo, settings.tableName());
        String queueUrl = settings.notificationsQueueUrl()
                .orElseThrow(() -> new IllegalStateException("MONITOR_NOTIFICATIONS_QUEUE_URL is not set"));
        return new UsageCheck(
                usageStore,
                new DynamoTriggerStore(dynamo, settings.tableName()),
                new UsageRecords(usageStore, pricing(settings), clock),
                new SqsNotificationQueue(clients.sqs(), queueUrl),
                clock,
                System.err::println);
    }

    public static UsageMeter meter(Settings settings, Clock clock) {
        DynamoDbClient dynamo = new AwsClients(settings).dynamoDb();
        return new UsageMeter(new DynamoUsageStore(dynamo, settings.tableName()), clock, System.err::println);
    }

    private static Pricing pricing(Settings settings) {
        return new Pricing(settings.usageFreeEventsPerMonth(), settings.usagePricePerEvent());
    }
}
