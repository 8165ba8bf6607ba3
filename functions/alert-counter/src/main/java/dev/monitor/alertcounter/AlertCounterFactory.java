package dev.monitor.alertcounter;

import dev.monitor.alarms.AlarmCounts;
import dev.monitor.alarms.AlarmNotifications;
import dev.monitor.alerts.CounterStore;
import dev.monitor.aws.AwsClients;
import dev.monitor.cloudwatch.FunctionLog;
import dev.monitor.config.AlarmFunctionSettings;
import dev.monitor.dynamo.alarms.DynamoAlarmStore;
import dev.monitor.dynamo.alerts.DynamoCounterStore;
import dev.monitor.sqs.SqsNotificationQueue;
import java.time.Clock;
import java.util.concurrent.Executors;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/** Wires the alert counter's parts by their constructors, once per function instance. */
public final class AlertCounterFactory {
    /** Alarms evaluated at once: a batch's storm of firings is a few round trips, not one after another. */
    static final int CONCURRENT_EVALUATIONS = 16;

    private AlertCounterFactory() {}

    public static AlertStreamProcessor create(AlarmFunctionSettings settings, Clock clock, FunctionLog log) {
        AwsClients clients = new AwsClients(settings.aws());
        return create(
                settings,
                clients.dynamoDb(),
                new SqsNotificationQueue(clients.sqs(), settings.notificationsQueueUrl()),
                clock,
                log);
    }

    /** With the clients given, so the benchmark can count the requests they make. */
    public static AlertStreamProcessor create(
            AlarmFunctionSettings settings,
            DynamoDbClient dynamo,
            SqsNotificationQueue queue,
            Clock clock,
            FunctionLog log) {
        CounterStore counters = new DynamoCounterStore(dynamo, settings.table());
        AlarmEvaluator evaluator = new AlarmEvaluator(
                new DynamoAlarmStore(dynamo, settings.table()),
                new AlarmCounts(counters),
                queue,
                new AlarmNotifications(settings.publicApiUrl()),
                Executors.newFixedThreadPool(CONCURRENT_EVALUATIONS, runnable -> {
                    Thread thread = new Thread(runnable, "alarm-evaluation");
                    thread.setDaemon(true);
                    return thread;
                }),
                clock,
                log,
                log);
        return new AlertStreamProcessor(new AlertCounter(counters, log), evaluator);
    }
}
