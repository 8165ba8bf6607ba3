package dev.monitor.audit;

import dev.monitor.crypto.Secrets;
import dev.monitor.ids.TimeOrderedSids;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.OptionalInt;

/**
 * Makes the events of Monitor's own changes, which the stores write with the changes. The account's events
 * configuration applies to them as to any: a type it disabled writes no event, and each is kept for its retention.
 */
public final class AuditTrail {
    /** How many days an account keeps events of a type; empty when its configuration records none of them. */
    public interface Retention {
        OptionalInt daysKept(String accountSid, String eventType);
    }

    private final Retention retention;
    private final TimeOrderedSids sids;

    public AuditTrail(Retention retention, TimeOrderedSids sids) {
        this.retention = retention;
        this.sids = sids;
    }

    /**
     * The event of {@code change} in {@code accountSid}'s log, dated {@code now} as the change is: none when the
     * account records no events of its type.
     */
    public List<AuditEvent> events(String accountSid, Actor actor, AuditedChange change, Instant now) {
        OptionalInt days = retention.daysKept(accountSid, change.eventType());
        if (days.isEmpty()) {
            return List.of();
        }
        return List.of(new AuditEvent(
                sids.of(now, Secrets.randomBytes(10)),
                accountSid,
                change.eventType(),
                change.resourceSid(),
                actor,
                change.description(),
                change.resourceProperties(),
                now,
                now.plus(days.getAsInt(), ChronoUnit.DAYS)));
    }
}
