package dev.monitor.events;

import dev.monitor.json.RawJson;
import java.time.Instant;
import java.util.Optional;

/** A validated event as a client sent it, before it has a Sid, an account and a date. */
public record EventDraft(
        Optional<String> accountSid,
        String eventType,
        String resourceType,
        String resourceSid,
        String actorSid,
        String actorType,
        String source,
        String sourceIpAddress,
        Optional<Instant> eventDate,
        String description,
        RawJson eventData) {

    public Event toEvent(String sid, String account, Instant defaultDate) {
        return new Event(
                sid,
                account,
                eventType,
                resourceType,
                resourceSid,
                actorSid,
                actorType,
                source,
                sourceIpAddress,
                eventDate.orElse(defaultDate),
                description,
                eventData);
    }
}
