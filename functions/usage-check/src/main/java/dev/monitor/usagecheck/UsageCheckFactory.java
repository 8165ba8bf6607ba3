package dev.monitor.usagecheck;

import dev.monitor.aws.AwsClients;
import dev.monitor.dynamo.usage.DynamoTriggerStore;
import dev.monitor.dynamo.usage.DynamoUsageStore;
import dev.monitor.logging.Log;
import dev.monitor.notify.ConsoleLinks;
import dev.monitor.sqs.SqsNotificationQueue;
import dev.monitor.usage.UsageCheck;
import dev.monitor.usage.UsageRecords;
import java.time.Clock;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/** Wires the usage check by its constructors, once per function instance. */
public final class UsageCheckFactory {
    private UsageCheckFactory() {}

    public static UsageCheck create(UsageCheckSettings settings, Clock clock, Log log) {
        AwsClients clients = new AwsClients(settings.aws());
        DynamoDbClient dynamo = clients.dynamoDb();
        DynamoUsageStore usageStore = new DynamoUsageStore(dynamo, settings.table());
        return new UsageCheck(
                usageStore,
                new DynamoTriggerStore(dynamo, settings.table()),
                new UsageRecords(usageStore, settings.pricing(), clock),
                new SqsNotificationQueue(clients.sqs(), settings.notificationsQueueUrl()),
                new ConsoleLinks(settings.publicApiUrl()),
                clock,
                log);
    }
}
