package dev.monitor.accounts;

import java.time.Instant;
import java.util.Optional;

/**
 * An account or subaccount. Only the hash of the auth token is kept for checking it, and a sealed
 * copy for signing callbacks; the token itself is returned once, at creation.
 */
public record Account(
        String sid,
        String friendlyName,
        AccountStatus status,
        Optional<String> ownerAccountSid,
        String authTokenSha256,
        byte[] sealedAuthToken,
        Instant dateCreated,
        Instant dateUpdated) {

    public boolean isSubaccount() {
        return ownerAccountSid.isPresent();
    }

    /** The main account at the head of this account's family: itself, or its owner. */
    public String mainAccountSid() {
        return ownerAccountSid.orElse(sid);
    }

    public boolean owns(Account other) {
        return other.ownerAccountSid().filter(sid::equals).isPresent();
    }
}
