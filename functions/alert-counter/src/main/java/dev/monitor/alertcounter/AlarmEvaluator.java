package dev.monitor.alertcounter;

import dev.monitor.alarms.Alarm;
import dev.monitor.alarms.AlarmCounts;
import dev.monitor.alarms.AlarmNotifications;
import dev.monitor.alarms.AlarmStore;
import dev.monitor.alarms.Firing;
import dev.monitor.alarms.Window;
import dev.monitor.alerts.StreamedAlert;
import dev.monitor.aws.CallBudget;
import dev.monitor.logging.Log;
import dev.monitor.metrics.Metric;
import dev.monitor.metrics.Metrics;
import dev.monitor.notify.NotificationJob;
import dev.monitor.notify.NotificationQueue;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.function.Consumer;

/**
 * After a batch is counted: for every alarm of the batch's accounts that selects some of its alerts,
 * counts each window those alerts fall in and fires the alarm for each window that reached its
 * trigger value, once. The alarms are evaluated side by side, and alarms that select the same alerts over the same
 * window share one count: one account's storm of alarms on one error code costs one read and a few round trips, not
 * a few for each alarm in turn, which held up every other account's alerts behind it in the stream.
 */
public final class AlarmEvaluator {
    /** What one SendMessageBatch takes. */
    private static final int JOBS_PER_REQUEST = 10;

    private final AlarmStore alarms;
    private final AlarmCounts counts;
    private final NotificationQueue queue;
    private final AlarmNotifications notifications;
    private final ExecutorService executor;
    private final Clock clock;
    private final Log log;
    private final Metrics metrics;

    public AlarmEvaluator(
            AlarmStore alarms,
            AlarmCounts counts,
            NotificationQueue queue,
            AlarmNotifications notifications,
            ExecutorService executor,
            Clock clock,
            Log log,
            Metrics metrics) {
        this.alarms = alarms;
        this.counts = counts;
        this.queue = queue;
        this.notifications = notifications;
        this.executor = executor;
        this.clock = clock;
        this.log = log;
        this.metrics = metrics;
    }

    /** One alarm's window that the batch's alerts fall in. */
    private record Check(Alarm alarm, Window window, List<StreamedAlert> alerts) {
        /** What the count depends on: the alerts the alarm selects, and the window. */
        List<Object> countKey() {
            return List.of(alarm.accountSid(), alarm.queryType(), alarm.query(), window);
        }
    }

    /** Returns the alerts whose alarms could not be evaluated; they must come again. */
    public List<StreamedAlert> evaluate(List<StreamedAlert> counted) {
        Map<String, List<StreamedAlert>> byAccount = new LinkedHashMap<>();
        counted.forEach(alert -> byAccount
                .computeIfAbsent(alert.accountSid(), account -> new ArrayList<>())
                .add(alert));
        Set<StreamedAlert> failed = ConcurrentHashMap.newKeySet();
        Instant now = clock.instant();
        List<Check> checks = new ArrayList<>();
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
                windows.forEach((window, alerts) -> checks.add(new Check(alarm, window, alerts)));
            }
        }
        Map<List<Object>, Check> firstOfCount = new LinkedHashMap<>();
        checks.forEach(check -> firstOfCount.putIfAbsent(check.countKey(), check));
        Map<List<Object>, Long> countOf = new ConcurrentHashMap<>();
        inParallel(
                List.copyOf(firstOfCount.values()),
                failed,
                check -> countOf.put(check.countKey(), counts.count(check.alarm(), check.window())));
        List<Check> due = checks.stream()
                .filter(check -> countOf.containsKey(check.countKey()))
                .filter(check -> countOf.get(check.countKey()) >= check.alarm().triggerValue())
                .toList();
        // A check whose count failed is in failed already, with every check that shares its count.
        checks.stream()
                .filter(check -> !countOf.containsKey(check.countKey()))
                .forEach(check -> failed.addAll(check.alerts()));
        if (!due.isEmpty()) {
            try {
                fire(due, countOf, now);
            } catch (RuntimeException e) {
                log.write(Log.Level.WARN, "Firing alarms failed", Map.of("alarms", due.size()), e);
                due.forEach(check -> failed.addAll(check.alerts()));
            }
        }
        return counted.stream().filter(failed::contains).toList();
    }

    /** Queues the jobs ten to a request, the requests side by side. */
    private void enqueue(List<NotificationJob> jobs) {
        List<Future<?>> sending = new ArrayList<>();
        for (int from = 0; from < jobs.size(); from += JOBS_PER_REQUEST) {
            List<NotificationJob> some = jobs.subList(from, Math.min(jobs.size(), from + JOBS_PER_REQUEST));
            sending.add(executor.submit(CallBudget.carried(() -> {
                queue.enqueue(some);
                return null;
            })));
        }
        for (Future<?> sent : sending) {
            try {
                sent.get();
            } catch (ExecutionException e) {
                throw new IllegalStateException("Queueing alarm notifications failed", e.getCause());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("Interrupted while queueing alarm notifications", e);
            }
        }
    }

    /** Runs {@code work} on each check side by side; a check whose work fails has its alerts added to failed. */
    private void inParallel(List<Check> checks, Set<StreamedAlert> failed, Consumer<Check> work) {
        List<Future<?>> running = new ArrayList<>();
        for (Check check : checks) {
            running.add(executor.submit(CallBudget.carried(() -> {
                work.accept(check);
                return null;
            })));
        }
        for (int i = 0; i < running.size(); i++) {
            Check check = checks.get(i);
            try {
                running.get(i).get();
            } catch (ExecutionException e) {
                log.write(
                        Log.Level.WARN,
                        "Evaluating an alarm failed",
                        Map.of(
                                "accountSid",
                                check.alarm().accountSid(),
                                "alarmSid",
                                check.alarm().sid(),
                                "window",
                                check.window()),
                        e.getCause());
                failed.addAll(check.alerts());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                failed.addAll(check.alerts());
            }
        }
    }

    /**
     * Records the firings, queues the jobs of those not notified yet, then marks them notified, each step for all of
     * them at once. If it stops in between, the alerts come again and find their firings recorded but not notified:
     * the same jobs are queued again, with the same ids, and delivered once.
     */
    private void fire(List<Check> due, Map<List<Object>, Long> countOf, Instant now) {
        List<AlarmStore.FiringClaim> claims = new ArrayList<>();
        for (Check check : due) {
            Alarm alarm = check.alarm();
            claims.add(new AlarmStore.FiringClaim(
                    new Firing(
                            alarm.sid(),
                            alarm.accountSid(),
                            check.window(),
                            countOf.get(check.countKey()),
                            alarm.triggerValue(),
                            now,
                            notifications.plan(alarm, Firing.occurrence(alarm.sid(), check.window())),
                            false,
                            Optional.empty()),
                    alarm.sendResolved()));
        }
        List<Firing> held = alarms.claimFirings(claims);
        List<Firing> notifying = new ArrayList<>();
        List<NotificationJob> jobs = new ArrayList<>();
        for (int i = 0; i < due.size(); i++) {
            if (!held.get(i).notified()) {
                notifying.add(held.get(i));
                jobs.addAll(notifications.jobs(due.get(i).alarm(), held.get(i), AlarmNotifications.TRIGGERED, now));
            }
        }
        enqueue(jobs);
        alarms.markNotified(notifying);
        for (Firing firing : notifying) {
            metrics.add(Metric.ALARMS_FIRED, 1);
            log.info(
                    "Alarm fired",
                    Map.of("accountSid", firing.accountSid(), "alarmSid", firing.alarmSid(), "count", firing.count()));
        }
    }
}
