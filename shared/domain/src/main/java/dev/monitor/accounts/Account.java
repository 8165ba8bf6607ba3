package dev.monitor.accounts;

import dev.monitor.errors.DomainException;
import java.time.Instant;
import java.util.Optional;

/**
 * An account or subaccount. Only the hash of the auth token is kept for checking it, and a sealed
 * copy for signing callbacks; the token itself is returned once, at creation. A subaccount carries
 * its main account's status too ({@code ownerStatus}; a main account's is its own), so that checking
 * its credentials stays one read while a suspended or closed main account stops its subaccounts. An account made for a
 * Connect app when a user authorized it names the app ({@code connectAppSid}): a subaccount of that user's main
 * account, which the app's owner reaches only through the user's grant.
 */
public record Account(
        String sid,
        String friendlyName,
        AccountStatus status,
        Optional<String> ownerAccountSid,
        String authTokenSha256,
        byte[] sealedAuthToken,
        Instant dateCreated,
        Instant dateUpdated,
        AccountStatus ownerStatus,
        Optional<String> connectAppSid) {

    /** An account made for no Connect app. */
    public Account(
            String sid,
            String friendlyName,
            AccountStatus status,
            Optional<String> ownerAccountSid,
            String authTokenSha256,
            byte[] sealedAuthToken,
            Instant dateCreated,
            Instant dateUpdated,
            AccountStatus ownerStatus) {
        this(
                sid,
                friendlyName,
                status,
                ownerAccountSid,
                authTokenSha256,
                sealedAuthToken,
                dateCreated,
                dateUpdated,
                ownerStatus,
                Optional.empty());
    }

    /** Its credentials work: it is active, and so is its main account, as in Twilio. */
    public boolean active() {
        return status == AccountStatus.ACTIVE && ownerStatus == AccountStatus.ACTIVE;
    }

    /** Refuses a change to an account that is not active, or whose main account is not: it stays readable. */
    public void checkWritable() {
        if (!active()) {
            throw new DomainException.AccountInactive(sid);
        }
    }

    public boolean isSubaccount() {
        return ownerAccountSid.isPresent();
    }

    /** The main account at the head of this account's family: itself, or its owner. */
    public String mainAccountSid() {
        return ownerAccountSid.orElse(sid);
    }

    /** This account with another name and status, as changed at {@code dateUpdated}. */
    public Account changed(String friendlyName, AccountStatus status, Instant dateUpdated) {
        return new Account(
                sid,
                friendlyName,
                status,
                ownerAccountSid,
                authTokenSha256,
                sealedAuthToken,
                dateCreated,
                dateUpdated,
                ownerStatus,
                connectAppSid);
    }

    public boolean owns(Account other) {
        return other.ownerAccountSid().filter(sid::equals).isPresent();
    }
}
