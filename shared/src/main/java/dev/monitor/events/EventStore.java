package dev.monitor.events;

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

    EventsConfiguration configuration(String accountSid);

    /**
     * Changes what {@code change} names of the account's configuration, in one write, and keeps the rest, whatever a
     * concurrent change sets of it; the configuration as it is now.
     */
    EventsConfiguration configure(String accountSid, ConfigurationChange change);
}
