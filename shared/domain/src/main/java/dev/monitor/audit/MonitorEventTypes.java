package dev.monitor.audit;

import java.util.List;

/**
 * The types of the events Monitor writes of its own changes, Twilio's names where Twilio has them; {@code GET
 * /v1/EventTypes} lists them with the platform's.
 */
public final class MonitorEventTypes {
    /** An event type and what it says happened. */
    public record Type(String name, String description) {}

    public static final String ACCOUNT_CREATED = "account.created";
    public static final String ACCOUNT_UPDATED = "account.updated";
    public static final String API_KEY_CREATED = "api-key.created";
    public static final String API_KEY_UPDATED = "api-key.updated";
    public static final String API_KEY_DELETED = "api-key.deleted";
    public static final String ALARM_CREATED = "alarm.created";
    public static final String ALARM_UPDATED = "alarm.updated";
    public static final String ALARM_DELETED = "alarm.deleted";
    public static final String ALERT_DELETED = "alert.deleted";
    public static final String USAGE_TRIGGER_CREATED = "usage-trigger.created";
    public static final String USAGE_TRIGGER_UPDATED = "usage-trigger.updated";
    public static final String USAGE_TRIGGER_DELETED = "usage-trigger.deleted";
    public static final String EVENTS_CONFIGURATION_UPDATED = "events-configuration.updated";
    public static final String SIGNING_SECRET_ROTATED = "signing-secret.rotated";
    public static final String DELIVERY_RETRIED = "delivery.retried";
    public static final String CONNECT_APP_CREATED = "connect-app.created";
    public static final String CONNECT_APP_UPDATED = "connect-app.updated";
    public static final String CONNECT_APP_DELETED = "connect-app.deleted";
    public static final String AUTHORIZED_CONNECT_APP_CREATED = "authorized-connect-app.created";
    public static final String AUTHORIZED_CONNECT_APP_DELETED = "authorized-connect-app.deleted";

    public static final List<Type> ALL = List.of(
            new Type(ACCOUNT_CREATED, "An account or subaccount was created"),
            new Type(ACCOUNT_UPDATED, "An account's friendly name or status changed"),
            new Type(API_KEY_CREATED, "An API key was created"),
            new Type(API_KEY_UPDATED, "An API key's friendly name changed"),
            new Type(API_KEY_DELETED, "An API key was deleted"),
            new Type(ALARM_CREATED, "A Monitor alarm was created"),
            new Type(ALARM_UPDATED, "A Monitor alarm was changed, enabled or disabled"),
            new Type(ALARM_DELETED, "A Monitor alarm was deleted"),
            new Type(ALERT_DELETED, "An alert was deleted"),
            new Type(USAGE_TRIGGER_CREATED, "A usage trigger was created"),
            new Type(USAGE_TRIGGER_UPDATED, "A usage trigger was changed"),
            new Type(USAGE_TRIGGER_DELETED, "A usage trigger was deleted"),
            new Type(EVENTS_CONFIGURATION_UPDATED, "The account's events configuration changed"),
            new Type(SIGNING_SECRET_ROTATED, "The account's webhook signing secret was rotated"),
            new Type(DELIVERY_RETRIED, "A failed or pending notification delivery was sent again"),
            new Type(CONNECT_APP_CREATED, "A Connect app was created"),
            new Type(CONNECT_APP_UPDATED, "A Connect app was changed"),
            new Type(CONNECT_APP_DELETED, "A Connect app was deleted"),
            new Type(AUTHORIZED_CONNECT_APP_CREATED, "The account authorized a Connect app, which made its account"),
            new Type(
                    AUTHORIZED_CONNECT_APP_DELETED,
                    "The account deauthorized a Connect app, which closed its account"));

    private MonitorEventTypes() {}
}
