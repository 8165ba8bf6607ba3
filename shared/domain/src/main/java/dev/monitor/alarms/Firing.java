package dev.monitor.alarms;

import dev.monitor.notify.NotificationJob;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * An alarm's one firing for one window, as logged. {@code notified} turns true once its jobs are on
 * the notifications queue; until then a repeat of the batch queues them (again, under the same job ids).
 *
 * @param resolution present once the alarm came back below its threshold after this firing
 */
public record Firing(
        String alarmSid,
        String accountSid,
        Window window,
        long count,
        long triggerValue,
        Instant dateFired,
        List<Notification> notifications,
        boolean notified,
        Optional<Resolution> resolution) {

    /** One notification job queued for the firing. */
    public record Notification(NotificationJob.Channel channel, String destination, String jobId) {}

    /**
     * The window after the fired one closed with fewer alerts than the threshold: the alarm is
     * resolved. {@code notified} plays the part it plays for the firing.
     */
    public record Resolution(
            Window window, long count, Instant dateResolved, List<Notification> notifications, boolean notified) {}

    /** What names the firing in job ids and idempotency tokens: the alarm and its window. */
    public String occurrence() {
        return occurrence(alarmSid, window);
    }

    /** What names the firing's resolution in job ids: distinct from the firing's. */
    public String resolutionOccurrence() {
        return occurrence() + "@resolved";
    }

    public static String occurrence(String alarmSid, Window window) {
        return alarmSid + "@" + window.name() + "@" + window.start();
    }
}
