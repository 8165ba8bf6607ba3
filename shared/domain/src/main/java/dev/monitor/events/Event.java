package dev.monitor.events;

import dev.monitor.audit.AuditEvent;
import dev.monitor.audit.PropertyChange;
import dev.monitor.ids.TimeOrderedSids;
import dev.monitor.json.JsonObjectWriter;
import dev.monitor.json.RawJson;
import java.time.Instant;

/**
 * One entry of an account's event log, as stored and as read. Optional properties are null when
 * absent, which is how Twilio's read shape shows them.
 */
public record Event(
        String sid,
        String accountSid,
        String eventType,
        String resourceType,
        String resourceSid,
        String actorSid,
        String actorType,
        String source,
        String sourceIpAddress,
        Instant eventDate,
        String description,
        RawJson eventData) {
    /**
     * {@code AE…}, sorting by the event date. An account's events are spread over 4 partitions, each
     * good for 1,000 writes/s; the Sid's last digit names its event's shard, so a fetch is one GetItem.
     */
    public static final TimeOrderedSids SIDS = new TimeOrderedSids("AE", 4);

    /** An event of Monitor's own, as the log shows it: its properties under Twilio's {@code resource_properties}. */
    public static Event of(AuditEvent audit) {
        JsonObjectWriter data = new JsonObjectWriter();
        JsonObjectWriter properties = data.object("resource_properties");
        for (PropertyChange change : audit.resourceProperties()) {
            JsonObjectWriter property = properties.object(change.name());
            change.previous().ifPresent(value -> property.put("previous", value));
            change.updated().ifPresent(value -> property.put("updated", value));
        }
        return new Event(
                audit.sid(),
                audit.accountSid(),
                audit.eventType(),
                audit.resourceType(),
                audit.resourceSid(),
                audit.actor().sid().orElse(null),
                audit.actor().type().wireName(),
                audit.actor().source().wireName(),
                audit.actor().ipAddress().orElse(null),
                audit.eventDate(),
                audit.description(),
                data.toJson());
    }
}
