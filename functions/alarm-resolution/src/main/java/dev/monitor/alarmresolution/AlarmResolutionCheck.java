package dev.monitor.alarmresolution;

import dev.monitor.alarms.Alarm;
import dev.monitor.alarms.AlarmCounts;
import dev.monitor.alarms.AlarmNotifications;
import dev.monitor.alarms.AlarmStore;
import dev.monitor.alarms.Firing;
import dev.monitor.alarms.TimeWindow;
import dev.monitor.alarms.Window;
import dev.monitor.logging.Log;
import dev.monitor.notify.NotificationQueue;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The scheduled resolution check of windowed alarms that ask for it ({@code sendResolved}). A fired
 * window's alarm is resolved when the window after it closes with fewer alerts than the threshold;
 * if that window reached the threshold, it fired in its turn and its own check follows, so a run of
 * fired windows is resolved once, after the last. The check looks a grace period after the window
 * closes, when the counter has counted its alerts. Resolved once: a conditional write records the
 * resolution, then its jobs are queued under ids derived from the firing, then it is marked notified;
 * a run that stops between them is finished by the next, and the notifier delivers each job once.
 */
public final class AlarmResolutionCheck {
    /** How long after the window closes it is counted: the counter runs within seconds of an alert. */
    static final Duration GRACE = Duration.ofMinutes(1);

    /** What one run did. */
    public record Result(int checked, int resolved) {}

    private final AlarmStore alarms;
    private final AlarmCounts counts;
    private final NotificationQueue queue;
    private final AlarmNotifications notifications;
    private final Clock clock;
    private final Log log;

    public AlarmResolutionCheck(
            AlarmStore alarms,
            AlarmCounts counts,
            NotificationQueue queue,
            AlarmNotifications notifications,
            Clock clock,
            Log log) {
        this.alarms = alarms;
        this.counts = counts;
        this.queue = queue;
        this.notifications = notifications;
        this.clock = clock;
        this.log = log;
    }

    /** Checks every firing whose next window closed a grace period ago or earlier. */
    public Result run() {
        Instant now = clock.instant();
        int checked = 0;
        int resolved = 0;
        List<String> failed = new ArrayList<>();
        for (TimeWindow kind : TimeWindow.values()) {
            Instant due = now.minus(kind.length.multipliedBy(2)).minus(GRACE);
            for (Firing firing : alarms.awaitingResolution(kind, due)) {
                checked++;
                try {
                    if (check(firing, now)) {
                        resolved++;
                    }
                } catch (RuntimeException e) {
                    log.write(
                            Log.Level.WARN,
                            "Resolution check of a firing failed",
                            Map.of("accountSid", firing.accountSid(), "occurrence", firing.occurrence()),
                            e);
                    failed.add(firing.occurrence());
                }
            }
        }
        if (!failed.isEmpty()) {
            // They still await their check, so the next run checks them again.
            throw new IllegalStateException(
                    "Resolution check failed for " + failed.size() + " firings, first " + failed.get(0));
        }
        return new Result(checked, resolved);
    }

    /** True when this check queued the firing's resolved notifications. */
    private boolean check(Firing firing, Instant now) {
        Optional<Alarm> current = alarms.find(firing.accountSid(), firing.alarmSid());
        if (current.isEmpty() || !asksForResolution(current.get(), firing, now)) {
            alarms.stopAwaitingResolution(firing);
            return false;
        }
        Alarm alarm = current.get();
        Firing held = firing;
        if (firing.resolution().isEmpty()) {
            Window next = alarm.windowOf(firing.window().end());
            long count = counts.count(alarm, next);
            if (count >= alarm.triggerValue()) {
                alarms.stopAwaitingResolution(firing);
                return false;
            }
            held = alarms.claimResolution(
                    firing,
                    new Firing.Resolution(
                            next, count, now, notifications.plan(alarm, firing.resolutionOccurrence()), false));
        }
        if (held.resolution().orElseThrow().notified()) {
            return false;
        }
        queue.enqueue(notifications.resolvedJobs(alarm, held, now));
        alarms.markResolutionNotified(held);
        return true;
    }

    /**
     * An alarm deleted, disabled, muted, no longer asking, or on another window kind since it fired: nothing to
     * resolve.
     */
    private static boolean asksForResolution(Alarm alarm, Firing firing, Instant now) {
        return alarm.sendResolved()
                && alarm.enabled()
                && !alarm.mutedAt(now)
                && alarm.timeWindow()
                        .map(Enum::name)
                        .equals(Optional.of(firing.window().name()));
    }
}
