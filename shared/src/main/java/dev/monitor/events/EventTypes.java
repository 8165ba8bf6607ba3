package dev.monitor.events;

import java.util.List;

/** The event types the platform records, as listed by {@code GET /v1/EventTypes}; others are accepted too. */
public final class EventTypes {
    public record EventType(String eventType, String description) {
        public String resourceType() {
            return eventType.substring(0, eventType.indexOf('.'));
        }
    }

    public static final List<EventType> ALL = List.of(
            new EventType("account.created", "An account or subaccount was created"),
            new EventType("account.updated", "An account's friendly name or settings changed"),
            new EventType("account.suspended", "An account was suspended"),
            new EventType("account.reactivated", "A suspended account was made active again"),
            new EventType("account.closed", "An account was closed"),
            new EventType("account.auth-token.promoted", "A secondary auth token was promoted to primary"),
            new EventType("account.secondary-auth-token.created", "A secondary auth token was created"),
            new EventType("account.secondary-auth-token.deleted", "A secondary auth token was deleted"),
            new EventType("api-key.created", "An API key was created"),
            new EventType("api-key.updated", "An API key's friendly name changed"),
            new EventType("api-key.deleted", "An API key was deleted"),
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
            new EventType("signing-key.deleted", "A signing key was deleted"),
            new EventType("alarm.created", "A Monitor alarm was created"),
            new EventType("alarm.updated", "A Monitor alarm was changed"),
            new EventType("alarm.deleted", "A Monitor alarm was deleted"),
            new EventType("usage-trigger.created", "A usage trigger was created"),
            new EventType("usage-trigger.updated", "A usage trigger was changed"),
            new EventType("usage-trigger.deleted", "A usage trigger was deleted"),
            new EventType("events-configuration.updated", "The account's events configuration changed"));

    private EventTypes() {}
}
