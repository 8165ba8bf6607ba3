package dev.monitor.accounts;

import dev.monitor.audit.AuditEvent;
import dev.monitor.audit.ChangedMeanwhile;
import dev.monitor.paging.Page;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

public interface AccountStore {
    /**
     * Stores a new account with the events of its creation; the Sid is random, so a clash is a bug, not a race to
     * handle.
     */
    void create(Account account, List<AuditEvent> audit);

    Optional<Account> find(String accountSid);

    /** As of the last change (a strongly consistent read), for a change to build on. */
    Optional<Account> findLatest(String accountSid);

    /**
     * Sets the account's friendly name, status and date updated to {@code changed}'s, with the change's events, in one
     * transaction, on condition that it was last changed at {@code replacing}.
     *
     * @throws ChangedMeanwhile when it changed since
     */
    void update(Account changed, Instant replacing, List<AuditEvent> audit);

    /** Sets the main account's status that a subaccount that exists carries. */
    void updateOwnerStatus(String subaccountSid, AccountStatus ownerStatus);

    /** The main account and its subaccounts, in pages. */
    Page<Account> listFamily(String mainAccountSid, AccountFilter filter, int pageSize, Optional<String> cursor);
}
