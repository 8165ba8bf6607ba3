package dev.monitor.notify;

import java.time.Instant;
import java.util.Optional;

/**
 * The record of delivering one notification job: what it is, where it stands, and the job itself,
 * which a manual retry puts back on the queue.
 *
 * @param sid {@code DL…}, in order of the first attempt
 * @param attempts how many attempts have been made, across every round
 */
public record Delivery(
        String sid,
        String accountSid,
        NotificationJob job,
        DeliveryStatus status,
        int attempts,
        Optional<Integer> lastStatusCode,
        Optional<ErrorClass> lastErrorClass,
        Optional<Instant> nextAttemptAt,
        Instant dateCreated,
        Instant dateUpdated) {
}
