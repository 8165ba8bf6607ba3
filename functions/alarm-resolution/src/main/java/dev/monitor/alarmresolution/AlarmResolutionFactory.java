package dev.monitor.alarmresolution;

import dev.monitor.alarms.AlarmCounts;
import dev.monitor.alarms.AlarmNotifications;
import dev.monitor.aws.AwsClients;
import dev.monitor.config.AlarmFunctionSettings;
import dev.monitor.dynamo.alarms.DynamoAlarmStore;
import dev.monitor.dynamo.alerts.DynamoCounterStore;
import dev.monitor.logging.Log;
import dev.monitor.sqs.SqsNotificationQueue;
import java.time.Clock;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/** Wires the alarm resolution check's parts by their constructors, once per function instance. */
public final class AlarmResolutionFactory {
    private AlarmResolutionFactory() {}

    public static AlarmResolutionCheck create(AlarmFunctionSettings settings, Clock clock, Log log) {
        AwsClients clients = new AwsClients(settings.aws());
        DynamoDbClient dynamo = clients.dynamoDb();
        return new AlarmResolutionCheck(
                new DynamoAlarmStore(dynamo, settings.table()),
                new AlarmCounts(new DynamoCounterStore(dynamo, settings.table())),
                new SqsNotificationQueue(clients.sqs(), settings.notificationsQueueUrl()),
                new AlarmNotifications(settings.publicApiUrl()),
                clock,
                log);
    }
}
