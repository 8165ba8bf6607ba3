package dev.monitor.events;

import dev.monitor.audit.MonitorEventTypes;
import java.util.List;
import java.util.stream.Stream;

/** The event types the platform records, as listed by {@code GET /v1/EventTypes}; others are accepted too. */
public final class EventTypes {
    public record EventType(String eventType, String description) {
        public String resourceType() {
            return eventType.substring(0, eventType.indexOf('.'));
        }
    }

    /** The platform's, then Monitor's own, which it writes of the changes made through it. */
    public static final List<EventType> ALL = Stream.concat(
                    Stream.of(
                            new EventType("account.suspended", "An account was suspended"),
                            new EventType("account.reactivated", "A suspended account was made active again"),
                            new EventType("account.closed", "An account was closed"),
                            new EventType(
                                    "account.auth-token.promoted", "A secondary auth token was promoted to primary"),
                            new EventType("account.secondary-auth-token.created", "A secondary auth token was created"),
                            new EventType("account.secondary-auth-token.deleted", "A secondary auth token was deleted"),
                            new EventType("application.created", "A TwiML application was created"),
                            new EventType("application.updated", "A TwiML application was changed"),
                            new EventType("application.deleted", "A TwiML application was deleted"),
                            new EventType("phone-number.created", "A phone number was provisioned"),
                            new EventType("phone-number.updated", "A phone number's configuration changed"),
                            new EventType("phone-number.deleted", "A phone number was released"),
                            new EventType("user.created", "A user was added to the account"),
                            new EventType("user.updated", "A user's role or details changed"),
                            new EventType("user.deleted", "A user was removed from the account"),
                            new EventType("user.login", "A user signed in to the console"),
                            new EventType("user.two-factor-auth.updated", "A user changed two-factor authentication"),
                            new EventType("signing-key.created", "A signing key was created"),
                            new EventType("signing-key.deleted", "A signing key was deleted")),
                    MonitorEventTypes.ALL.stream().map(type -> new EventType(type.name(), type.description())))
            .toList();

    private EventTypes() {}
}
