package dev.monitor.alertcounter;

import dev.monitor.alarms.AlarmCounts;
import dev.monitor.alarms.AlarmEvaluator;
import dev.monitor.alarms.AlarmNotifications;
import dev.monitor.alarms.AlarmResolutionCheck;
import dev.monitor.alarms.AlertStreamProcessor;
import dev.monitor.alarms.DynamoAlarmStore;
import dev.monitor.alerts.AlertCounter;
import dev.monitor.alerts.CounterStore;
import dev.monitor.alerts.DynamoCounterStore;
import dev.monitor.aws.AwsClients;
import dev.monitor.config.Settings;
import dev.monitor.notify.SqsNotificationQueue;
import java.time.Clock;
import java.util.function.Consumer;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/** Wires the alert counter's and the alarm resolution check's parts by their constructors, once per function instance. */
public final class AlertCounterFactory {
    private static final Consumer<String> LOG = System.err::println;

    private AlertCounterFactory() {}

    public static AlertStreamProcessor create(Settings settings, Clock clock) {
        AwsClients clients = new AwsClients(settings);
        return create(
                settings,
                clients.dynamoDb(),
                new SqsNotificationQueue(clients.sqs(), settings.requiredNotificationsQueueUrl()),
                clock);
    }

    /** With the clients given, so the benchmark can count the requests they make. */
    public static AlertStreamProcessor create(
            Settings settings, DynamoDbClient dynamo, SqsNotificationQueue queue, Clock clock) {
        CounterStore counters = new DynamoCounterStore(dynamo, settings.tableName());
        AlarmEvaluator evaluator = new AlarmEvaluator(
                new DynamoAlarmStore(dynamo, settings.tableName()),
                new AlarmCounts(counters),
                queue,
                new AlarmNotifications(settings.publicApiUrl()),
                clock,
                LOG);
        return new AlertStreamProcessor(new AlertCounter(counters, LOG), evaluator);
    }

    public static AlarmResolutionCheck resolutionCheck(Settings settings, Clock clock) {
        AwsClients clients = new AwsClients(settings);
        DynamoDbClient dynamo = clients.dynamoDb();
        return new AlarmResolutionCheck(
                new DynamoAlarmStore(dynamo, settings.tableName()),
                new AlarmCounts(new DynamoCounterStore(dynamo, settings.tableName())),
                new SqsNotificationQueue(clients.sqs(), settings.requiredNotificationsQueueUrl()),
                new AlarmNotifications(settings.publicApiUrl()),
                clock,
                LOG);
    }
}
