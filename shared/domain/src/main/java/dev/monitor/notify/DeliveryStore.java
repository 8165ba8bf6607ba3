package dev.monitor.notify;

import dev.monitor.audit.AuditEvent;
import dev.monitor.paging.Page;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Delivery state and records. The state of each job, keyed by its job id, is the guard that makes
 * a job that SQS delivers twice (or that a producer queued twice) be sent once: an attempt starts
 * only by a conditional write that claims the job.
 */
public interface DeliveryStore extends DisabledDestinations {
    /** The outcome of trying to claim a job for an attempt. */
    sealed interface Claim {}

    /**
     * This worker makes attempt {@code attempt} (across all rounds; {@code attemptInRound} counts
     * from 1 again after a manual retry) and holds the job until {@code leaseUntil}, under {@code slot}, one of its
     * account's delivery slots.
     */
    record Claimed(
            String deliverySid,
            int attempt,
            int attemptInRound,
            Instant dateCreated,
            Instant leaseUntil,
            DeliverySlot slot)
            implements Claim {}

    /** Another attempt holds the job, or the next one is not due: look again at {@code until}. */
    record NotDue(Instant until) implements Claim {}

    /** Delivered or given up: nothing more to do for this job. */
    record Finished(DeliveryStatus status) implements Claim {}

    /**
     * Not claimed, though due: its account's share of the notifier ({@link DeliveryShare}) is taken by other
     * invocations, or by this one's other jobs of that account. Nothing was written for it.
     */
    record Deferred() implements Claim {}

    /**
     * One of an account's delivery slots ({@link DeliveryShare}), held by this invocation until {@code leaseUntil}
     * unless given back sooner.
     */
    record DeliverySlot(String accountSid, int number, Instant leaseUntil) {}

    /**
     * Claims a batch's jobs for an attempt each: one claim per job, in the jobs' order, each under a delivery slot of
     * its account taken with it. A job given twice is claimed once; its other copy is not due until the claim's lease
     * ends.
     */
    List<Claim> claim(List<NotificationJob> jobs, Instant now, Duration lease);

    /**
     * How a claimed attempt ended: the delivery as it stands after it (delivered, failed, or pending
     * until its next attempt), and the attempt.
     */
    record Settlement(Claimed claim, Delivery delivery, DeliveryAttempt attempt) {}

    /**
     * Ends the attempts and writes the records that {@code GET /v1/Deliveries} reads, many at a
     * time, and gives back {@code slots}, whose deliveries are over. An attempt whose lease has run out changes
     * nothing if another worker has claimed its job since: that attempt's outcome stands. A slot not given back
     * frees itself when its lease ends.
     *
     * @return the job ids of the attempts it could not settle, whose messages must come back
     */
    Set<String> settle(List<Settlement> settlements, List<DeliverySlot> slots, Instant now);

    Optional<Delivery> find(String accountSid, String deliverySid);

    /** The delivery's attempts, oldest first: the newest hundred of them when it has had more. */
    List<DeliveryAttempt> attempts(String accountSid, String deliverySid);

    /** Newest first. */
    Page<Delivery> list(String accountSid, DeliveryFilter filter, int pageSize, Optional<String> cursor);

    /**
     * Makes a failed delivery pending again, with a new round of attempts, and writes the change's events; false,
     * writing nothing, if it was not failed.
     */
    boolean reopen(Delivery delivery, Instant now, List<AuditEvent> audit);

    /**
     * Makes a pending delivery that waits for its next attempt due now, in the same round of attempts, and writes the
     * change's events; false, writing nothing, if it is not pending, or an attempt holds it.
     */
    boolean dueNow(Delivery delivery, Instant now, List<AuditEvent> audit);
}
