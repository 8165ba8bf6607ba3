package dev.monitor.events;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.monitor.audit.AuditEvent;
import dev.monitor.audit.PropertyChange;
import dev.monitor.ids.TimeOrderedSids;
import dev.monitor.json.Json;
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
        ObjectNode eventData) {
    /**
     * {@code AE…}, sorting by the event date. An account's events are spread over 4 partitions, each
     * good for 1,000 writes/s; the Sid's last digit names its event's shard, so a fetch is one GetItem.
     */
    public static final TimeOrderedSids SIDS = new TimeOrderedSids("AE", 4);

    /** An event of Monitor's own, as the log shows it: its properties under Twilio's {@code resource_properties}. */
    public static Event of(AuditEvent audit) {
        ObjectNode data = Json.object();
        ObjectNode properties = data.putObject("resource_properties");
        for (PropertyChange change : audit.resourceProperties()) {
            ObjectNode property = properties.putObject(change.name());
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
                data);
    }
}
