package dev.monitor.events;

import dev.monitor.audit.AuditEvent;
import dev.monitor.audit.ChangedMeanwhile;
import dev.monitor.paging.Page;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

public interface EventStore {
    /** Writes the events; each expires at its own epoch second. Writing the same event twice is harmless. */
    void putAll(List<Event> events, List<Instant> expiresAt);

    /** The event, unless it does not exist, belongs to another account, or has expired by {@code now}. */
    Optional<Event> find(String accountSid, String sid, Instant now);

    /** Newest first; events that have expired by {@code now} are never returned. */
    Page<Event> list(String accountSid, EventFilter filter, Instant now, int pageSize, Optional<String> cursor);

    /** As of the last change (a strongly consistent read), for a change to build on. */
    EventsConfiguration configuration(String accountSid);

    /**
     * Puts {@code changed} in place of the configuration last changed at {@code replacing} (none: the default), with
     * its events, in one transaction.
     *
     * @throws ChangedMeanwhile when the configuration changed since
     */
    void configure(String accountSid, Optional<Instant> replacing, EventsConfiguration changed, List<AuditEvent> audit);
}
