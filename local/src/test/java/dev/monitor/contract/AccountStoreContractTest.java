package dev.monitor.contract;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.monitor.accounts.Account;
import dev.monitor.accounts.AccountFilter;
import dev.monitor.accounts.AccountStatus;
import dev.monitor.accounts.AccountStore;
import dev.monitor.audit.AuditEvent;
import dev.monitor.audit.ChangedMeanwhile;
import dev.monitor.audit.MonitorEventTypes;
import dev.monitor.crypto.Secrets;
import dev.monitor.dynamo.accounts.DynamoAccountStore;
import dev.monitor.dynamo.events.DynamoEventStore;
import dev.monitor.events.EventStore;
import dev.monitor.ids.Sids;
import dev.monitor.testing.InMemoryStores;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** What every {@link AccountStore} does, on DynamoDB Local and in memory alike. */
class AccountStoreContractTest {
    private static final Instant NOW = Instant.parse("2026-11-25T12:00:00Z");

    /** The accounts, and the events their changes write. */
    record Stores(String name, AccountStore accounts, EventStore events) {
        @Override
        public String toString() {
            return name;
        }
    }

    static List<Stores> implementations() {
        InMemoryStores.Events log = new InMemoryStores.Events();
        return List.of(
                new Stores(
                        "DynamoDB Local",
                        new DynamoAccountStore(StackTable.dynamo(), StackTable.NAME),
                        new DynamoEventStore(StackTable.dynamo(), StackTable.NAME)),
                new Stores("in memory", new InMemoryStores.Accounts(log), log));
    }

    private final Account main = account("Acme", Optional.empty(), Optional.empty());

    private static Account account(String name, Optional<String> owner, Optional<String> connectApp) {
        return new Account(
                Sids.random("AC"),
                name,
                AccountStatus.ACTIVE,
                owner,
                Secrets.sha256Hex(Secrets.randomHex(16)),
                Secrets.randomBytes(48),
                NOW,
                NOW,
                AccountStatus.ACTIVE,
                connectApp);
    }

    private Account sub(String name) {
        return account(name, Optional.of(main.sid()), Optional.empty());
    }

    /** Every component, the sealed token by its bytes. */
    static void assertSameAccount(Account expected, Account actual) {
        assertEquals(expected.sid(), actual.sid());
        assertEquals(expected.friendlyName(), actual.friendlyName());
        assertEquals(expected.status(), actual.status());
        assertEquals(expected.ownerAccountSid(), actual.ownerAccountSid());
        assertEquals(expected.authTokenSha256(), actual.authTokenSha256());
        assertArrayEquals(expected.sealedAuthToken(), actual.sealedAuthToken());
        assertEquals(expected.dateCreated(), actual.dateCreated());
        assertEquals(expected.dateUpdated(), actual.dateUpdated());
        assertEquals(expected.ownerStatus(), actual.ownerStatus());
        assertEquals(expected.connectAppSid(), actual.connectAppSid());
    }

    @ContractTest
    void aCreatedAccountIsFoundAsItWasWithItsEvent(Stores on) {
        List<AuditEvent> created = AuditEvents.of(main.sid(), MonitorEventTypes.ACCOUNT_CREATED, main.sid(), NOW);
        on.accounts().create(main, created);
        assertSameAccount(main, on.accounts().find(main.sid()).orElseThrow());
        assertSameAccount(main, on.accounts().findLatest(main.sid()).orElseThrow());
        assertTrue(AuditEvents.written(on.events(), created));

        Account appAccount = account("Rossum", Optional.of(main.sid()), Optional.of(Sids.random("CN")));
        on.accounts().create(appAccount, List.of());
        assertSameAccount(appAccount, on.accounts().find(appAccount.sid()).orElseThrow());
        assertEquals(Optional.empty(), on.accounts().find(Sids.random("AC")));
    }

    @ContractTest
    void anUpdateSetsNameStatusAndDateOnConditionOfTheDateItReplacesWithItsEvent(Stores on) {
        on.accounts().create(main, List.of());
        Instant later = NOW.plusSeconds(60);
        Account changed = main.changed("Acme Inc", AccountStatus.SUSPENDED, later);
        List<AuditEvent> updating = AuditEvents.of(main.sid(), MonitorEventTypes.ACCOUNT_UPDATED, main.sid(), later);
        on.accounts().update(changed, NOW, updating);
        assertSameAccount(changed, on.accounts().findLatest(main.sid()).orElseThrow());
        assertTrue(AuditEvents.written(on.events(), updating));

        List<AuditEvent> stale =
                AuditEvents.of(main.sid(), MonitorEventTypes.ACCOUNT_UPDATED, main.sid(), later.plusSeconds(1));
        assertThrows(
                ChangedMeanwhile.class,
                () -> on.accounts()
                        .update(main.changed("Stale", AccountStatus.ACTIVE, later.plusSeconds(1)), NOW, stale));
        assertSameAccount(changed, on.accounts().findLatest(main.sid()).orElseThrow());
        assertFalse(AuditEvents.written(on.events(), stale), "a refused change writes no event");
        Account missing = account("Gone", Optional.empty(), Optional.empty());
        assertThrows(
                ChangedMeanwhile.class,
                () -> on.accounts().update(missing.changed("x", AccountStatus.ACTIVE, later), NOW, List.of()));
    }

    @ContractTest
    void anUpdateChangesTheNameStatusAndDateAlone(Stores on) {
        on.accounts().create(main, List.of());
        Account other = new Account(
                main.sid(),
                "Renamed",
                AccountStatus.SUSPENDED,
                Optional.of(Sids.random("AC")),
                "another-hash",
                Secrets.randomBytes(48),
                NOW.minusSeconds(5),
                NOW.plusSeconds(1),
                AccountStatus.CLOSED,
                Optional.of(Sids.random("CN")));
        on.accounts().update(other, NOW, List.of());
        assertSameAccount(
                main.changed("Renamed", AccountStatus.SUSPENDED, NOW.plusSeconds(1)),
                on.accounts().findLatest(main.sid()).orElseThrow());
    }

    @ContractTest
    void aSubaccountCarriesItsMainAccountsStatusOnceSet(Stores on) {
        on.accounts().create(main, List.of());
        Account sub = sub("Shop");
        on.accounts().create(sub, List.of());
        assertEquals(
                AccountStatus.ACTIVE,
                on.accounts().find(sub.sid()).orElseThrow().ownerStatus());
        on.accounts().updateOwnerStatus(sub.sid(), AccountStatus.SUSPENDED);
        Account stopped = on.accounts().findLatest(sub.sid()).orElseThrow();
        assertEquals(AccountStatus.SUSPENDED, stopped.ownerStatus());
        assertEquals(AccountStatus.ACTIVE, stopped.status());
        assertFalse(stopped.active());
        on.accounts().updateOwnerStatus(sub.sid(), AccountStatus.ACTIVE);
        assertTrue(on.accounts().findLatest(sub.sid()).orElseThrow().active());
    }

    @ContractTest
    void aFamilyListsTheMainAccountAndItsSubaccountsInPagesEachOnceByItsFilters(Stores on) {
        on.accounts().create(main, List.of());
        List<String> family = new ArrayList<>(List.of(main.sid()));
        for (int i = 0; i < 4; i++) {
            Account sub = sub("Shop " + i);
            on.accounts().create(sub, List.of());
            family.add(sub.sid());
        }
        Account suspended = sub("Paused");
        on.accounts().create(suspended, List.of());
        on.accounts().update(suspended.changed("Paused", AccountStatus.SUSPENDED, NOW.plusSeconds(1)), NOW, List.of());
        family.add(suspended.sid());
        Account stranger = account("Stranger", Optional.empty(), Optional.empty());
        on.accounts().create(stranger, List.of());

        List<List<String>> pages = Pages.walk(
                cursor -> on.accounts().listFamily(main.sid(), AccountFilter.NONE, 2, cursor), Account::sid, 2);
        assertEquals(3, pages.size());
        assertEquals(
                family.stream().sorted().toList(),
                Pages.all(pages).stream().sorted().toList());

        assertEquals(
                List.of(suspended.sid()),
                Pages.all(Pages.walk(
                        cursor -> on.accounts()
                                .listFamily(
                                        main.sid(),
                                        new AccountFilter(Optional.empty(), Optional.of(AccountStatus.SUSPENDED)),
                                        2,
                                        cursor),
                        Account::sid,
                        2)));
        assertEquals(
                List.of(family.get(3)),
                Pages.all(Pages.walk(
                        cursor -> on.accounts()
                                .listFamily(
                                        main.sid(),
                                        new AccountFilter(Optional.of("Shop 2"), Optional.of(AccountStatus.ACTIVE)),
                                        2,
                                        cursor),
                        Account::sid,
                        2)));
        assertEquals(
                List.of(stranger.sid()),
                on.accounts().listFamily(stranger.sid(), AccountFilter.NONE, 50, Optional.empty()).items().stream()
                        .map(Account::sid)
                        .toList());
    }
}
