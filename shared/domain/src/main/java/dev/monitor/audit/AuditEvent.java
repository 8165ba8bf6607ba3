package dev.monitor.audit;

import java.time.Instant;
import java.util.List;

/**
 * An event of Monitor's own, in Twilio's shape: a change made through Monitor's API or console, in the log of the
 * account it changed. A store writes it together with the change (docs/data-model.md, "Monitor's own events").
 *
 * @param resourceProperties Twilio's {@code event_data.resource_properties}: what the change set, or for a resource
 *     created its settings, for one deleted what it was
 * @param expiresAt when the account's retention lets it go
 */
public record AuditEvent(
        String sid,
        String accountSid,
        String eventType,
        String resourceSid,
        Actor actor,
        String description,
        List<PropertyChange> resourceProperties,
        Instant eventDate,
        Instant expiresAt) {

    /** The type of resource changed: the event type up to its dot, {@code api-key} of {@code api-key.created}. */
    public String resourceType() {
        return eventType.substring(0, eventType.indexOf('.'));
    }
}
