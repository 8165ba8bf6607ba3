package dev.monitor.alarms;

import dev.monitor.notify.NotificationJob;
import java.time.Instant;
import java.util.List;

/**
 * An alarm's one firing for one window, as logged. {@code notified} turns true once its jobs are on
 * the notifications queue; until then a repeat of the batch queues them (again, under the same job ids).
 */
public record Firing(
        String alarmSid,
        String accountSid,
        Window window,
        long count,
        long triggerValue,
        Instant dateFired,
        List<Notification> notifications,
        boolean notified) {

    /** One notification job queued for the firing. */
    public record Notification(NotificationJob.Channel channel, String destination, String jobId) {
    }

    /** What names the firing in job ids and idempotency tokens: the alarm and its window. */
    public String occurrence() {
        return occurrence(alarmSid, window);
    }

    public static String occurrence(String alarmSid, Window window) {
        return alarmSid + "@" + window.name() + "@" + window.start();
    }
}
