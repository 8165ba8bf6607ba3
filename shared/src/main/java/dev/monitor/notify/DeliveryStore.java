package dev.monitor.notify;

import dev.monitor.paging.Page;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Delivery state and records. The state of each job, keyed by its job id, is the guard that makes
 * a job that SQS delivers twice (or that a producer queued twice) be sent once: an attempt starts
 * only by a conditional write that claims the job.
 */
public interface DeliveryStore {
    /** The outcome of trying to claim a job for an attempt. */
    sealed interface Claim {
    }

    /**
     * This worker makes attempt {@code attempt} (across all rounds; {@code attemptInRound} counts
     * from 1 again after a manual retry) and holds the job until its lease ends.
     */
    record Claimed(String deliverySid, int attempt, int attemptInRound, Instant dateCreated) implements Claim {
    }

    /** Another attempt holds the job, or the next one is not due: look again at {@code until}. */
    record NotDue(Instant until) implements Claim {
    }

    /** Delivered or given up: nothing more to do for this job. */
    record Finished(DeliveryStatus status) implements Claim {
    }

    Claim claim(NotificationJob job, Instant now, Duration lease);

    /**
     * Ends attempt {@code attempt}: the job is delivered, failed, or pending until {@code nextAttemptAt}.
     * Does nothing if another worker has claimed the job since (this one's lease ran out).
     */
    void settle(String jobId, int attempt, DeliveryStatus status, Optional<Instant> nextAttemptAt);

    /** Writes the records that {@code GET /v1/Deliveries} reads, many at a time. */
    void record(List<AttemptRecord> records);

    /** A delivery as it stands after an attempt, and that attempt. */
    record AttemptRecord(Delivery delivery, DeliveryAttempt attempt) {
    }

    Optional<Delivery> find(String accountSid, String deliverySid);

    /** Oldest first. */
    List<DeliveryAttempt> attempts(String accountSid, String deliverySid);

    /** Newest first. */
    Page<Delivery> list(String accountSid, DeliveryFilter filter, int pageSize, Optional<String> cursor);

    /**
     * Makes a failed delivery pending again, with a new round of attempts; false if it was not failed.
     */
    boolean reopen(Delivery delivery, Instant now);

    /** Whether a receiver answered 410 Gone at this URL for this account. */
    boolean isDisabled(String accountSid, String url);

    void disable(String accountSid, String url, Instant at);
}
