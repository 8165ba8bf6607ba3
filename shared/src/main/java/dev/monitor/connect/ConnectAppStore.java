package dev.monitor.connect;

import dev.monitor.accounts.Account;
import dev.monitor.notify.NotificationJob;
import dev.monitor.paging.Page;
import java.time.Instant;
import java.util.Collection;
import java.util.Map;
import java.util.Optional;

/** Connect apps and their authorizations; each change is one write, or one transaction. */
public interface ConnectAppStore {
    /** Stores a new app; its Sid is random, so a clash is a bug. */
    void create(ConnectApp app);

    Optional<ConnectApp> find(String sid);

    /** The apps of these Sids that exist, by Sid. */
    Map<String, ConnectApp> findAll(Collection<String> sids);

    /** An owner's apps, in pages. */
    Page<ConnectApp> list(String ownerAccountSid, int pageSize, Optional<String> cursor);

    /** Sets what the change gives and removes what it empties, in one write; empty when the owner has no such app. */
    Optional<ConnectApp> update(String ownerAccountSid, String sid, ConnectAppChange change, Instant now);

    /** False when the owner has no such app. */
    boolean delete(String ownerAccountSid, String sid);

    /**
     * Creates the app's account and the authorization that made it, in one transaction; false, writing nothing, when
     * the account has authorized the app already (and not deauthorized it since).
     */
    boolean authorize(Account appAccount, Authorization authorization);

    /** The account's authorization of the app, a deauthorized one that is still kept included. */
    Optional<Authorization> findAuthorization(String accountSid, String connectAppSid);

    /** The account's authorizations in force, in pages. */
    Page<Authorization> listAuthorizations(String accountSid, int pageSize, Optional<String> cursor);

    /**
     * Ends an authorization and closes the account it made, in one transaction, keeping the callback queued for it;
     * false when it had ended already.
     */
    boolean deauthorize(
            Authorization authorization, Optional<NotificationJob> callback, Instant now, Instant keepUntil);

    /** The app and the main account's authorization of it, read together: what a request through the app rests on. */
    Grant grant(String mainAccountSid, String connectAppSid);

    record Grant(Optional<ConnectApp> app, Optional<Authorization> authorization) {}
}
