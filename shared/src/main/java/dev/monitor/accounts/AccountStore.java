package dev.monitor.accounts;

import dev.monitor.paging.Page;
import java.util.Optional;

public interface AccountStore {
    /** Stores a new account; the Sid is random, so a clash is a bug, not a race to handle. */
    void create(Account account);

    Optional<Account> find(String accountSid);

    /** Replaces the friendly name, status and date updated of an account that exists. */
    void update(Account account);

    /** Sets the main account's status that a subaccount that exists carries. */
    void updateOwnerStatus(String subaccountSid, AccountStatus ownerStatus);

    /** The main account and its subaccounts, in pages. */
    Page<Account> listFamily(String mainAccountSid, AccountFilter filter, int pageSize, Optional<String> cursor);
}
