package dev.monitor.events;

import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * What an account chose to record: the event types it does not keep, and how long it keeps the rest.
 *
 * @param dateUpdated when it last changed; none while it is the default
 */
public record EventsConfiguration(
        SortedSet<String> disabledEventTypes, int retentionDays, Optional<Instant> dateUpdated) {
    public static final int DEFAULT_RETENTION_DAYS = 30;
    /** Thirteen months. */
    public static final int MAX_RETENTION_DAYS = 395;

    public static final EventsConfiguration DEFAULT =
            new EventsConfiguration(new TreeSet<>(), DEFAULT_RETENTION_DAYS, Optional.empty());

    public EventsConfiguration {
        disabledEventTypes = new TreeSet<>(disabledEventTypes);
    }

    public static EventsConfiguration of(
            Set<String> disabledEventTypes, int retentionDays, Optional<Instant> dateUpdated) {
        return new EventsConfiguration(new TreeSet<>(disabledEventTypes), retentionDays, dateUpdated);
    }

    public boolean records(String eventType) {
        return !disabledEventTypes.contains(eventType);
    }

    /** This configuration with what {@code change} names replaced, changed at {@code dateUpdated}. */
    public EventsConfiguration changedBy(ConfigurationChange change, Instant dateUpdated) {
        return of(
                change.disabledEventTypes().orElse(disabledEventTypes),
                change.retentionDays().orElse(retentionDays),
                Optional.of(dateUpdated));
    }
}
