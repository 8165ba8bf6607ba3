package dev.monitor.audit;

import java.util.List;

/**
 * What a service says of a change for its event: the type (one of {@link MonitorEventTypes}), the resource, a sentence
 * a person reads in the log, and the properties set.
 */
public record AuditedChange(
        String eventType, String resourceSid, String description, List<PropertyChange> resourceProperties) {

    public static AuditedChange of(String eventType, String resourceSid, String description) {
        return new AuditedChange(eventType, resourceSid, description, List.of());
    }

    public AuditedChange with(PropertyChange.Diff properties) {
        return new AuditedChange(eventType, resourceSid, description, properties.changes());
    }
}
