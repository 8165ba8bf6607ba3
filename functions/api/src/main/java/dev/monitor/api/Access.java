package dev.monitor.api;

import dev.monitor.accounts.Account;
import dev.monitor.accounts.AccountService;
import dev.monitor.accounts.Authenticator;
import dev.monitor.accounts.Caller;
import dev.monitor.errors.DomainException;
import java.util.Optional;

/** Who is calling, and whose data a request is about. */
final class Access {
    private final Authenticator authenticator;
    private final AccountService accounts;

    Access(Authenticator authenticator, AccountService accounts) {
        this.authenticator = authenticator;
        this.accounts = accounts;
    }

    Caller caller(HttpRequest request) {
        return authenticator.authenticate(request.header("authorization"));
    }

    /** As Twilio does, API keys reach everything but the Accounts and Keys resources. */
    Caller accountManager(HttpRequest request) {
        Caller caller = caller(request);
        if (caller instanceof Caller.AccountCaller accountCaller && accountCaller.viaApiKey()) {
            throw new DomainException.Forbidden(
                    "API keys cannot manage accounts or keys: use the account's auth token");
        }
        return caller;
    }

    /** The account whose auth token made the request. */
    Account accountManagedBy(HttpRequest request) {
        if (accountManager(request) instanceof Caller.AccountCaller accountCaller) {
            return accountCaller.account();
        }
        throw new DomainException.Forbidden("This resource needs account credentials, not the operator key");
    }

    /**
     * The account a Monitor request reads: the caller's own, or the one its {@code AccountSid}
     * parameter selects, which must be the caller's subaccount. The operator must select one.
     */
    Account selectedAccount(HttpRequest request, Caller caller) {
        Optional<String> selected = request.queryParameter("AccountSid");
        if (selected.isEmpty()) {
            if (caller instanceof Caller.AccountCaller accountCaller) {
                return accountCaller.account();
            }
            throw new DomainException.Invalid("AccountSid is required with the operator key");
        }
        return accounts.visibleTo(caller, selected.get());
    }
}
