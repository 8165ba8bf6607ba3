package dev.monitor.usage;

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

    /** Stores a new trigger unless the account would then have more than {@code limit}. */
    void create(UsageTrigger trigger, int limit);

    Optional<UsageTrigger> find(String accountSid, String sid);

    /** Sets what {@code change} names, and the date updated, in one write; the trigger now, or empty if gone. */
    Optional<UsageTrigger> update(String accountSid, String sid, UsageTriggerChange change, Instant now);

    /** Returns whether there was such a trigger. */
    boolean delete(String accountSid, String sid);

    Page<UsageTrigger> list(String accountSid, TriggerFilter filter, int pageSize, Optional<String> cursor);

    /** Every trigger of the account: for the usage check. */
    List<UsageTrigger> all(String accountSid);

    /**
     * Records a firing in {@code period}, unless the trigger has fired in it already (or is gone):
     * the one write that makes a trigger fire at most once per period. Returns whether it was recorded.
     */
    boolean markFired(UsageTrigger trigger, String period, Instant firedAt, BigDecimal currentValue);
}
