package dev.monitor.limits;

import java.time.Instant;

/** Each account family's requests of the current second and in flight, shared by every api instance. */
public interface LimitStore {
    /** Whether a request was admitted, or which limit refused it. */
    enum Admission {
        ADMITTED,
        OVER_RATE,
        OVER_CONCURRENCY
    }

    /**
     * Admits request {@code requestId} of the family at {@code now} if the family has asked fewer than its limits'
     * requests in {@code now}'s second and has fewer in flight; an admitted request is in flight until it is released,
     * or until {@code leaseUntil} if its instance never releases it.
     */
    Admission admit(String familySid, String requestId, Instant now, Instant leaseUntil, AccountLimits limits);

    /**
     * Counts {@code records} events or alerts of the family recorded at {@code now}, if the family has recorded no more
     * than its limit less these in {@code now}'s second; false, counting nothing, when it has.
     */
    boolean admitRecords(String familySid, Instant now, int records, AccountLimits limits);

    /** The request is no longer in flight. */
    void release(String familySid, String requestId);
}
