package dev.monitor.alertcounter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.monitor.accounts.Account;
import dev.monitor.accounts.AccountService;
import dev.monitor.alarms.Alarm;
import dev.monitor.alarms.AlarmCounts;
import dev.monitor.alarms.AlarmNotifications;
import dev.monitor.alarms.AlarmService;
import dev.monitor.alarms.AlarmSpec;
import dev.monitor.alarms.Firing;
import dev.monitor.alarms.QueryType;
import dev.monitor.alarms.TimePeriod;
import dev.monitor.alarms.TimeWindow;
import dev.monitor.alarms.Window;
import dev.monitor.alerts.LogLevel;
import dev.monitor.alerts.StreamedAlert;
import dev.monitor.audit.Actor;
import dev.monitor.jackson.Json;
import dev.monitor.logging.Log;
import dev.monitor.metrics.Metric;
import dev.monitor.notify.NotificationJob;
import dev.monitor.notify.NotificationQueue;
import dev.monitor.testing.InMemoryStores;
import dev.monitor.testing.TestAlarms;
import dev.monitor.testing.TestClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * What the alert counter does with a batch of new alerts, on in-memory stores: it counts them, then fires each alarm
 * whose window reached its threshold, once, with one job per channel.
 */
class AlarmEvaluatorTest {
    private static final Instant NOW = Instant.parse("2026-11-25T12:02:00Z");
    private static final Instant IN_WINDOW = Instant.parse("2026-11-25T12:01:00Z");
    private static final String WEBHOOK = "https://hooks.example.com/alarm";

    private final TestClock clock = new TestClock(NOW);
    private final InMemoryStores.Events log = new InMemoryStores.Events();
    private final AccountService accounts = InMemoryStores.accounts(new InMemoryStores.Accounts(log), log, clock);
    private final InMemoryStores.Alarms store = new InMemoryStores.Alarms(log);
    private final InMemoryStores.Counters counters = new InMemoryStores.Counters();
    private final AlarmNotifications notifications = new AlarmNotifications(Optional.of("https://monitor.example.com"));
    private final List<NotificationJob> queued = new ArrayList<>();
    private final AtomicBoolean queueDown = new AtomicBoolean();
    private final NotificationQueue queue = jobs -> {
        if (queueDown.get()) {
            throw new IllegalStateException("SQS is unreachable");
        }
        synchronized (queued) {
            queued.addAll(jobs);
        }
    };
    private final AtomicLong fired = new AtomicLong();
    private final ExecutorService executor = Executors.newFixedThreadPool(4);
    private final AlertStreamProcessor processor = new AlertStreamProcessor(
            new AlertCounter(counters, Log.NONE),
            new AlarmEvaluator(
                    store,
                    new AlarmCounts(counters),
                    queue,
                    notifications,
                    executor,
                    clock,
                    Log.NONE,
                    (metric, value) -> {
                        if (metric == Metric.ALARMS_FIRED) {
                            fired.addAndGet((long) value);
                        }
                    }));
    private final AlarmService alarms = new AlarmService(
            store,
            new AlarmCounts(counters),
            notifications,
            queue,
            new InMemoryStores.Disabled(),
            InMemoryStores.audit(log),
            clock);
    private final Account account =
            accounts.createMainAccount(InMemoryStores.OPERATOR, "Acme").account();
    private final Actor actor = InMemoryStores.actorOf(account);
    private long sequence;

    @AfterEach
    void stopThreads() {
        executor.shutdownNow();
    }

    /** {@code count} alerts of the account, as the table's stream delivers them, each with its own sequence number. */
    private List<StreamedAlert> alerts(Account owner, String errorCode, LogLevel level, int count, Instant date) {
        List<StreamedAlert> batch = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            batch.add(new StreamedAlert(
                    "NO#" + owner.sid() + "#0", Long.toString(++sequence), owner.sid(), errorCode, level, date));
        }
        return batch;
    }

    private Optional<String> process(List<StreamedAlert> batch) {
        return processor.process(batch).firstFailed();
    }

    private Alarm alarm(AlarmSpec spec) {
        return alarms.create(account, actor, spec);
    }

    private static AlarmSpec errorCodeAlarm(long threshold, TimeWindow window) {
        return TestAlarms.spec("HTTP failures", QueryType.ERROR_CODE, Optional.of("11200"), threshold, window);
    }

    private List<Firing> logs(Alarm alarm) {
        return alarms.logs(account, alarm.sid(), 50, Optional.empty()).items();
    }

    @Test
    void anAlarmFiresOnceForItsWindowWithOneJobPerChannel() {
        Alarm alarm = alarm(errorCodeAlarm(5, TimeWindow.FIVE_MINS));
        assertEquals(Optional.empty(), process(alerts(account, "11200", LogLevel.ERROR, 4, IN_WINDOW)));
        assertEquals(List.of(), queued, "four of five");
        assertEquals(Optional.empty(), process(alerts(account, "11200", LogLevel.ERROR, 1, IN_WINDOW)));

        assertEquals(
                Set.of(NotificationJob.Channel.WEBHOOK, NotificationJob.Channel.EMAIL),
                queued.stream().map(NotificationJob::channel).collect(Collectors.toSet()));
        assertEquals(2, queued.size());
        NotificationJob webhook = queued.stream()
                .filter(job -> job.channel() == NotificationJob.Channel.WEBHOOK)
                .findFirst()
                .orElseThrow();
        assertEquals(WEBHOOK, webhook.destination());
        assertEquals(new NotificationJob.Source(NotificationJob.SourceType.ALARM, alarm.sid()), webhook.source());
        NotificationJob.StandardWebhook content =
                assertInstanceOf(NotificationJob.StandardWebhook.class, webhook.content());
        assertEquals(AlarmNotifications.TRIGGERED, content.type());
        assertEquals(5, Json.node(content.data()).get("count").asLong());
        assertEquals(5, Json.node(content.data()).get("triggerValue").asLong());
        assertEquals(
                "2026-11-25T12:00:00Z",
                Json.node(content.data()).get("windowStart").asText());
        assertEquals(
                "2026-11-25T12:05:00Z",
                Json.node(content.data()).get("windowEnd").asText());
        assertEquals(
                "https://monitor.example.com/console/triggers/alarms/" + alarm.sid() + "?AccountSid=" + account.sid(),
                Json.node(content.data()).get("consoleUrl").asText());
        assertEquals(1, fired.get());

        // Three more in the same window fire nothing more.
        process(alerts(account, "11200", LogLevel.ERROR, 3, IN_WINDOW));
        assertEquals(2, queued.size());
        List<Firing> logged = logs(alarm);
        assertEquals(1, logged.size());
        Firing firing = logged.get(0);
        assertEquals(5, firing.count());
        assertEquals(5, firing.triggerValue());
        assertTrue(firing.notified());
        assertEquals(
                new Window("FIVE_MINS", Instant.parse("2026-11-25T12:00:00Z"), Instant.parse("2026-11-25T12:05:00Z")),
                firing.window());
        assertEquals(
                queued.stream().map(NotificationJob::jobId).collect(Collectors.toSet()),
                firing.notifications().stream().map(Firing.Notification::jobId).collect(Collectors.toSet()));
    }

    @Test
    void theNextWindowFiresAgainAndAlertsOfAnotherWindowCountApart() {
        Alarm alarm = alarm(errorCodeAlarm(2, TimeWindow.FIVE_MINS));
        process(alerts(account, "11200", LogLevel.ERROR, 1, Instant.parse("2026-11-25T11:59:00Z")));
        process(alerts(account, "11200", LogLevel.ERROR, 1, IN_WINDOW));
        assertEquals(List.of(), logs(alarm), "one in each window");
        process(alerts(account, "11200", LogLevel.ERROR, 1, IN_WINDOW));
        clock.set(Instant.parse("2026-11-25T12:07:00Z"));
        process(alerts(account, "11200", LogLevel.ERROR, 2, Instant.parse("2026-11-25T12:06:00Z")));
        assertEquals(
                List.of(Instant.parse("2026-11-25T12:05:00Z"), Instant.parse("2026-11-25T12:00:00Z")),
                logs(alarm).stream().map(firing -> firing.window().start()).toList(),
                "newest first");
        assertEquals(4, queued.size());
    }

    @Test
    void onlyTheAlertsAnAlarmSelectsCountAndOtherAccountsAlertsNever() {
        Alarm byCode = alarm(errorCodeAlarm(2, TimeWindow.ONE_HOUR));
        Alarm byLevel =
                alarm(TestAlarms.spec("Warnings", QueryType.LOG_LEVEL, Optional.of("warning"), 2, TimeWindow.ONE_HOUR));
        Alarm everything = alarm(TestAlarms.spec("All", QueryType.ALL, Optional.empty(), 4, TimeWindow.ONE_HOUR));
        Account other =
                accounts.createMainAccount(InMemoryStores.OPERATOR, "Other").account();
        List<StreamedAlert> batch = new ArrayList<>();
        batch.addAll(alerts(account, "11200", LogLevel.ERROR, 1, IN_WINDOW));
        batch.addAll(alerts(account, "12200", LogLevel.WARNING, 2, IN_WINDOW));
        batch.addAll(alerts(other, "11200", LogLevel.ERROR, 5, IN_WINDOW));
        process(batch);
        assertEquals(List.of(), logs(byCode));
        assertEquals(1, logs(byLevel).size());
        assertEquals(List.of(), logs(everything));
        process(alerts(account, "11200", LogLevel.ERROR, 1, IN_WINDOW));
        assertEquals(2, logs(byCode).get(0).count());
        assertEquals(4, logs(everything).get(0).count());
    }

    @Test
    void disabledAndMutedAlarmsStayQuiet() {
        Alarm disabled = alarm(errorCodeAlarm(1, TimeWindow.ONE_HOUR));
        alarms.setEnabled(account, actor, disabled.sid(), false);
        AlarmSpec base = errorCodeAlarm(1, TimeWindow.ONE_HOUR);
        Alarm muted = alarm(new AlarmSpec(
                "Muted",
                "",
                base.queryType(),
                base.query(),
                1,
                base.timeWindow(),
                Optional.empty(),
                base.email(),
                base.webhook(),
                false,
                false,
                true,
                Optional.of(NOW.plus(Duration.ofDays(1)))));
        process(alerts(account, "11200", LogLevel.ERROR, 3, IN_WINDOW));
        assertEquals(List.of(), queued);
        assertEquals(List.of(), logs(disabled));
        assertEquals(List.of(), logs(muted));

        // Once the mute has passed, it fires.
        clock.set(NOW.plus(Duration.ofDays(1)).plusSeconds(60));
        process(alerts(account, "11200", LogLevel.ERROR, 1, NOW.plus(Duration.ofDays(1))));
        assertEquals(1, logs(muted).size());
        assertEquals(List.of(), logs(disabled));
    }

    @Test
    void aBatchDeliveredAgainIsCountedOnceAndFiresNothingMore() {
        Alarm alarm = alarm(errorCodeAlarm(3, TimeWindow.FIVE_MINS));
        List<StreamedAlert> batch = alerts(account, "11200", LogLevel.ERROR, 3, IN_WINDOW);
        process(batch);
        process(batch);
        process(batch.subList(1, 3));
        assertEquals(2, queued.size());
        assertEquals(3, logs(alarm).get(0).count());
        process(alerts(account, "11200", LogLevel.ERROR, 1, IN_WINDOW));
        assertEquals(2, queued.size());
    }

    @Test
    void whenQueueingFailsTheAlertsComeAgainAndTheRedeliveryQueuesTheSameJobsOnce() {
        Alarm alarm = alarm(errorCodeAlarm(2, TimeWindow.FIVE_MINS));
        List<StreamedAlert> batch = alerts(account, "11200", LogLevel.ERROR, 2, IN_WINDOW);
        queueDown.set(true);
        assertEquals(Optional.of(batch.get(0).sequenceNumber()), process(batch));
        Firing recorded = logs(alarm).get(0);
        assertEquals(false, recorded.notified(), "recorded, not yet notified");

        queueDown.set(false);
        assertEquals(Optional.empty(), process(batch));
        assertEquals(
                recorded.notifications().stream()
                        .map(Firing.Notification::jobId)
                        .collect(Collectors.toSet()),
                queued.stream().map(NotificationJob::jobId).collect(Collectors.toSet()));
        assertTrue(logs(alarm).get(0).notified());
        process(batch);
        assertEquals(2, queued.size());
    }

    @Test
    void manyAlarmsOnTheSameAlertsEachFireForTheirOwnThreshold() {
        List<Alarm> low = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            low.add(alarm(errorCodeAlarm(2, TimeWindow.ONE_HOUR)));
        }
        Alarm high = alarm(errorCodeAlarm(10, TimeWindow.ONE_HOUR));
        process(alerts(account, "11200", LogLevel.ERROR, 3, IN_WINDOW));
        low.forEach(alarm -> assertEquals(3, logs(alarm).get(0).count()));
        assertEquals(List.of(), logs(high));
        assertEquals(40, queued.size());
        assertEquals(20, fired.get());
    }

    @Test
    void anAlarmThatAsksForItsResolutionAwaitsItsCheckAfterFiring() {
        AlarmSpec base = errorCodeAlarm(1, TimeWindow.FIVE_MINS);
        Alarm resolving = alarm(new AlarmSpec(
                "Resolving",
                "",
                base.queryType(),
                base.query(),
                1,
                base.timeWindow(),
                Optional.empty(),
                List.of(),
                base.webhook(),
                true,
                false,
                true,
                Optional.empty()));
        Alarm plain = alarm(errorCodeAlarm(1, TimeWindow.FIVE_MINS));
        process(alerts(account, "11200", LogLevel.ERROR, 1, IN_WINDOW));
        assertEquals(
                List.of(resolving.sid()),
                store.awaitingResolution(TimeWindow.FIVE_MINS, NOW.plus(Duration.ofMinutes(10))).stream()
                        .map(Firing::alarmSid)
                        .toList());
        assertEquals(1, logs(plain).size());
    }

    @Test
    void aCalendarPeriodAlarmSendsTwiliosAlertTriggerCallback() {
        Alarm alarm = alarm(new AlarmSpec(
                "Daily warnings",
                "too many warnings",
                QueryType.LOG_LEVEL,
                Optional.of("warning"),
                2,
                Optional.empty(),
                Optional.of(TimePeriod.DAILY),
                List.of(),
                Optional.of(WEBHOOK),
                false,
                false,
                true,
                Optional.empty()));
        process(alerts(account, "12200", LogLevel.WARNING, 1, Instant.parse("2026-11-25T01:00:00Z")));
        process(alerts(account, "12200", LogLevel.WARNING, 1, IN_WINDOW));
        assertEquals(1, queued.size());
        NotificationJob.TwilioCallback callback = assertInstanceOf(
                NotificationJob.TwilioCallback.class, queued.get(0).content());
        assertEquals("POST", callback.method());
        Map<String, String> parameters = callback.parameters();
        assertEquals(account.sid(), parameters.get("AccountSid"));
        assertEquals(alarm.sid(), parameters.get("AlarmSid"));
        assertEquals("daily", parameters.get("TimePeriod"));
        assertEquals("warning", parameters.get("Log"));
        assertEquals("", parameters.get("ErrorCode"));
        assertEquals("2", parameters.get("TriggerValue"));
        assertEquals("2", parameters.get("CurrentValue"));
        assertEquals("too many warnings", parameters.get("Description"));
        assertEquals("Wed, 25 Nov 2026 12:02:00 GMT", parameters.get("DateFired"));
        assertEquals(alarm.sid() + "@daily@2026-11-25T00:00:00Z", parameters.get("IdempotencyToken"));
    }
}
