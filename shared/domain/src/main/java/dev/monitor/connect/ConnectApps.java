package dev.monitor.connect;

import dev.monitor.accounts.Account;
import dev.monitor.accounts.AccountService;
import dev.monitor.accounts.AccountStatus;
import dev.monitor.accounts.Caller;
import dev.monitor.accounts.NewAccount;
import dev.monitor.audit.Actor;
import dev.monitor.audit.AuditEvent;
import dev.monitor.audit.AuditTrail;
import dev.monitor.audit.AuditedChange;
import dev.monitor.audit.ChangedMeanwhile;
import dev.monitor.audit.MonitorEventTypes;
import dev.monitor.audit.PropertyChange;
import dev.monitor.errors.DomainException;
import dev.monitor.errors.FieldError;
import dev.monitor.ids.Sids;
import dev.monitor.notify.DisabledDestinations;
import dev.monitor.notify.NotificationJob;
import dev.monitor.notify.NotificationQueue;
import dev.monitor.paging.Page;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Connect apps: their owners create and change them; other main accounts authorize them, which makes each app an
 * account of its own in the user's family, and deauthorize them, which closes that account and calls the app back.
 * Decides, too, whether a caller reaches an account through such a grant, and with what permissions. Each change is an
 * event: of the owner's log for an app, of the user's for an authorization, and of the app's account for its creation
 * and closing.
 */
public final class ConnectApps {
    /**
     * How long a deauthorized authorization is kept: a deauthorization repeated within it (its first answer lost)
     * queues the same callback again, which the notifier, keeping its jobs' state for 30 days, delivers once.
     */
    static final Duration KEEP_DEAUTHORIZED = Duration.ofDays(7);

    private final ConnectAppStore store;
    private final AccountService accounts;
    private final ConnectAppUrls urls;
    private final NotificationQueue queue;
    private final DisabledDestinations disabledDestinations;
    private final AuditTrail audit;
    private final Clock clock;

    /** An authorization as its request answers it: new or the one in force, and where the user's browser goes next. */
    public record Authorized(Authorization authorization, boolean created, String redirectUrl) {}

    public ConnectApps(
            ConnectAppStore store,
            AccountService accounts,
            ConnectAppUrls urls,
            NotificationQueue queue,
            DisabledDestinations disabledDestinations,
            AuditTrail audit,
            Clock clock) {
        this.store = store;
        this.accounts = accounts;
        this.urls = urls;
        this.queue = queue;
        this.disabledDestinations = disabledDestinations;
        this.audit = audit;
        this.clock = clock;
    }

    public ConnectApp create(Account owner, Actor actor, ConnectAppSpec spec) {
        owner.checkWritable();
        refuseUrls(
                Optional.of(spec.authorizeRedirectUrl()), spec.profile().homepageUrl(), spec.deauthorizeCallbackUrl());
        Instant now = clock.instant();
        ConnectApp app = new ConnectApp(
                Sids.random(ConnectApp.SID_PREFIX),
                owner.sid(),
                spec.profile(),
                spec.authorizeRedirectUrl(),
                spec.deauthorizeCallbackUrl(),
                spec.deauthorizeCallbackMethod(),
                spec.permissions(),
                now,
                now);
        AuditedChange created = AuditedChange.of(
                        MonitorEventTypes.CONNECT_APP_CREATED,
                        app.sid(),
                        "Connect app '" + app.profile().friendlyName() + "' was created")
                .with(properties(Optional.empty(), Optional.of(app)));
        store.create(app, audit.events(owner.sid(), actor, created, now));
        // Saving a callback URL is the owner asking for it, even one its receiver disabled with 410 Gone.
        spec.deauthorizeCallbackUrl().ifPresent(url -> disabledDestinations.enable(owner.sid(), url));
        return app;
    }

    public ConnectApp fetch(Account owner, String sid) {
        return find(sid)
                .filter(app -> app.ownerAccountSid().equals(owner.sid()))
                .orElseThrow(() -> notFound(owner.sid(), sid));
    }

    public Page<ConnectApp> list(Account owner, int pageSize, Optional<String> cursor) {
        return store.list(owner.sid(), pageSize, cursor);
    }

    /**
     * Changes what {@code change} gives of the app as it is now, read again when another change came first, so that
     * concurrent changes of different fields all stand. A change that sets nothing new writes nothing.
     */
    public ConnectApp update(Account owner, Actor actor, String sid, ConnectAppChange change) {
        owner.checkWritable();
        refuseUrls(
                change.authorizeRedirectUrl(),
                change.homepageUrl().filter(url -> !url.isEmpty()),
                change.deauthorizeCallbackUrl().filter(url -> !url.isEmpty()));
        ConnectApp updated = ChangedMeanwhile.retry(() -> {
            ConnectApp current = find(sid, true)
                    .filter(app -> app.ownerAccountSid().equals(owner.sid()))
                    .orElseThrow(() -> notFound(owner.sid(), sid));
            Instant now = clock.instant();
            ConnectApp changed = current.changed(change, ChangedMeanwhile.dateUpdated(current.dateUpdated(), now));
            PropertyChange.Diff diff = properties(Optional.of(current), Optional.of(changed));
            if (diff.isEmpty()) {
                return current;
            }
            AuditedChange event = AuditedChange.of(
                            MonitorEventTypes.CONNECT_APP_UPDATED,
                            sid,
                            "Connect app '" + changed.profile().friendlyName() + "' was changed")
                    .with(diff);
            store.update(changed, current.dateUpdated(), audit.events(owner.sid(), actor, event, now));
            return changed;
        });
        change.deauthorizeCallbackUrl()
                .filter(url -> !url.isEmpty())
                .ifPresent(url -> disabledDestinations.enable(owner.sid(), url));
        return updated;
    }

    /**
     * Deletes an app. Access through it ends at once, since every request through a grant reads the app; the accounts
     * it was given stay their users', who may deauthorize them to close them.
     */
    public void delete(Account owner, Actor actor, String sid) {
        owner.checkWritable();
        ConnectApp app = fetch(owner, sid);
        AuditedChange deleted = AuditedChange.of(
                        MonitorEventTypes.CONNECT_APP_DELETED,
                        sid,
                        "Connect app '" + app.profile().friendlyName() + "' was deleted")
                .with(properties(Optional.of(app), Optional.empty()));
        if (!store.delete(owner.sid(), sid, audit.events(owner.sid(), actor, deleted, clock.instant()))) {
            throw notFound(owner.sid(), sid);
        }
    }

    /** The app's properties as its events name them: those the API shows, never a secret. */
    private static PropertyChange.Diff properties(Optional<ConnectApp> previous, Optional<ConnectApp> updated) {
        return new PropertyChange.Diff()
                .property(
                        "friendly_name",
                        previous.map(app -> app.profile().friendlyName()),
                        updated.map(app -> app.profile().friendlyName()))
                .property(
                        "company_name",
                        previous.flatMap(app -> app.profile().companyName()),
                        updated.flatMap(app -> app.profile().companyName()))
                .property(
                        "description",
                        previous.flatMap(app -> app.profile().description()),
                        updated.flatMap(app -> app.profile().description()))
                .property(
                        "homepage_url",
                        previous.flatMap(app -> app.profile().homepageUrl()),
                        updated.flatMap(app -> app.profile().homepageUrl()))
                .property(
                        "authorize_redirect_url",
                        previous.map(ConnectApp::authorizeRedirectUrl),
                        updated.map(ConnectApp::authorizeRedirectUrl))
                .property(
                        "deauthorize_callback_url",
                        previous.flatMap(ConnectApp::deauthorizeCallbackUrl),
                        updated.flatMap(ConnectApp::deauthorizeCallbackUrl))
                .property(
                        "deauthorize_callback_method",
                        previous.map(ConnectApp::deauthorizeCallbackMethod),
                        updated.map(ConnectApp::deauthorizeCallbackMethod))
                .property(
                        "permissions",
                        previous.map(app -> Permission.written(app.permissions())),
                        updated.map(app -> Permission.written(app.permissions())));
    }

    /** The app as its authorize page shows it, to any account that has its Sid: the authorize URL names it. */
    public ConnectApp toAuthorize(String sid) {
        return find(sid)
                .orElseThrow(() -> new DomainException.NotFound(
                        "The requested resource /v1/ConnectApps/" + sid + " was not found"));
    }

    /** Where the browser of a user who declined goes: the app's redirect URL, with Twilio's error. */
    public String declineUrl(ConnectApp app) {
        return ConnectAppUrls.withParameter(checkedRedirect(app), "error", "access_denied");
    }

    /**
     * Authorizes the app for the main account {@code user}: makes the app's own account in the user's family, named
     * after the app, and the authorization, in one transaction. Authorizing an app again answers the authorization in
     * force, and makes nothing.
     */
    public Authorized authorize(Account user, Actor actor, String connectAppSid) {
        user.checkWritable();
        ConnectApp app = toAuthorize(connectAppSid);
        String redirect = checkedRedirect(app);
        Optional<Authorization> existing = inForce(user.sid(), connectAppSid);
        if (existing.isPresent()) {
            return authorized(existing.get().withProfile(app.profile()), false, redirect);
        }
        NewAccount created = accounts.newConnectAppAccount(user, app.profile().friendlyName(), app.sid());
        Instant now = created.account().dateCreated();
        Authorization authorization = new Authorization(
                user.sid(),
                app.sid(),
                created.account().sid(),
                app.permissions(),
                app.profile(),
                now,
                now,
                Optional.empty(),
                Optional.empty());
        List<AuditEvent> events = new ArrayList<>(audit.events(
                user.sid(),
                actor,
                AuditedChange.of(
                                MonitorEventTypes.AUTHORIZED_CONNECT_APP_CREATED,
                                app.sid(),
                                "Connect app '" + app.profile().friendlyName() + "' was authorized")
                        .with(new PropertyChange.Diff()
                                .created("connect_app_account_sid", authorization.appAccountSid())
                                .created("permissions", Permission.written(authorization.permissions()))),
                now));
        events.addAll(audit.events(created.account().sid(), actor, AccountService.creation(created.account()), now));
        if (store.authorize(created.account(), authorization, events)) {
            return authorized(authorization, true, redirect);
        }
        // Another request authorized it at the same moment: its authorization is this request's answer too.
        return authorized(
                inForce(user.sid(), connectAppSid)
                        .orElseThrow(() -> new DomainException.Conflict(
                                "The app's authorization changed while it was being made: authorize again")),
                false,
                redirect);
    }

    private static Authorized authorized(Authorization authorization, boolean created, String redirect) {
        return new Authorized(
                authorization,
                created,
                ConnectAppUrls.withParameter(redirect, "AccountSid", authorization.appAccountSid()));
    }

    /** The redirect URL, still one that may be used: the deployment's rules may have changed since it was saved. */
    private String checkedRedirect(ConnectApp app) {
        urls.redirectRefusal(app.authorizeRedirectUrl()).ifPresent(problem -> {
            throw new DomainException.Invalid("This Connect app's authorize redirect URL " + problem
                    + "; its owner must change it before it can be authorized");
        });
        return app.authorizeRedirectUrl();
    }

    /** The main account's authorizations in force, each showing its app as it is now (as authorized, if deleted). */
    public Page<Authorization> authorizations(Account user, int pageSize, Optional<String> cursor) {
        Page<Authorization> page = store.listAuthorizations(user.sid(), pageSize, cursor);
        if (page.items().isEmpty()) {
            return page;
        }
        Map<String, ConnectApp> apps = store.findAll(
                page.items().stream().map(Authorization::connectAppSid).toList());
        return page.map(authorization -> Optional.ofNullable(apps.get(authorization.connectAppSid()))
                .map(app -> authorization.withProfile(app.profile()))
                .orElse(authorization));
    }

    /** The account's authorization of the app in force, as it was authorized; empty when there is none. */
    public Optional<Authorization> authorizationOf(Account user, String connectAppSid) {
        return inForce(user.sid(), connectAppSid);
    }

    /** The account's authorization of the app in force, showing the app as it is now (as authorized, if deleted). */
    public Authorization authorization(Account user, String connectAppSid) {
        return inForce(user.sid(), connectAppSid)
                .map(authorization -> find(connectAppSid)
                        .map(app -> authorization.withProfile(app.profile()))
                        .orElse(authorization))
                .orElseThrow(() -> authorizationNotFound(user.sid(), connectAppSid));
    }

    /**
     * Deauthorizes the app: its account is closed, so its owner's next request there is refused, and the app's
     * deauthorize callback is queued for the notifier (signed with the owner's auth token, as Twilio signs callbacks).
     * Deauthorizing again within {@link #KEEP_DEAUTHORIZED} queues that same callback again and answers as the first.
     */
    public void deauthorize(Account user, Actor actor, String connectAppSid) {
        user.checkWritable();
        Instant now = clock.instant();
        Authorization authorization = Optional.of(connectAppSid)
                .filter(sid -> Sids.isSid(ConnectApp.SID_PREFIX, sid))
                .flatMap(sid -> store.findAuthorization(user.sid(), sid))
                .filter(found -> found.dateDeauthorized()
                        .map(at -> at.plus(KEEP_DEAUTHORIZED).isAfter(now))
                        .orElse(true))
                .orElseThrow(() -> authorizationNotFound(user.sid(), connectAppSid));
        if (!authorization.authorized()) {
            authorization.deauthorizeCallback().ifPresent(job -> queue.enqueue(List.of(job)));
            return;
        }
        Optional<NotificationJob> callback = find(connectAppSid).flatMap(app -> callback(app, authorization, now));
        List<AuditEvent> events = new ArrayList<>(audit.events(
                user.sid(),
                actor,
                AuditedChange.of(
                                MonitorEventTypes.AUTHORIZED_CONNECT_APP_DELETED,
                                connectAppSid,
                                "Connect app '" + authorization.profile().friendlyName()
                                        + "' was deauthorized, closing its account")
                        .with(new PropertyChange.Diff()
                                .property("connect_app_account_sid", authorization.appAccountSid(), null)),
                now));
        events.addAll(audit.events(
                authorization.appAccountSid(),
                actor,
                AuditedChange.of(
                                MonitorEventTypes.ACCOUNT_UPDATED,
                                authorization.appAccountSid(),
                                "Connect app account '"
                                        + authorization.profile().friendlyName()
                                        + "' was closed: its app was deauthorized")
                        .with(new PropertyChange.Diff()
                                .property("status", AccountStatus.ACTIVE.wireName(), AccountStatus.CLOSED.wireName())),
                now));
        if (store.deauthorize(authorization, callback, now, now.plus(KEEP_DEAUTHORIZED), events)) {
            // After the write: a callback is never sent for an authorization that stands.
            callback.ifPresent(job -> queue.enqueue(List.of(job)));
        }
    }

    /** Twilio's deauthorize callback: the account the app was given and the app, to the owner's URL, by its method. */
    private static Optional<NotificationJob> callback(ConnectApp app, Authorization authorization, Instant now) {
        return app.deauthorizeCallbackUrl().map(url -> {
            Map<String, String> parameters = new LinkedHashMap<>();
            parameters.put("AccountSid", authorization.appAccountSid());
            parameters.put("ConnectAppSid", app.sid());
            String occurrence = "connect-app-deauthorized:" + authorization.appAccountSid();
            return new NotificationJob(
                    NotificationJob.jobId(occurrence, NotificationJob.Channel.WEBHOOK, url),
                    app.ownerAccountSid(),
                    new NotificationJob.Source(NotificationJob.SourceType.CONNECT_APP, app.sid()),
                    NotificationJob.Channel.WEBHOOK,
                    url,
                    new NotificationJob.TwilioCallback(app.deauthorizeCallbackMethod(), parameters),
                    now);
        });
    }

    /**
     * The account {@code accountSid} as the caller may act on it to do what {@code needed} allows: one of its own
     * family (with no grant), or an account a user's authorization made for a Connect app the caller owns, while the
     * app exists, the authorization stands, the account is active and the grant includes {@code needed}. Anything else
     * is "not found", as an account the caller may not see is.
     */
    public AccountAccess reach(Caller caller, String accountSid, Permission needed) {
        Optional<Account> found = accounts.find(accountSid);
        if (found.isPresent() && AccountService.isVisible(caller, found.get())) {
            return new AccountAccess(found.get(), Optional.empty());
        }
        if (found.isPresent()
                && caller instanceof Caller.AccountCaller accountCaller
                && found.get().isSubaccount()
                && found.get().connectAppSid().isPresent()) {
            Account account = found.get();
            Optional<ConnectAppGrant> grant = grantOf(
                    account,
                    accountCaller.account().sid(),
                    account.connectAppSid().get());
            if (grant.isPresent()) {
                account.checkWritable();
                if (!grant.get().permissions().contains(needed)) {
                    throw new DomainException.Forbidden(
                            "The Connect app " + grant.get().connectAppSid()
                                    + " was not granted " + needed.wireName() + " in account " + account.sid()
                                    + ": it may not " + needed.allows() + " there");
                }
                return new AccountAccess(account, grant);
            }
        }
        throw AccountService.notFound(accountSid);
    }

    private Optional<ConnectAppGrant> grantOf(Account account, String callerSid, String connectAppSid) {
        ConnectAppStore.Grant read = store.grant(account.mainAccountSid(), connectAppSid);
        Optional<ConnectApp> app =
                read.app().filter(found -> found.ownerAccountSid().equals(callerSid));
        Optional<Authorization> authorization = read.authorization()
                .filter(Authorization::authorized)
                .filter(found -> found.appAccountSid().equals(account.sid()));
        if (app.isEmpty() || authorization.isEmpty()) {
            return Optional.empty();
        }
        // What the user granted, less what the app no longer asks for.
        List<Permission> permissions = authorization.get().permissions().stream()
                .filter(app.get().permissions()::contains)
                .toList();
        return Optional.of(new ConnectAppGrant(connectAppSid, callerSid, Permission.setOf(permissions)));
    }

    private Optional<ConnectApp> find(String sid) {
        return find(sid, false);
    }

    /** The app, as of its last change when {@code latest}, for a change to build on. */
    private Optional<ConnectApp> find(String sid, boolean latest) {
        return Optional.ofNullable(sid)
                .filter(value -> Sids.isSid(ConnectApp.SID_PREFIX, value))
                .flatMap(latest ? store::findLatest : store::find);
    }

    private Optional<Authorization> inForce(String accountSid, String connectAppSid) {
        return Optional.of(connectAppSid)
                .filter(sid -> Sids.isSid(ConnectApp.SID_PREFIX, sid))
                .flatMap(sid -> store.findAuthorization(accountSid, sid))
                .filter(Authorization::authorized);
    }

    /** Every URL of the request that Monitor refuses, each named by its field. */
    private void refuseUrls(Optional<String> redirect, Optional<String> homepage, Optional<String> callback) {
        List<FieldError> errors = new ArrayList<>();
        redirect.flatMap(urls::redirectRefusal)
                .ifPresent(problem -> errors.add(FieldError.of("AuthorizeRedirectUrl", problem)));
        homepage.flatMap(urls::homepageRefusal).ifPresent(problem -> errors.add(FieldError.of("HomepageUrl", problem)));
        callback.flatMap(urls::callbackRefusal)
                .ifPresent(problem -> errors.add(FieldError.of("DeauthorizeCallbackUrl", problem)));
        if (!errors.isEmpty()) {
            throw DomainException.Invalid.fields(errors);
        }
    }

    private static DomainException.NotFound notFound(String accountSid, String sid) {
        return new DomainException.NotFound("The requested resource /2010-04-01/Accounts/" + accountSid
                + "/ConnectApps/" + sid + ".json was not found");
    }

    private static DomainException.NotFound authorizationNotFound(String accountSid, String sid) {
        return new DomainException.NotFound("The requested resource /2010-04-01/Accounts/" + accountSid
                + "/AuthorizedConnectApps/" + sid + ".json was not found");
    }
}
