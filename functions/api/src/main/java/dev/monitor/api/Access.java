package dev.monitor.api;

import dev.monitor.accounts.Account;
import dev.monitor.accounts.AccountService;
import dev.monitor.accounts.Authenticator;
import dev.monitor.accounts.Caller;
import dev.monitor.errors.DomainException;
import dev.monitor.logging.FunctionLog;
import java.util.Optional;

/** Who is calling, and whose data a request is about. */
final class Access {
    private final Authenticator authenticator;
    private final AccountService accounts;
    private final FunctionLog log;

    Access(Authenticator authenticator, AccountService accounts, FunctionLog log) {
        this.authenticator = authenticator;
        this.accounts = accounts;
        this.log = log;
    }

    /** The caller, whose account every later line of the request's log names. */
    Caller caller(HttpRequest request) {
        Caller caller = authenticator.authenticate(request.header("authorization"));
        if (caller instanceof Caller.AccountCaller accountCaller) {
            log.put("accountSid", accountCaller.account().sid());
        } else {
            log.put("caller", "operator");
        }
        return caller;
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
