package dev.monitor.notifier;

import dev.monitor.notify.NotificationJob;

/** Sends one email; throttling and passing errors come back as {@link SendResult.Verdict#RETRY}. */
public interface EmailSender {
    SendResult send(String to, NotificationJob.Email email);
}
