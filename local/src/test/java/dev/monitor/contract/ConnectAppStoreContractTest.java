package dev.monitor.contract;

import static dev.monitor.contract.AccountStoreContractTest.assertSameAccount;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.monitor.accounts.Account;
import dev.monitor.accounts.AccountStatus;
import dev.monitor.accounts.AccountStore;
import dev.monitor.audit.AuditEvent;
import dev.monitor.audit.ChangedMeanwhile;
import dev.monitor.audit.MonitorEventTypes;
import dev.monitor.connect.Authorization;
import dev.monitor.connect.ConnectApp;
import dev.monitor.connect.ConnectAppProfile;
import dev.monitor.connect.ConnectAppStore;
import dev.monitor.connect.Permission;
import dev.monitor.crypto.Secrets;
import dev.monitor.dynamo.accounts.DynamoAccountStore;
import dev.monitor.dynamo.connect.DynamoConnectAppStore;
import dev.monitor.dynamo.events.DynamoEventStore;
import dev.monitor.events.EventStore;
import dev.monitor.ids.Sids;
import dev.monitor.notify.NotificationJob;
import dev.monitor.testing.InMemoryStores;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** What every {@link ConnectAppStore} does, on DynamoDB Local and in memory alike. */
class ConnectAppStoreContractTest {
    private static final Instant NOW = Instant.parse("2026-11-25T12:00:00Z");

    /** The apps, the accounts their authorizations make, and the events of both. */
    record Stores(String name, ConnectAppStore apps, AccountStore accounts, EventStore events) {
        @Override
        public String toString() {
            return name;
        }
    }

    static List<Stores> implementations() {
        InMemoryStores.Events log = new InMemoryStores.Events();
        InMemoryStores.Accounts accounts = new InMemoryStores.Accounts(log);
        return List.of(
                new Stores(
                        "DynamoDB Local",
                        new DynamoConnectAppStore(StackTable.dynamo(), StackTable.NAME),
                        new DynamoAccountStore(StackTable.dynamo(), StackTable.NAME),
                        new DynamoEventStore(StackTable.dynamo(), StackTable.NAME)),
                new Stores("in memory", new InMemoryStores.Connect(accounts, log), accounts, log));
    }

    private final String owner = Sids.random("AC");
    private final String user = Sids.random("AC");

    private ConnectApp app(String ownerSid) {
        return new ConnectApp(
                Sids.random(ConnectApp.SID_PREFIX),
                ownerSid,
                new ConnectAppProfile(
                        "Rossum", Optional.of("Rossum Inc"), Optional.empty(), Optional.of("https://rossum.io")),
                "https://app.example.com/authorized",
                Optional.of("https://app.example.com/deauthorized"),
                "POST",
                Permission.setOf(List.of(Permission.GET_ALL, Permission.POST_ALL)),
                NOW,
                NOW);
    }

    private static Account appAccount(String userSid, ConnectApp app) {
        return new Account(
                Sids.random("AC"),
                app.profile().friendlyName(),
                AccountStatus.ACTIVE,
                Optional.of(userSid),
                Secrets.sha256Hex(Secrets.randomHex(16)),
                Secrets.randomBytes(48),
                NOW,
                NOW,
                AccountStatus.ACTIVE,
                Optional.of(app.sid()));
    }

    private static Authorization authorization(String userSid, ConnectApp app, Account appAccount) {
        return new Authorization(
                userSid,
                app.sid(),
                appAccount.sid(),
                Permission.setOf(List.of(Permission.GET_ALL)),
                app.profile(),
                NOW,
                NOW,
                Optional.empty(),
                Optional.empty());
    }

    private static NotificationJob callback(ConnectApp app, String userSid) {
        return new NotificationJob(
                "NJ" + Secrets.randomHex(16),
                userSid,
                new NotificationJob.Source(NotificationJob.SourceType.CONNECT_APP, app.sid()),
                NotificationJob.Channel.WEBHOOK,
                app.deauthorizeCallbackUrl().orElseThrow(),
                new NotificationJob.TwilioCallback("POST", Map.of("AccountSid", userSid, "ConnectAppSid", app.sid())),
                NOW.plusSeconds(60));
    }

    @ContractTest
    void aCreatedAppIsFoundByItsSidAloneWithItsEvent(Stores on) {
        ConnectApp app = app(owner);
        List<AuditEvent> creating = AuditEvents.of(owner, MonitorEventTypes.CONNECT_APP_CREATED, app.sid(), NOW);
        on.apps().create(app, creating);
        assertEquals(Optional.of(app), on.apps().find(app.sid()));
        assertEquals(Optional.of(app), on.apps().findLatest(app.sid()));
        assertTrue(AuditEvents.written(on.events(), creating));
        String missing = Sids.random(ConnectApp.SID_PREFIX);
        assertEquals(Optional.empty(), on.apps().find(missing));
        assertEquals(Map.of(app.sid(), app), on.apps().findAll(List.of(app.sid(), missing, app.sid())));
    }

    @ContractTest
    void anOwnersAppsListInPagesEachOnce(Stores on) {
        List<String> sids = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            ConnectApp app = app(owner);
            on.apps().create(app, List.of());
            sids.add(app.sid());
        }
        on.apps().create(app(user), List.of());
        List<List<String>> pages = Pages.walk(cursor -> on.apps().list(owner, 2, cursor), ConnectApp::sid, 2);
        assertEquals(3, pages.size());
        assertEquals(
                sids.stream().sorted().toList(),
                Pages.all(pages).stream().sorted().toList());
    }

    @ContractTest
    void anUpdateOrDeletionIsItsOwnersAloneOnConditionWithItsEvent(Stores on) {
        ConnectApp app = app(owner);
        on.apps().create(app, List.of());
        Instant later = NOW.plusSeconds(60);
        ConnectApp changed = new ConnectApp(
                app.sid(),
                owner,
                new ConnectAppProfile("Rossum 2", Optional.empty(), Optional.of("Analytics"), Optional.empty()),
                "https://app.example.com/back",
                Optional.empty(),
                "GET",
                Permission.setOf(List.of(Permission.GET_ALL)),
                NOW,
                later);
        List<AuditEvent> updating = AuditEvents.of(owner, MonitorEventTypes.CONNECT_APP_UPDATED, app.sid(), later);
        on.apps().update(changed, NOW, updating);
        assertEquals(Optional.of(changed), on.apps().findLatest(app.sid()));
        assertTrue(AuditEvents.written(on.events(), updating));

        assertThrows(ChangedMeanwhile.class, () -> on.apps().update(changed, NOW, List.of()), "changed since");
        ConnectApp stolen = new ConnectApp(
                app.sid(),
                user,
                changed.profile(),
                changed.authorizeRedirectUrl(),
                Optional.empty(),
                "GET",
                changed.permissions(),
                NOW,
                later.plusSeconds(1));
        assertThrows(ChangedMeanwhile.class, () -> on.apps().update(stolen, later, List.of()), "another owner's");
        assertEquals(Optional.of(changed), on.apps().findLatest(app.sid()));

        List<AuditEvent> refused = AuditEvents.of(user, MonitorEventTypes.CONNECT_APP_DELETED, app.sid(), later);
        assertFalse(on.apps().delete(user, app.sid(), refused));
        assertFalse(AuditEvents.written(on.events(), refused));
        List<AuditEvent> deleting = AuditEvents.of(owner, MonitorEventTypes.CONNECT_APP_DELETED, app.sid(), later);
        assertTrue(on.apps().delete(owner, app.sid(), deleting));
        assertTrue(AuditEvents.written(on.events(), deleting));
        assertEquals(Optional.empty(), on.apps().find(app.sid()));
        assertFalse(on.apps().delete(owner, app.sid(), List.of()));
    }

    @ContractTest
    void anAuthorizationMakesItsAccountOnceUntilDeauthorizedWhichClosesIt(Stores on) {
        ConnectApp app = app(owner);
        on.apps().create(app, List.of());
        Account made = appAccount(user, app);
        Authorization authorization = authorization(user, app, made);
        List<AuditEvent> authorizing =
                AuditEvents.of(user, MonitorEventTypes.AUTHORIZED_CONNECT_APP_CREATED, app.sid(), NOW);
        assertTrue(on.apps().authorize(made, authorization, authorizing));
        assertTrue(AuditEvents.written(on.events(), authorizing));
        assertSameAccount(made, on.accounts().findLatest(made.sid()).orElseThrow());
        assertEquals(Optional.of(authorization), on.apps().findAuthorization(user, app.sid()));
        assertEquals(
                new ConnectAppStore.Grant(Optional.of(app), Optional.of(authorization)),
                on.apps().grant(user, app.sid()));
        assertEquals(
                List.of(authorization),
                on.apps().listAuthorizations(user, 50, Optional.empty()).items());

        Account another = appAccount(user, app);
        List<AuditEvent> twice = AuditEvents.of(user, MonitorEventTypes.AUTHORIZED_CONNECT_APP_CREATED, app.sid(), NOW);
        assertFalse(on.apps().authorize(another, authorization(user, app, another), twice));
        assertFalse(AuditEvents.written(on.events(), twice));
        assertEquals(Optional.empty(), on.accounts().find(another.sid()), "nothing of a refused authorization");

        Instant later = NOW.plus(Duration.ofHours(1));
        NotificationJob job = callback(app, user);
        List<AuditEvent> deauthorizing =
                AuditEvents.of(user, MonitorEventTypes.AUTHORIZED_CONNECT_APP_DELETED, app.sid(), later);
        assertTrue(on.apps()
                .deauthorize(authorization, Optional.of(job), later, later.plus(Duration.ofDays(1)), deauthorizing));
        assertTrue(AuditEvents.written(on.events(), deauthorizing));
        Authorization ended = on.apps().findAuthorization(user, app.sid()).orElseThrow();
        assertEquals(Optional.of(later), ended.dateDeauthorized());
        assertEquals(later, ended.dateUpdated());
        assertEquals(Optional.of(job), ended.deauthorizeCallback());
        assertFalse(ended.authorized());
        Account closed = on.accounts().findLatest(made.sid()).orElseThrow();
        assertEquals(AccountStatus.CLOSED, closed.status());
        assertEquals(later, closed.dateUpdated());
        assertEquals(
                List.of(),
                on.apps().listAuthorizations(user, 50, Optional.empty()).items());
        assertFalse(on.apps()
                .deauthorize(authorization, Optional.of(job), later, later.plus(Duration.ofDays(1)), List.of()));

        // Authorized again, it makes a new account.
        assertTrue(on.apps().authorize(another, authorization(user, app, another), List.of()));
        assertTrue(on.apps().findAuthorization(user, app.sid()).orElseThrow().authorized());
        assertEquals(
                AccountStatus.ACTIVE,
                on.accounts().find(another.sid()).orElseThrow().status());
    }

    @ContractTest
    void anAccountsAuthorizationsInForceListInPagesAndAGrantReadsTheAppWithIt(Stores on) {
        List<String> authorized = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            ConnectApp app = app(owner);
            on.apps().create(app, List.of());
            Account made = appAccount(user, app);
            Authorization authorization = authorization(user, app, made);
            on.apps().authorize(made, authorization, List.of());
            if (i == 2) {
                on.apps().deauthorize(authorization, Optional.empty(), NOW, NOW.plus(Duration.ofDays(1)), List.of());
            } else {
                authorized.add(app.sid());
            }
        }
        List<List<String>> pages =
                Pages.walk(cursor -> on.apps().listAuthorizations(user, 2, cursor), Authorization::connectAppSid, 2);
        assertEquals(
                authorized.stream().sorted().toList(),
                Pages.all(pages).stream().sorted().toList());

        ConnectApp unknown = app(owner);
        assertEquals(
                new ConnectAppStore.Grant(Optional.empty(), Optional.empty()),
                on.apps().grant(user, unknown.sid()));
        on.apps().create(unknown, List.of());
        assertEquals(
                new ConnectAppStore.Grant(Optional.of(unknown), Optional.empty()),
                on.apps().grant(user, unknown.sid()));
        assertEquals(
                Set.of(),
                Set.copyOf(on.apps()
                        .listAuthorizations(owner, 50, Optional.empty())
                        .items()));
    }
}
