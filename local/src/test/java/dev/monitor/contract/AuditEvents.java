package dev.monitor.contract;

import dev.monitor.audit.Actor;
import dev.monitor.audit.AuditEvent;
import dev.monitor.audit.PropertyChange;
import dev.monitor.crypto.Secrets;
import dev.monitor.events.Event;
import dev.monitor.events.EventStore;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Monitor's own event of a change, which a store writes with the change, and whether it was written. */
final class AuditEvents {
    private static final Actor OPERATOR =
            new Actor(Optional.empty(), Actor.ActorType.OPERATOR, Actor.Source.API, Optional.empty());

    private AuditEvents() {}

    /** One event of {@code eventType} in {@code accountSid}'s log, about {@code resourceSid}, dated {@code now}. */
    static List<AuditEvent> of(String accountSid, String eventType, String resourceSid, Instant now) {
        return List.of(new AuditEvent(
                Event.SIDS.of(now, Secrets.randomBytes(10)),
                accountSid,
                eventType,
                resourceSid,
                OPERATOR,
                "A change of " + resourceSid,
                List.of(new PropertyChange("friendly_name", Optional.empty(), Optional.of("changed"))),
                now,
                now.plus(Duration.ofDays(30))));
    }

    /** Whether the store wrote the event: it is in its account's log. */
    static boolean written(EventStore events, List<AuditEvent> audit) {
        AuditEvent event = audit.get(0);
        return events.find(event.accountSid(), event.sid(), event.eventDate()).isPresent();
    }
}
