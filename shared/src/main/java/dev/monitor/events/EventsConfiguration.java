package dev.monitor.events;

import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;

/** What an account chose to record: the event types it does not keep, and how long it keeps the rest. */
public record EventsConfiguration(SortedSet<String> disabledEventTypes, int retentionDays) {
    public static final int DEFAULT_RETENTION_DAYS = 30;
    /** Thirteen months. */
    public static final int MAX_RETENTION_DAYS = 395;

    public static final EventsConfiguration DEFAULT = new EventsConfiguration(new TreeSet<>(), DEFAULT_RETENTION_DAYS);

    public EventsConfiguration {
        disabledEventTypes = new TreeSet<>(disabledEventTypes);
    }

    public static EventsConfiguration of(Set<String> disabledEventTypes, int retentionDays) {
        return new EventsConfiguration(new TreeSet<>(disabledEventTypes), retentionDays);
    }

    public boolean records(String eventType) {
        return !disabledEventTypes.contains(eventType);
    }
}
