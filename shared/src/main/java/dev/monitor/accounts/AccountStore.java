package dev.monitor.accounts;

import dev.monitor.paging.Page;
import java.time.Instant;
import java.util.Optional;

public interface AccountStore {
    /** Stores a new account; the Sid is random, so a clash is a bug, not a race to handle. */
    void create(Account account);

    Optional<Account> find(String accountSid);

    /**
     * Sets what is given of an account's friendly name and status, and its date updated, in one write, unless the
     * account is closed; the account as it is now. A concurrent change of the other field stands.
     *
     * @throws dev.monitor.errors.DomainException.AccountInactive when the account is closed
     */
    Account update(String accountSid, Optional<String> friendlyName, Optional<AccountStatus> status, Instant now);

    /** Sets the main account's status that a subaccount that exists carries. */
    void updateOwnerStatus(String subaccountSid, AccountStatus ownerStatus);

    /** The main account and its subaccounts, in pages. */
    Page<Account> listFamily(String mainAccountSid, AccountFilter filter, int pageSize, Optional<String> cursor);
}
