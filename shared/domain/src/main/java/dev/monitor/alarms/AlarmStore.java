package dev.monitor.alarms;

import dev.monitor.audit.AuditEvent;
import dev.monitor.audit.ChangedMeanwhile;
import dev.monitor.paging.Page;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

public interface AlarmStore {
    /** Thrown when the account already has {@code limit} alarms. */
    final class LimitReached extends RuntimeException {
        public LimitReached() {
            super(null, null, false, false);
        }
    }

    /** Stores a new alarm, with its events, unless the account would then have more than {@code limit}. */
    void create(Alarm alarm, int limit, List<AuditEvent> audit);

    /**
     * Puts {@code changed} in place of the alarm as it was last changed at {@code replacing}, with the change's events,
     * in one transaction.
     *
     * @throws ChangedMeanwhile when it changed or went since
     */
    void update(Alarm changed, Instant replacing, List<AuditEvent> audit);

    /** As of the last change (a strongly consistent read). */
    Optional<Alarm> find(String accountSid, String sid);

    /** Deletes the alarm with its events; false, writing nothing, when there was none. */
    boolean delete(String accountSid, String sid, List<AuditEvent> audit);

    /** The account's alarms in order of creation, oldest first or newest first. */
    Page<Alarm> list(String accountSid, boolean oldestFirst, int pageSize, Optional<String> cursor);

    /** Every alarm of the account, for evaluating a batch. */
    List<Alarm> all(String accountSid);

    /** A firing to record, and whether it then waits, in {@link #awaitingResolution}, for its resolution check. */
    record FiringClaim(Firing firing, boolean awaitResolution) {}

    /**
     * Records each firing unless its alarm already fired for that window; returns, in order, the firing that holds for
     * each.
     */
    List<Firing> claimFirings(List<FiringClaim> claims);

    /** The firings' jobs are queued. */
    void markNotified(List<Firing> firings);

    /**
     * The firings of windows of this kind that started before {@code startedBefore} and still await their resolution
     * check.
     */
    List<Firing> awaitingResolution(TimeWindow window, Instant startedBefore);

    /** Records the resolution unless the firing has one; returns the firing as it holds. */
    Firing claimResolution(Firing firing, Firing.Resolution resolution);

    /** The resolution's jobs are queued: the firing's resolution check is done. */
    void markResolutionNotified(Firing firing);

    /** The firing needs no resolution check any more (a later window fired, or the alarm changed). */
    void stopAwaitingResolution(Firing firing);

    /** Newest first. */
    Page<Firing> firings(String alarmSid, int pageSize, Optional<String> cursor);
}
