package dev.monitor.audit;

import dev.monitor.validation.Dates;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One property of a resource as a change left it, Twilio's {@code resource_properties} entry: {@code previous} is
 * absent for a resource created, {@code updated} for one deleted. Values are as the API shows them, never a secret.
 */
public record PropertyChange(String name, Optional<String> previous, Optional<String> updated) {

    /** The properties a change sets, each kept only where its value differs. */
    public static final class Diff {
        private final List<PropertyChange> changes = new ArrayList<>();

        /**
         * Records {@code name} when its value changed; a value is absent when the property is unset. A date is written
         * as the API writes dates.
         */
        public Diff property(String name, Optional<?> previous, Optional<?> updated) {
            Optional<String> before = previous.map(Diff::written);
            Optional<String> after = updated.map(Diff::written);
            if (!Objects.equals(before, after)) {
                changes.add(new PropertyChange(name, before, after));
            }
            return this;
        }

        public Diff property(String name, Object previous, Object updated) {
            return property(name, Optional.ofNullable(previous), Optional.ofNullable(updated));
        }

        /** A property of a resource created. */
        public Diff created(String name, Optional<?> value) {
            return property(name, Optional.empty(), value);
        }

        public Diff created(String name, Object value) {
            return created(name, Optional.ofNullable(value));
        }

        private static String written(Object value) {
            return value instanceof Instant instant ? Dates.print(instant) : String.valueOf(value);
        }

        public List<PropertyChange> changes() {
            return List.copyOf(changes);
        }

        public boolean isEmpty() {
            return changes.isEmpty();
        }
    }
}
