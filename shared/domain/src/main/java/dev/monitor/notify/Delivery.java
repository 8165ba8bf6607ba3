package dev.monitor.notify;

import dev.monitor.crypto.Secrets;
import dev.monitor.ids.TimeOrderedSids;
import java.nio.charset.StandardCharsets;
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
    /**
     * {@code DL…}, sorting by the first attempt, so an account's deliveries list newest first by their
     * sort key; the rest is the job id's hash ({@link #sidOf}), so each job has one Sid. One partition.
     */
    public static final TimeOrderedSids SIDS = new TimeOrderedSids("DL", 1);

    public static String sidOf(Instant firstAttempt, String jobId) {
        return SIDS.of(firstAttempt, Secrets.sha256(jobId.getBytes(StandardCharsets.UTF_8)));
    }
}
