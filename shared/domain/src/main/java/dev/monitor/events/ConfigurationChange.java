package dev.monitor.events;

import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;

/** What {@code POST /v1/Events/Configuration} changes: each part given replaces the account's, the rest is kept. */
public record ConfigurationChange(Optional<Set<String>> disabledEventTypes, OptionalInt retentionDays) {
    /** Event types are short names of a catalogue, and a configuration is one item: at most this many are disabled. */
    public static final int MAX_DISABLED_EVENT_TYPES = 500;

    /** Changes nothing: asks for the configuration as it is. */
    public boolean isEmpty() {
        return disabledEventTypes.isEmpty() && retentionDays.isEmpty();
    }
}
