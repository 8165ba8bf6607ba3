package dev.monitor.connect;

import dev.monitor.notify.NotificationJob;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;

/**
 * A main account's authorization of a Connect app, and the account it made for the app ({@code appAccountSid}).
 * {@code profile} is the app's as the user authorized it, or as it is now when read with the app. Once deauthorized it
 * is kept a while, with the deauthorize callback queued then, so that a repeated deauthorization sends that same
 * callback (which the notifier delivers once) rather than none.
 *
 * @param permissions what the user granted: what the app asked for when it was authorized
 */
public record Authorization(
        String accountSid,
        String connectAppSid,
        String appAccountSid,
        Set<Permission> permissions,
        ConnectAppProfile profile,
        Instant dateCreated,
        Instant dateUpdated,
        Optional<Instant> dateDeauthorized,
        Optional<NotificationJob> deauthorizeCallback) {

    public boolean authorized() {
        return dateDeauthorized.isEmpty();
    }

    /** The same authorization, showing the app as it is now. */
    public Authorization withProfile(ConnectAppProfile current) {
        return new Authorization(
                accountSid,
                connectAppSid,
                appAccountSid,
                permissions,
                current,
                dateCreated,
                dateUpdated,
                dateDeauthorized,
                deauthorizeCallback);
    }
}
