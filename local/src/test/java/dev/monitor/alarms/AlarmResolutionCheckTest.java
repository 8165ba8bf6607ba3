package dev.monitor.alarms;

import static dev.monitor.alarms.AlarmFixtures.createAlarm;
import static dev.monitor.alarms.AlarmFixtures.recordAlerts;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.monitor.alarmresolution.AlarmResolutionCheck;
import dev.monitor.aws.AwsClients;
import dev.monitor.config.AwsSettings;
import dev.monitor.config.Environment;
import dev.monitor.config.SharedVariables;
import dev.monitor.dynamo.alarms.DynamoAlarmStore;
import dev.monitor.dynamo.alerts.DynamoCounterStore;
import dev.monitor.logging.Log;
import dev.monitor.notify.NotificationJob;
import dev.monitor.notify.NotificationQueue;
import dev.monitor.testing.Eventually;
import dev.monitor.testing.RunningStack;
import dev.monitor.testing.TestAccount;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.ResourceLock;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * The resolution check when it stops half way: the resolution recorded, its jobs not queued. The
 * check runs on a clock minutes ahead, when the firing is due; the stack's own every-minute run
 * keeps the real time, for which it is not due yet, so it stays out of the way.
 */
// Alone on the shared stack, after the classes that run beside the others there: a check minutes ahead resolves every
// account's alarms.
@Order(Order.DEFAULT + 1)
@ResourceLock(RunningStack.ALL_ACCOUNTS)
class AlarmResolutionCheckTest {
    private static AlarmResolutionCheck checkAt(Instant now, NotificationQueue queue) {
        Environment env = Environment.of(RunningStack.get().functionEnvironment("AlarmResolutionFunction"));
        DynamoDbClient dynamo = new AwsClients(AwsSettings.from(env)).dynamoDb();
        Clock clock = Clock.fixed(now, ZoneOffset.UTC);
        AlarmStore alarms = new DynamoAlarmStore(dynamo, SharedVariables.table(env));
        AlarmNotifications notifications = new AlarmNotifications(Optional.empty());
        return new AlarmResolutionCheck(
                alarms,
                new AlarmCounts(new DynamoCounterStore(dynamo, SharedVariables.table(env))),
                queue,
                notifications,
                clock,
                Log.NONE);
    }

    @Test
    void aCheckThatStopsBeforeQueueingIsFinishedByTheNextWithTheSameJobsAndThenNothingMore() {
        TestAccount account = RunningStack.newAccount();
        String alarm = createAlarm(account.client(), """
                {"friendlyName": "Resolves", "queryType": "ERROR_CODE", "query": "11200", "triggerValue": 2,
                 "timeWindow": "FIVE_MINS", "email": ["resolves@example.com"], "sendResolved": true}""");
        Instant now = Instant.now();
        recordAlerts(account, "11200", 2, now);
        Eventually.until("the firing", () -> logs(account, alarm), logs -> logs.size() == 1);
        Instant due = TimeWindow.FIVE_MINS.windowOf(now).end().plus(Duration.ofMinutes(7));

        AlarmResolutionCheck stopsAtTheQueue = checkAt(due, jobs -> {
            if (!ofAccount(account, jobs).isEmpty()) {
                throw new IllegalStateException("the queue is unavailable");
            }
        });
        assertThrows(IllegalStateException.class, stopsAtTheQueue::run);
        JsonNode resolution = logs(account, alarm).get(0).get("resolution");
        assertEquals(0, resolution.get("count").asLong(), "recorded before the queue failed");

        // Other tests' alarms in the table may be due too: only this account's jobs are this test's.
        List<NotificationJob> queued = new ArrayList<>();
        checkAt(due, jobs -> queued.addAll(ofAccount(account, jobs))).run();
        assertEquals(1, queued.size());
        NotificationJob job = queued.get(0);
        assertEquals(
                resolution.get("notifications").get(0).get("jobId").asText(),
                job.jobId(),
                "the job id the first check recorded, so the notifier sends it once whichever check queued it");
        assertTrue(
                ((NotificationJob.Email) job.content()).subject().startsWith("Resolved: alarm 'Resolves'"),
                job.toString());

        checkAt(due.plus(Duration.ofMinutes(1)), jobs -> queued.addAll(ofAccount(account, jobs)))
                .run();
        assertEquals(1, queued.size(), "nothing more queued once the resolution is notified");
    }

    private static List<NotificationJob> ofAccount(TestAccount account, List<NotificationJob> jobs) {
        return jobs.stream()
                .filter(job -> job.accountSid().equals(account.sid()))
                .toList();
    }

    private static JsonNode logs(TestAccount account, String alarm) {
        return account.client().get("/v2/Alarms/" + alarm + "/Logs").json().get("logs");
    }
}
