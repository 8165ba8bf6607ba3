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

    /** The request is no longer in flight. */
    void release(String familySid, String requestId);
}
