package dev.monitor.alarms;

import dev.monitor.alerts.StreamedAlert;
import dev.monitor.logging.Log;
import dev.monitor.metrics.Metric;
import dev.monitor.metrics.Metrics;
import dev.monitor.notify.NotificationQueue;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * After a batch is counted: for every alarm of the batch's accounts that selects some of its alerts,
 * counts each window those alerts fall in and fires the alarm for each window that reached its
 * trigger value, once.
 */
public final class AlarmEvaluator {
    private final AlarmStore alarms;
    private final AlarmCounts counts;
    private final NotificationQueue queue;
    private final AlarmNotifications notifications;
    private final Clock clock;
    private final Log log;
    private final Metrics metrics;

    public AlarmEvaluator(
            AlarmStore alarms,
            AlarmCounts counts,
            NotificationQueue queue,
            AlarmNotifications notifications,
            Clock clock,
            Log log,
            Metrics metrics) {
        this.alarms = alarms;
        this.counts = counts;
        this.queue = queue;
        this.notifications = notifications;
        this.clock = clock;
        this.log = log;
        this.metrics = metrics;
    }

    /** Returns the alerts whose alarms could not be evaluated; they must come again. */
    public List<StreamedAlert> evaluate(List<StreamedAlert> counted) {
        Map<String, List<StreamedAlert>> byAccount = new LinkedHashMap<>();
        counted.forEach(alert -> byAccount
                .computeIfAbsent(alert.accountSid(), account -> new ArrayList<>())
                .add(alert));
        List<StreamedAlert> failed = new ArrayList<>();
        Instant now = clock.instant();
        for (Map.Entry<String, List<StreamedAlert>> account : byAccount.entrySet()) {
            List<Alarm> accountAlarms;
            try {
                accountAlarms = alarms.all(account.getKey());
            } catch (RuntimeException e) {
                log.write(
                        Log.Level.WARN,
                        "Reading an account's alarms failed",
                        Map.of("accountSid", account.getKey()),
                        e);
                failed.addAll(account.getValue());
                continue;
            }
            for (Alarm alarm : accountAlarms) {
                if (!alarm.enabled() || alarm.mutedAt(now)) {
                    continue;
                }
                Map<Window, List<StreamedAlert>> windows = new LinkedHashMap<>();
                for (StreamedAlert alert : account.getValue()) {
                    if (alarm.selects(alert.errorCode(), alert.logLevel())) {
                        windows.computeIfAbsent(alarm.windowOf(alert.dateGenerated()), window -> new ArrayList<>())
                                .add(alert);
                    }
                }
                for (Map.Entry<Window, List<StreamedAlert>> window : windows.entrySet()) {
                    try {
                        evaluate(alarm, window.getKey(), now);
                    } catch (RuntimeException e) {
                        log.write(
                                Log.Level.WARN,
                                "Evaluating an alarm failed",
                                Map.of(
                                        "accountSid",
                                        alarm.accountSid(),
                                        "alarmSid",
                                        alarm.sid(),
                                        "window",
                                        window.getKey()),
                                e);
                        failed.addAll(window.getValue());
                    }
                }
            }
        }
        return failed;
    }

    private void evaluate(Alarm alarm, Window window, Instant now) {
        long count = counts.count(alarm, window);
        if (count < alarm.triggerValue()) {
            return;
        }
        String occurrence = Firing.occurrence(alarm.sid(), window);
        Firing held = alarms.claimFiring(
                new Firing(
                        alarm.sid(),
                        alarm.accountSid(),
                        window,
                        count,
                        alarm.triggerValue(),
                        now,
                        notifications.plan(alarm, occurrence),
                        false,
                        Optional.empty()),
                alarm.sendResolved());
        if (!held.notified()) {
            // Queued again only if an earlier run stopped between the log and the queue: the same job ids, delivered
            // once.
            queue.enqueue(notifications.jobs(alarm, held, AlarmNotifications.TRIGGERED, now));
            alarms.markNotified(held);
            metrics.add(Metric.ALARMS_FIRED, 1);
            log.info("Alarm fired", Map.of("accountSid", alarm.accountSid(), "alarmSid", alarm.sid(), "count", count));
        }
    }
}
