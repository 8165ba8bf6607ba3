package dev.monitor.notify;

import java.util.List;

/** Where producers put notification jobs for the notifier. */
public interface NotificationQueue {
    void enqueue(List<NotificationJob> jobs);
}
