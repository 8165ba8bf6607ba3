package dev.monitor.events;

import dev.monitor.audit.AuditTrail;
import java.util.OptionalInt;

/** Monitor's own events are kept as the account's events configuration keeps any event. */
public final class ConfiguredRetention implements AuditTrail.Retention {
    private final EventStore events;

    public ConfiguredRetention(EventStore events) {
        this.events = events;
    }

    @Override
    public OptionalInt daysKept(String accountSid, String eventType) {
        EventsConfiguration configuration = events.configuration(accountSid);
        return configuration.records(eventType) ? OptionalInt.of(configuration.retentionDays()) : OptionalInt.empty();
    }
}
