package dev.monitor.events;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.monitor.ids.TimeOrderedSids;
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
}
