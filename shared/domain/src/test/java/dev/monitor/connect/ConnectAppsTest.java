package dev.monitor.connect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.monitor.accounts.Account;
import dev.monitor.accounts.AccountService;
import dev.monitor.accounts.AccountStatus;
import dev.monitor.accounts.Caller;
import dev.monitor.audit.Actor;
import dev.monitor.errors.DomainException;
import dev.monitor.errors.FieldError;
import dev.monitor.events.Event;
import dev.monitor.notify.NotificationJob;
import dev.monitor.notify.WebhookTargets;
import dev.monitor.testing.InMemoryStores;
import java.net.InetAddress;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Connect apps, their authorization and the access it grants, on in-memory stores: the rules, without DynamoDB. */
class ConnectAppsTest {
    private static final Instant NOW = Instant.parse("2026-11-25T12:00:00Z");
    private static final String REDIRECT = "https://app.example.com/authorized";
    private static final String CALLBACK = "https://app.example.com/deauthorized";

    private final MovableClock clock = new MovableClock();
    private final InMemoryStores.Events log = new InMemoryStores.Events();
    private final InMemoryStores.Accounts accountStore = new InMemoryStores.Accounts(log);
    private final AccountService accounts = InMemoryStores.accounts(accountStore, log, clock);
    private final InMemoryStores.Connect store = new InMemoryStores.Connect(accountStore, log);
    private final List<NotificationJob> queued = new ArrayList<>();
    /** Public DNS for app.example.com; a name that resolves inside, as a rebinding attacker's would. */
    private final WebhookTargets targets = new WebhookTargets(
            false,
            host -> List.of(InetAddress.getByName(host.equals("app.example.com") ? "93.184.216.34" : "10.0.0.7")));

    private final ConnectApps apps = connectApps(false);

    private final Account owner =
            accounts.createMainAccount(InMemoryStores.OPERATOR, "Owner").account();
    private final Caller ownerCaller = new Caller.AccountCaller(owner);
    private final Account user =
            accounts.createMainAccount(InMemoryStores.OPERATOR, "User").account();

    private ConnectApps connectApps(boolean allowLocalRedirects) {
        return new ConnectApps(
                store,
                accounts,
                new ConnectAppUrls(targets, allowLocalRedirects),
                queued::addAll,
                new InMemoryStores.Disabled(),
                InMemoryStores.audit(log),
                clock);
    }

    private static final class MovableClock extends Clock {
        private Instant now = NOW;

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }
    }

    private static ConnectAppSpec spec(String redirect, Set<Permission> permissions) {
        return new ConnectAppSpec(
                new ConnectAppProfile(
                        "Rossum",
                        Optional.of("Rossum Inc"),
                        Optional.of("Analytics"),
                        Optional.of("https://rossum.io")),
                redirect,
                Optional.of(CALLBACK),
                "POST",
                permissions);
    }

    private ConnectApp app(Set<Permission> permissions) {
        return apps.create(owner, InMemoryStores.actorOf(owner), spec(REDIRECT, permissions));
    }

    private static List<String> fields(DomainException.Invalid invalid) {
        return invalid.fieldErrors().stream().map(FieldError::field).toList();
    }

    @Test
    void anOwnerCreatesChangesAndDeletesItsAppWhichNoOtherAccountManages() {
        ConnectApp app = app(Set.of(Permission.GET_ALL));
        assertTrue(app.sid().matches("CN[0-9a-f]{32}"), app.sid());
        assertEquals(app, apps.fetch(owner, app.sid()));
        assertEquals(List.of(app), apps.list(owner, 50, Optional.empty()).items());
        assertThrows(DomainException.NotFound.class, () -> apps.fetch(user, app.sid()));
        assertThrows(DomainException.NotFound.class, () -> apps.delete(user, InMemoryStores.actorOf(user), app.sid()));

        ConnectApp changed = apps.update(
                owner,
                InMemoryStores.actorOf(owner),
                app.sid(),
                new ConnectAppChange(
                        Optional.of("Rossum 2"),
                        Optional.empty(),
                        Optional.of(""),
                        Optional.empty(),
                        Optional.empty(),
                        Optional.empty(),
                        Optional.of("GET"),
                        Optional.of(Permission.setOf(List.of(Permission.POST_ALL, Permission.GET_ALL)))));
        assertEquals("Rossum 2", changed.profile().friendlyName());
        assertEquals(Optional.of("Rossum Inc"), changed.profile().companyName(), "kept: not in the change");
        assertEquals(Optional.empty(), changed.profile().description(), "an empty value removes it");
        assertEquals("GET", changed.deauthorizeCallbackMethod());
        assertEquals(List.of(Permission.GET_ALL, Permission.POST_ALL), List.copyOf(changed.permissions()));

        apps.delete(owner, InMemoryStores.actorOf(owner), app.sid());
        assertThrows(DomainException.NotFound.class, () -> apps.fetch(owner, app.sid()));
        assertThrows(DomainException.NotFound.class, () -> apps.toAuthorize(app.sid()));
    }

    /** Each event type of an account's log with the resource it names, oldest first. */
    private List<String> logged(Account account) {
        return log.history(account.sid()).stream()
                .map(event -> event.eventType() + " " + event.resourceSid())
                .toList();
    }

    @Test
    void eachChangeIsAnEventOfTheAccountItChanged() {
        Actor ownerActor = InMemoryStores.actorOf(owner);
        Actor userActor = InMemoryStores.actorOf(user);
        clock.now = clock.now.plusSeconds(1);
        ConnectApp app = apps.create(owner, ownerActor, spec(REDIRECT, Set.of(Permission.GET_ALL)));
        clock.now = clock.now.plusSeconds(1);
        ConnectAppChange rename = new ConnectAppChange(
                Optional.of("Rossum 2"),
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                Optional.empty());
        apps.update(owner, ownerActor, app.sid(), rename);
        apps.update(owner, ownerActor, app.sid(), rename);
        clock.now = clock.now.plusSeconds(1);
        String appAccount =
                apps.authorize(user, userActor, app.sid()).authorization().appAccountSid();
        clock.now = clock.now.plusSeconds(1);
        apps.deauthorize(user, userActor, app.sid());
        clock.now = clock.now.plusSeconds(1);
        apps.delete(owner, ownerActor, app.sid());

        assertEquals(
                List.of(
                        "account.created " + owner.sid(),
                        "connect-app.created " + app.sid(),
                        "connect-app.updated " + app.sid(),
                        "connect-app.deleted " + app.sid()),
                logged(owner),
                "a change that changes nothing is no event");
        assertEquals(
                List.of(
                        "account.created " + user.sid(),
                        "authorized-connect-app.created " + app.sid(),
                        "authorized-connect-app.deleted " + app.sid()),
                logged(user));
        Account made = accounts.find(appAccount).orElseThrow();
        assertEquals(
                List.of("account.created " + appAccount, "account.updated " + appAccount),
                logged(made),
                "the app's account: made by the user's authorization, closed by its deauthorization");
        Event renamed = log.history(owner.sid()).stream()
                .filter(event -> event.eventType().equals("connect-app.updated"))
                .findFirst()
                .orElseThrow();
        assertEquals(
                "{\"resource_properties\":{\"friendly_name\":{\"previous\":\"Rossum\",\"updated\":\"Rossum 2\"}}}",
                renamed.eventData().text());
        assertEquals(owner.sid(), renamed.actorSid());
    }

    @Test
    void everyRefusedUrlIsNamedAtOnceAndNothingIsStored() {
        ConnectAppSpec bad = new ConnectAppSpec(
                new ConnectAppProfile("Bad", Optional.empty(), Optional.empty(), Optional.of("javascript:alert(1)")),
                "javascript:alert(document.cookie)",
                Optional.of("https://inside.example.com/deauthorized"),
                "POST",
                Set.of(Permission.GET_ALL));
        DomainException.Invalid refused = assertThrows(
                DomainException.Invalid.class, () -> apps.create(owner, InMemoryStores.actorOf(owner), bad));
        assertEquals(List.of("AuthorizeRedirectUrl", "HomepageUrl", "DeauthorizeCallbackUrl"), fields(refused));
        assertTrue(refused.getMessage().contains("10.0.0.7"), refused.getMessage());
        assertTrue(apps.list(owner, 50, Optional.empty()).items().isEmpty());

        // Browsers go to the redirect with the new account's Sid: https only, or this machine where allowed.
        for (String redirect : List.of("http://app.example.com/authorized", "https://app.example.com/a#fragment")) {
            assertThrows(
                    DomainException.Invalid.class,
                    () -> apps.create(owner, InMemoryStores.actorOf(owner), spec(redirect, Set.of(Permission.GET_ALL))),
                    redirect);
        }
        assertThrows(
                DomainException.Invalid.class,
                () -> apps.create(
                        owner,
                        InMemoryStores.actorOf(owner),
                        spec("http://127.0.0.1:4000/authorized", Set.of(Permission.GET_ALL))));
        ConnectApp local = connectApps(true)
                .create(
                        owner,
                        InMemoryStores.actorOf(owner),
                        spec("http://127.0.0.1:4000/authorized", Set.of(Permission.GET_ALL)));
        assertEquals("http://127.0.0.1:4000/authorized", local.authorizeRedirectUrl());
    }

    @Test
    void authorizingMakesTheAppAnAccountOfTheUsersFamilyOnceAndSendsTheBrowserBackWithItsSid() {
        ConnectApp app = app(Set.of(Permission.GET_ALL));
        ConnectApps.Authorized authorized = apps.authorize(user, InMemoryStores.actorOf(user), app.sid());
        assertTrue(authorized.created());
        Account appAccount =
                accounts.find(authorized.authorization().appAccountSid()).orElseThrow();
        assertEquals(Optional.of(user.sid()), appAccount.ownerAccountSid(), "a subaccount of the user's");
        assertEquals(Optional.of(app.sid()), appAccount.connectAppSid(), "marked as the app's");
        assertEquals("Rossum", appAccount.friendlyName(), "named after the app");
        assertEquals(REDIRECT + "?AccountSid=" + appAccount.sid(), authorized.redirectUrl());
        assertEquals(REDIRECT + "?error=access_denied", apps.declineUrl(app));

        ConnectApps.Authorized again = apps.authorize(user, InMemoryStores.actorOf(user), app.sid());
        assertFalse(again.created());
        assertEquals(appAccount.sid(), again.authorization().appAccountSid(), "the authorization in force");
        assertEquals(
                List.of(appAccount.sid()),
                apps.authorizations(user, 50, Optional.empty()).items().stream()
                        .map(Authorization::appAccountSid)
                        .toList());

        Account subaccount = accounts.createSubaccount(user, InMemoryStores.actorOf(user), Optional.of("Support"))
                .account();
        assertThrows(
                DomainException.Forbidden.class,
                () -> apps.authorize(subaccount, InMemoryStores.actorOf(subaccount), app.sid()));
    }

    @Test
    void theOwnerReachesOnlyTheAppsAccountAndOnlyAsFarAsTheGrantGoes() {
        ConnectApp app = app(Set.of(Permission.GET_ALL));
        String appAccount = apps.authorize(user, InMemoryStores.actorOf(user), app.sid())
                .authorization()
                .appAccountSid();
        Account sibling = accounts.createSubaccount(user, InMemoryStores.actorOf(user), Optional.of("Support"))
                .account();

        AccountAccess read = apps.reach(ownerCaller, appAccount, Permission.GET_ALL);
        assertEquals(appAccount, read.account().sid());
        assertEquals(Optional.of(app.sid()), read.grant().map(ConnectAppGrant::connectAppSid));
        assertEquals(Optional.of(owner.sid()), read.grant().map(ConnectAppGrant::ownerAccountSid));
        assertThrows(DomainException.Forbidden.class, () -> apps.reach(ownerCaller, appAccount, Permission.POST_ALL));

        // The user's own family as ever; nothing else of the user's for the owner, nor for anyone else.
        AccountAccess byUser = apps.reach(new Caller.AccountCaller(user), appAccount, Permission.POST_ALL);
        assertEquals(Optional.empty(), byUser.grant(), "the user reads the app's account as a subaccount");
        for (String other : List.of(user.sid(), sibling.sid())) {
            assertThrows(
                    DomainException.NotFound.class, () -> apps.reach(ownerCaller, other, Permission.GET_ALL), other);
        }
        Account stranger =
                accounts.createMainAccount(InMemoryStores.OPERATOR, "Stranger").account();
        assertThrows(
                DomainException.NotFound.class,
                () -> apps.reach(new Caller.AccountCaller(stranger), appAccount, Permission.GET_ALL));
        assertThrows(
                DomainException.NotFound.class,
                () -> apps.reach(new Caller.AccountCaller(sibling), appAccount, Permission.GET_ALL));

        // A permission the app no longer asks for is gone at once; a suspended user's app account takes nothing.
        apps.update(
                owner,
                InMemoryStores.actorOf(owner),
                app.sid(),
                new ConnectAppChange(
                        Optional.empty(),
                        Optional.empty(),
                        Optional.empty(),
                        Optional.empty(),
                        Optional.empty(),
                        Optional.empty(),
                        Optional.empty(),
                        Optional.of(Set.of(Permission.POST_ALL))));
        assertThrows(DomainException.Forbidden.class, () -> apps.reach(ownerCaller, appAccount, Permission.GET_ALL));
        assertThrows(
                DomainException.Forbidden.class,
                () -> apps.reach(ownerCaller, appAccount, Permission.POST_ALL),
                "post-all was never granted: the user authorized get-all");
        accounts.update(
                new Caller.Operator(),
                InMemoryStores.OPERATOR,
                user.sid(),
                Optional.empty(),
                Optional.of(AccountStatus.SUSPENDED));
        assertThrows(
                DomainException.AccountInactive.class, () -> apps.reach(ownerCaller, appAccount, Permission.GET_ALL));

        // A deleted app grants nothing.
        accounts.update(
                new Caller.Operator(),
                InMemoryStores.OPERATOR,
                user.sid(),
                Optional.empty(),
                Optional.of(AccountStatus.ACTIVE));
        ConnectApp second = app(Set.of(Permission.GET_ALL));
        String secondAccount = apps.authorize(user, InMemoryStores.actorOf(user), second.sid())
                .authorization()
                .appAccountSid();
        apps.reach(ownerCaller, secondAccount, Permission.GET_ALL);
        apps.delete(owner, InMemoryStores.actorOf(owner), second.sid());
        assertThrows(DomainException.NotFound.class, () -> apps.reach(ownerCaller, secondAccount, Permission.GET_ALL));
    }

    @Test
    void deauthorizingClosesTheAppsAccountAndQueuesItsSignedCallbackOnceAndAgainWhenRepeated() {
        ConnectApp app = app(Set.of(Permission.GET_ALL, Permission.POST_ALL));
        String appAccount = apps.authorize(user, InMemoryStores.actorOf(user), app.sid())
                .authorization()
                .appAccountSid();
        apps.deauthorize(user, InMemoryStores.actorOf(user), app.sid());

        assertEquals(
                AccountStatus.CLOSED, accounts.find(appAccount).orElseThrow().status());
        assertThrows(DomainException.NotFound.class, () -> apps.reach(ownerCaller, appAccount, Permission.GET_ALL));
        assertThrows(DomainException.NotFound.class, () -> apps.authorization(user, app.sid()));
        assertTrue(apps.authorizations(user, 50, Optional.empty()).items().isEmpty());

        assertEquals(1, queued.size());
        NotificationJob callback = queued.get(0);
        assertEquals(
                owner.sid(), callback.accountSid(), "the owner's: its auth token signs it, its Deliveries show it");
        assertEquals(new NotificationJob.Source(NotificationJob.SourceType.CONNECT_APP, app.sid()), callback.source());
        assertEquals(CALLBACK, callback.destination());
        assertEquals(
                new NotificationJob.TwilioCallback(
                        "POST", Map.of("AccountSid", appAccount, "ConnectAppSid", app.sid())),
                callback.content());

        // Its first answer lost, a deauthorization asked again queues the same job, which the notifier sends once.
        apps.deauthorize(user, InMemoryStores.actorOf(user), app.sid());
        assertEquals(List.of(callback, callback), queued);
        clock.now = NOW.plus(ConnectApps.KEEP_DEAUTHORIZED).plus(Duration.ofSeconds(1));
        assertThrows(
                DomainException.NotFound.class, () -> apps.deauthorize(user, InMemoryStores.actorOf(user), app.sid()));

        // Authorized again, the app gets a new account.
        String again = apps.authorize(user, InMemoryStores.actorOf(user), app.sid())
                .authorization()
                .appAccountSid();
        assertFalse(again.equals(appAccount));
        assertEquals(AccountStatus.ACTIVE, accounts.find(again).orElseThrow().status());
    }
}
