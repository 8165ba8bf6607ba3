package dev.monitor.usage;

import dev.monitor.audit.AuditEvent;
import dev.monitor.audit.ChangedMeanwhile;
import dev.monitor.paging.Page;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

public interface TriggerStore {
    /** Thrown when the account already has {@code limit} triggers. */
    final class LimitReached extends RuntimeException {
        public LimitReached() {
            super(null, null, false, false);
        }
    }

    /** Stores a new trigger, with its events, unless the account would then have more than {@code limit}. */
    void create(UsageTrigger trigger, int limit, List<AuditEvent> audit);

    /** As of the last change (a strongly consistent read). */
    Optional<UsageTrigger> find(String accountSid, String sid);

    /**
     * Sets the friendly name, callback URL and method, and date updated to {@code changed}'s, with the change's events,
     * in one transaction, on condition that the trigger was last changed at {@code replacing}; its firing stands.
     *
     * @throws ChangedMeanwhile when it changed or went since
     */
    void update(UsageTrigger changed, Instant replacing, List<AuditEvent> audit);

    /** Deletes the trigger with its events; false, writing nothing, when there was none. */
    boolean delete(String accountSid, String sid, List<AuditEvent> audit);

    Page<UsageTrigger> list(String accountSid, TriggerFilter filter, int pageSize, Optional<String> cursor);

    /** Every trigger of the account: for the usage check. */
    List<UsageTrigger> all(String accountSid);

    /**
     * Records a firing in {@code period}, unless the trigger has fired in it already (or is gone):
     * the one write that makes a trigger fire at most once per period. Returns whether it was recorded.
     */
    boolean markFired(UsageTrigger trigger, String period, Instant firedAt, BigDecimal currentValue);
}
