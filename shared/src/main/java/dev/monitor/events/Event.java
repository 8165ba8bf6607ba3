package dev.monitor.events;

import com.fasterxml.jackson.databind.node.ObjectNode;
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
}
