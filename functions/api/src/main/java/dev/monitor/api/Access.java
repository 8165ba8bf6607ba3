package dev.monitor.api;

import dev.monitor.accounts.Account;
import dev.monitor.accounts.AccountService;
import dev.monitor.accounts.Authenticator;
import dev.monitor.accounts.Caller;
import dev.monitor.audit.Actor;
import dev.monitor.cloudwatch.FunctionLog;
import dev.monitor.connect.AccountAccess;
import dev.monitor.connect.ConnectApps;
import dev.monitor.connect.Permission;
import dev.monitor.errors.DomainException;
import dev.monitor.limits.RequestLimiter;
import java.util.Optional;

/**
 * Who is calling, and whose data a request is about. An account's request is admitted within its family's limits when
 * its caller is first known, and counts as in flight until {@link #finish}; the operator's requests are not limited.
 * Once a request reaches an account through a Connect app's grant, its caller says so
 * ({@link Caller.AccountCaller#connectAppSid}).
 */
final class Access {
    /** The header the console sends with every request: its changes are logged with source {@code web}. */
    static final String SOURCE_HEADER = "x-monitor-source";

    private final Authenticator authenticator;
    private final AccountService accounts;
    private final ConnectApps connectApps;
    private final RequestLimiter limiter;
    private final FunctionLog log;
    /** The request's caller and its admission, once known: per thread, since the local stack serves many at once. */
    private static final ThreadLocal<Admitted> CURRENT = new ThreadLocal<>();

    private record Admitted(Caller caller, Optional<RequestLimiter.Permit> permit) {}

    Access(
            Authenticator authenticator,
            AccountService accounts,
            ConnectApps connectApps,
            RequestLimiter limiter,
            FunctionLog log) {
        this.authenticator = authenticator;
        this.accounts = accounts;
        this.connectApps = connectApps;
        this.limiter = limiter;
        this.log = log;
    }

    /**
     * The caller, whose account every later line of the request's log names; admitted once per request. Asked after the
     * request's account was found through a Connect app's grant, it names that app.
     */
    Caller caller(HttpRequest request) {
        Admitted admitted = CURRENT.get();
        if (admitted != null) {
            return admitted.caller();
        }
        Caller caller = authenticator.authenticate(request.header("authorization"));
        Optional<RequestLimiter.Permit> permit = Optional.empty();
        if (caller instanceof Caller.AccountCaller accountCaller) {
            log.put("accountSid", accountCaller.account().sid());
            permit = Optional.of(limiter.admit(accountCaller.account()));
        } else {
            log.put("caller", "operator");
        }
        CURRENT.set(new Admitted(caller, permit));
        return caller;
    }

    /**
     * Counts the events or alerts the request records against its family's records a second, or refuses it (the
     * operator's are not counted). Once the request's batch is read, before anything of it is stored.
     */
    void admitRecords(int records) {
        Admitted admitted = CURRENT.get();
        if (admitted != null && admitted.caller() instanceof Caller.AccountCaller accountCaller) {
            limiter.admitRecords(accountCaller.account(), records);
        }
    }

    /** The request is answered: its caller is forgotten and it no longer counts against its family's limits. */
    void finish() {
        Admitted admitted = CURRENT.get();
        CURRENT.remove();
        if (admitted != null) {
            admitted.permit().ifPresent(RequestLimiter.Permit::close);
        }
    }

    /**
     * Who makes the request's change, and from where, for its event: the credential's Sid (the Connect app's, once the
     * request acts through its grant), whether the console sent it
     * (its {@value #SOURCE_HEADER} header; a label, not a credential), and the client's address as API Gateway saw it.
     */
    Actor actor(HttpRequest request) {
        Actor.Source source = request.header(SOURCE_HEADER)
                .filter("web"::equals)
                .map(web -> Actor.Source.WEB)
                .orElse(Actor.Source.API);
        Optional<String> ip = Optional.ofNullable(request.sourceIp());
        if (caller(request) instanceof Caller.AccountCaller accountCaller) {
            if (accountCaller.connectAppSid().isPresent()) {
                // The app's owner acting in a user's account: the user's log names the app, as Twilio's does.
                return new Actor(accountCaller.connectAppSid(), Actor.ActorType.CONNECT_APP, source, ip);
            }
            return accountCaller
                    .apiKeySid()
                    .map(key -> new Actor(Optional.of(key), Actor.ActorType.API_KEY, source, ip))
                    .orElseGet(() ->
                            new Actor(Optional.of(accountCaller.account().sid()), Actor.ActorType.ACCOUNT, source, ip));
        }
        return new Actor(Optional.empty(), Actor.ActorType.OPERATOR, source, ip);
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

    /**
     * The account a request on Monitor's data selects, as {@link #selectedAccount(HttpRequest, Caller)} does, or one
     * that a user's authorization made for a Connect app the caller owns, when the grant allows {@code needed}: reading
     * the data ({@link Permission#GET_ALL}) or recording and changing it ({@link Permission#POST_ALL}).
     */
    Account selectedAccount(HttpRequest request, Caller caller, Permission needed) {
        Optional<String> selected = request.queryParameter("AccountSid");
        return selected.isEmpty() ? selectedAccount(request, caller) : reach(caller, selected.get(), needed);
    }

    /** The account a request's path names, of the caller's family or reached through a Connect app's grant. */
    Account account(HttpRequest request, String accountSid, Permission needed) {
        return reach(caller(request), accountSid, needed);
    }

    private Account reach(Caller caller, String accountSid, Permission needed) {
        AccountAccess reached = connectApps.reach(caller, accountSid, needed);
        reached.grant().ifPresent(grant -> {
            Admitted admitted = CURRENT.get();
            if (admitted != null && admitted.caller() instanceof Caller.AccountCaller accountCaller) {
                CURRENT.set(new Admitted(accountCaller.throughConnectApp(grant.connectAppSid()), admitted.permit()));
            }
            log.put("connectAppSid", grant.connectAppSid());
        });
        return reached.account();
    }
}
