package dev.monitor.connect;

import java.time.Instant;
import java.util.Optional;
import java.util.Set;

/**
 * A Connect app ({@code CN…}): an application of its owner's that other accounts authorize to work for them. Each
 * authorization makes the app an account of its own in the user's family, which the owner reaches with its own
 * credentials as far as the {@code permissions} the user granted.
 *
 * @param authorizeRedirectUrl where the user's browser goes once it has authorized the app (or declined)
 * @param deauthorizeCallbackUrl what Monitor calls, by {@code deauthorizeCallbackMethod}, when a user deauthorizes it
 */
public record ConnectApp(
        String sid,
        String ownerAccountSid,
        ConnectAppProfile profile,
        String authorizeRedirectUrl,
        Optional<String> deauthorizeCallbackUrl,
        String deauthorizeCallbackMethod,
        Set<Permission> permissions,
        Instant dateCreated,
        Instant dateUpdated) {
    public static final String SID_PREFIX = "CN";
    public static final int MAX_FRIENDLY_NAME_LENGTH = 64;
    public static final int MAX_COMPANY_NAME_LENGTH = 255;
    public static final int MAX_DESCRIPTION_LENGTH = 1000;
    public static final Set<String> CALLBACK_METHODS = Set.of("GET", "POST");

    /** The app as {@code change} leaves it at {@code dateUpdated}: what it gives set, an emptied optional gone. */
    public ConnectApp changed(ConnectAppChange change, Instant dateUpdated) {
        return new ConnectApp(
                sid,
                ownerAccountSid,
                new ConnectAppProfile(
                        change.friendlyName().orElse(profile.friendlyName()),
                        cleared(change.companyName(), profile.companyName()),
                        cleared(change.description(), profile.description()),
                        cleared(change.homepageUrl(), profile.homepageUrl())),
                change.authorizeRedirectUrl().orElse(authorizeRedirectUrl),
                cleared(change.deauthorizeCallbackUrl(), deauthorizeCallbackUrl),
                change.deauthorizeCallbackMethod().orElse(deauthorizeCallbackMethod),
                change.permissions().orElse(permissions),
                dateCreated,
                dateUpdated);
    }

    private static Optional<String> cleared(Optional<String> change, Optional<String> current) {
        return change.isEmpty() ? current : change.filter(value -> !value.isEmpty());
    }
}
