package dev.monitor.connect;

import dev.monitor.accounts.Account;
import dev.monitor.audit.AuditEvent;
import dev.monitor.notify.NotificationJob;
import dev.monitor.paging.Page;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Connect apps and their authorizations; each change is one transaction, with the events of it. */
public interface ConnectAppStore {
    /** Stores a new app; its Sid is random, so a clash is a bug. */
    void create(ConnectApp app, List<AuditEvent> audit);

    Optional<ConnectApp> find(String sid);

    /** As of the last change (a strongly consistent read), for a change to build on. */
    Optional<ConnectApp> findLatest(String sid);

    /** The apps of these Sids that exist, by Sid. */
    Map<String, ConnectApp> findAll(Collection<String> sids);

    /** An owner's apps, in pages. */
    Page<ConnectApp> list(String ownerAccountSid, int pageSize, Optional<String> cursor);

    /**
     * Replaces the app with {@code changed}, on condition that it is still as of {@code replacing} and its owner's.
     *
     * @throws dev.monitor.audit.ChangedMeanwhile when it changed, or went, since it was read
     */
    void update(ConnectApp changed, Instant replacing, List<AuditEvent> audit);

    /** False, writing nothing, when the owner has no such app. */
    boolean delete(String ownerAccountSid, String sid, List<AuditEvent> audit);

    /**
     * Creates the app's account and the authorization that made it, in one transaction; false, writing nothing, when
     * the account has authorized the app already (and not deauthorized it since).
     */
    boolean authorize(Account appAccount, Authorization authorization, List<AuditEvent> audit);

    /** The account's authorization of the app, a deauthorized one that is still kept included. */
    Optional<Authorization> findAuthorization(String accountSid, String connectAppSid);

    /** The account's authorizations in force, in pages. */
    Page<Authorization> listAuthorizations(String accountSid, int pageSize, Optional<String> cursor);

    /**
     * Ends an authorization and closes the account it made, in one transaction, keeping the callback queued for it;
     * false when it had ended already.
     */
    boolean deauthorize(
            Authorization authorization,
            Optional<NotificationJob> callback,
            Instant now,
            Instant keepUntil,
            List<AuditEvent> audit);

    /** The app and the main account's authorization of it, read together: what a request through the app rests on. */
    Grant grant(String mainAccountSid, String connectAppSid);

    record Grant(Optional<ConnectApp> app, Optional<Authorization> authorization) {}
}
