package dev.monitor.accounts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.monitor.audit.Actor;
import dev.monitor.audit.AuditEvent;
import dev.monitor.audit.MonitorEventTypes;
import dev.monitor.errors.DomainException;
import dev.monitor.events.Event;
import dev.monitor.paging.Page;
import dev.monitor.testing.InMemoryStores;
import dev.monitor.testing.TestClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Accounts, their families and who may see and change them, on in-memory stores: the rules, without DynamoDB. */
class AccountServiceTest {
    private static final Instant NOW = Instant.parse("2026-11-25T12:00:00Z");
    private static final Caller OPERATOR = new Caller.Operator();

    private final TestClock clock = new TestClock(NOW);
    private final InMemoryStores.Events log = new InMemoryStores.Events();
    private final InMemoryStores.Accounts store = new InMemoryStores.Accounts(log);
    private final AccountService accounts = InMemoryStores.accounts(store, log, clock);

    private final NewAccount main = accounts.createMainAccount(InMemoryStores.OPERATOR, "Acme");
    private final Account acme = main.account();
    private final Caller acmeCaller = new Caller.AccountCaller(acme);
    private final Actor acmeActor = InMemoryStores.actorOf(acme);

    private Account sub(String name) {
        return accounts.createSubaccount(acme, acmeActor, Optional.of(name)).account();
    }

    private Account status(Caller caller, Account account, AccountStatus status) {
        clock.advance(Duration.ofSeconds(1));
        return accounts.update(caller, acmeActor, account.sid(), Optional.empty(), Optional.of(status));
    }

    private List<Event> accountEvents(Account account) {
        return log.history(account.sid()).stream()
                .filter(event -> event.resourceType().equals("account"))
                .toList();
    }

    @Test
    void aNewAccountIsActiveAndItsAuthTokenAuthenticatesItAndNothingElse() {
        assertTrue(acme.sid().matches("AC[0-9a-f]{32}"), acme.sid());
        assertTrue(main.authToken().matches("[0-9a-f]{32}"), main.authToken());
        assertEquals(AccountStatus.ACTIVE, acme.status());
        assertEquals(Optional.empty(), acme.ownerAccountSid());
        assertEquals(NOW, acme.dateCreated());
        assertEquals(
                Optional.of(acme.sid()),
                accounts.authenticate(acme.sid(), main.authToken()).map(Account::sid));
        assertEquals(Optional.empty(), accounts.authenticate(acme.sid(), "0".repeat(32)));
        assertEquals(Optional.empty(), accounts.authenticate("SK" + acme.sid().substring(2), main.authToken()));
        NewAccount other = accounts.createMainAccount(InMemoryStores.OPERATOR, "Other");
        assertEquals(Optional.empty(), accounts.authenticate(acme.sid(), other.authToken()));
        assertFalse(acme.toString().contains(main.authToken()));
    }

    @Test
    void aFriendlyNameIsOneTo64CharactersAndARefusedOneStoresNothing() {
        for (String name : List.of("", "   ", "a".repeat(65))) {
            DomainException.Invalid refused = assertThrows(
                    DomainException.Invalid.class, () -> accounts.createMainAccount(InMemoryStores.OPERATOR, name));
            assertEquals("FriendlyName must be 1 to 64 characters", refused.getMessage());
        }
        assertThrows(
                DomainException.Invalid.class,
                () -> accounts.update(acmeCaller, acmeActor, acme.sid(), Optional.of(""), Optional.empty()));
        assertEquals("a".repeat(64), sub("a".repeat(64)).friendlyName());
        assertEquals(2, log.size());
    }

    @Test
    void anAccountsCreationIsTheFirstEventOfItsOwnLog() {
        Event created = accountEvents(acme).get(0);
        assertEquals(MonitorEventTypes.ACCOUNT_CREATED, created.eventType());
        assertEquals("Account 'Acme' was created", created.description());
        assertEquals(acme.sid(), created.resourceSid());
        assertEquals("operator", created.actorType());
        assertEquals(
                "{\"resource_properties\":{\"friendly_name\":{\"updated\":\"Acme\"},\"status\":{\"updated\":\"active\"}}}",
                created.eventData().toString());

        Account sub = sub("Shop");
        Event subCreated = accountEvents(sub).get(0);
        assertEquals("Subaccount 'Shop' was created", subCreated.description());
        assertEquals(acme.sid(), subCreated.actorSid());
        assertEquals(
                "{\"resource_properties\":{\"friendly_name\":{\"updated\":\"Shop\"},\"status\":{\"updated\":\"active\"},"
                        + "\"owner_account_sid\":{\"updated\":\"" + acme.sid() + "\"}}}",
                subCreated.eventData().toString());
    }

    @Test
    void aSubaccountBelongsToItsMainAccountAndMakesNoSubaccountsOfItsOwn() {
        Account unnamed =
                accounts.createSubaccount(acme, acmeActor, Optional.empty()).account();
        assertEquals("SubAccount Created at " + NOW, unnamed.friendlyName());
        assertEquals(Optional.of(acme.sid()), unnamed.ownerAccountSid());
        assertEquals(acme.sid(), unnamed.mainAccountSid());
        DomainException.Forbidden refused = assertThrows(
                DomainException.Forbidden.class,
                () -> accounts.createSubaccount(unnamed, InMemoryStores.actorOf(unnamed), Optional.of("Nested")));
        assertEquals("A subaccount cannot create subaccounts", refused.getMessage());
    }

    @Test
    void aCallerSeesItsOwnAccountAndItsSubaccountsAndNoOthersAsNotFound() {
        Account sub = sub("Shop");
        Account other =
                accounts.createMainAccount(InMemoryStores.OPERATOR, "Other").account();
        assertEquals(sub.sid(), accounts.visibleTo(acmeCaller, sub.sid()).sid());
        assertEquals(other.sid(), accounts.visibleTo(OPERATOR, other.sid()).sid());
        DomainException.NotFound notFound =
                assertThrows(DomainException.NotFound.class, () -> accounts.visibleTo(acmeCaller, other.sid()));
        assertEquals("The requested resource /Accounts/" + other.sid() + " was not found", notFound.getMessage());
        Caller subCaller = new Caller.AccountCaller(sub);
        assertThrows(DomainException.NotFound.class, () -> accounts.visibleTo(subCaller, acme.sid()));
        assertThrows(DomainException.NotFound.class, () -> accounts.visibleTo(acmeCaller, "AC" + "0".repeat(32)));
        assertThrows(DomainException.NotFound.class, () -> accounts.visibleTo(acmeCaller, "not-a-sid"));
    }

    @Test
    void aMainAccountListsItselfAndItsSubaccountsInPagesAndASubaccountOnlyItself() {
        List<String> family = new ArrayList<>(List.of(acme.sid()));
        for (int i = 0; i < 4; i++) {
            family.add(sub("Shop " + i).sid());
        }
        Account suspended = sub("Paused");
        status(acmeCaller, suspended, AccountStatus.SUSPENDED);
        family.add(suspended.sid());
        accounts.createMainAccount(InMemoryStores.OPERATOR, "Other");

        List<String> listed = new ArrayList<>();
        Optional<String> cursor = Optional.empty();
        do {
            Page<Account> page = accounts.listFamily(acme, AccountFilter.NONE, 2, cursor);
            assertTrue(page.items().size() <= 2);
            page.items().forEach(account -> listed.add(account.sid()));
            cursor = page.nextCursor();
        } while (cursor.isPresent());
        assertEquals(family.stream().sorted().toList(), listed.stream().sorted().toList());

        assertEquals(
                List.of(suspended.sid()),
                accounts
                        .listFamily(
                                acme,
                                new AccountFilter(Optional.empty(), Optional.of(AccountStatus.SUSPENDED)),
                                50,
                                Optional.empty())
                        .items()
                        .stream()
                        .map(Account::sid)
                        .toList());
        assertEquals(
                1,
                accounts.listFamily(
                                acme, new AccountFilter(Optional.of("Shop 2"), Optional.empty()), 50, Optional.empty())
                        .items()
                        .size());

        Account sub = store.find(family.get(1)).orElseThrow();
        assertEquals(
                List.of(sub.sid()),
                accounts.listFamily(sub, AccountFilter.NONE, 50, Optional.empty()).items().stream()
                        .map(Account::sid)
                        .toList());
        assertEquals(
                List.of(),
                accounts.listFamily(sub, new AccountFilter(Optional.of("Acme"), Optional.empty()), 50, Optional.empty())
                        .items());
    }

    @Test
    void anAccountRenamesItselfAndItsSubaccountsAndEachRenameIsAnEventOfTheRenamedAccount() {
        Account sub = sub("Shop");
        clock.advance(Duration.ofMinutes(1));
        Account renamed = accounts.update(acmeCaller, acmeActor, sub.sid(), Optional.of("Store"), Optional.empty());
        assertEquals("Store", renamed.friendlyName());
        assertEquals(NOW.plus(Duration.ofMinutes(1)), renamed.dateUpdated());
        assertEquals("Store", accounts.find(sub.sid()).orElseThrow().friendlyName());
        Event event = accountEvents(sub).get(1);
        assertEquals(MonitorEventTypes.ACCOUNT_UPDATED, event.eventType());
        assertEquals("Account 'Store' was renamed", event.description());
        assertEquals(
                "{\"resource_properties\":{\"friendly_name\":{\"previous\":\"Shop\",\"updated\":\"Store\"}}}",
                event.eventData().toString());

        Caller subCaller = new Caller.AccountCaller(sub);
        accounts.update(subCaller, InMemoryStores.actorOf(sub), sub.sid(), Optional.of("Mine"), Optional.empty());
        assertThrows(
                DomainException.NotFound.class,
                () -> accounts.update(
                        subCaller, InMemoryStores.actorOf(sub), acme.sid(), Optional.of("Taken"), Optional.empty()));
        assertEquals("Acme", accounts.find(acme.sid()).orElseThrow().friendlyName());
    }

    @Test
    void aChangeThatChangesNothingWritesNothing() {
        Account same = accounts.update(
                acmeCaller, acmeActor, acme.sid(), Optional.of("Acme"), Optional.of(AccountStatus.ACTIVE));
        assertEquals(acme.dateUpdated(), same.dateUpdated());
        assertEquals(1, accountEvents(acme).size());
    }

    @Test
    void onlyTheOwnerOfASubaccountChangesItsStatusAndASuspendedOneStopsAuthenticatingUntilActiveAgain() {
        NewAccount created = accounts.createSubaccount(acme, acmeActor, Optional.of("Shop"));
        Account sub = created.account();
        Caller subCaller = new Caller.AccountCaller(sub);
        DomainException.Forbidden refused =
                assertThrows(DomainException.Forbidden.class, () -> status(subCaller, sub, AccountStatus.SUSPENDED));
        assertEquals("Only the owner of a subaccount changes its status", refused.getMessage());
        assertThrows(DomainException.Forbidden.class, () -> status(acmeCaller, acme, AccountStatus.SUSPENDED));

        Account suspended = status(acmeCaller, sub, AccountStatus.SUSPENDED);
        assertEquals(AccountStatus.SUSPENDED, suspended.status());
        assertEquals(Optional.empty(), accounts.authenticate(sub.sid(), created.authToken()));
        assertThrows(DomainException.AccountInactive.class, suspended::checkWritable);
        Event event = accountEvents(sub).get(1);
        assertEquals("Account 'Shop' was suspended", event.description());
        assertEquals(
                "{\"resource_properties\":{\"status\":{\"previous\":\"active\",\"updated\":\"suspended\"}}}",
                event.eventData().toString());

        status(acmeCaller, sub, AccountStatus.ACTIVE);
        assertEquals(
                Optional.of(sub.sid()),
                accounts.authenticate(sub.sid(), created.authToken()).map(Account::sid));
        assertEquals(
                "Account 'Shop' was made active again",
                accountEvents(sub).get(2).description());
    }

    @Test
    void aMainAccountsSuspensionStopsItsSubaccountsAndItsReturnRestoresThem() {
        NewAccount created = accounts.createSubaccount(acme, acmeActor, Optional.of("Shop"));
        Account sub = created.account();
        status(OPERATOR, acme, AccountStatus.SUSPENDED);
        assertEquals(Optional.empty(), accounts.authenticate(acme.sid(), main.authToken()));
        Account stopped = accounts.find(sub.sid()).orElseThrow();
        assertEquals(AccountStatus.ACTIVE, stopped.status());
        assertEquals(AccountStatus.SUSPENDED, stopped.ownerStatus());
        assertEquals(Optional.empty(), accounts.authenticate(sub.sid(), created.authToken()));
        assertThrows(DomainException.AccountInactive.class, stopped::checkWritable);

        status(OPERATOR, acme, AccountStatus.ACTIVE);
        assertEquals(
                Optional.of(sub.sid()),
                accounts.authenticate(sub.sid(), created.authToken()).map(Account::sid));
        assertEquals(
                Optional.of(acme.sid()),
                accounts.authenticate(acme.sid(), main.authToken()).map(Account::sid));
    }

    @Test
    void closingAMainAccountStopsItsSubaccountsForGoodAndNoOtherFamily() {
        NewAccount created = accounts.createSubaccount(acme, acmeActor, Optional.of("Shop"));
        NewAccount other = accounts.createMainAccount(InMemoryStores.OPERATOR, "Other");
        status(OPERATOR, acme, AccountStatus.CLOSED);
        assertEquals(Optional.empty(), accounts.authenticate(created.account().sid(), created.authToken()));
        assertEquals(
                AccountStatus.CLOSED,
                accounts.find(created.account().sid()).orElseThrow().ownerStatus());
        assertEquals(
                Optional.of(other.account().sid()),
                accounts.authenticate(other.account().sid(), other.authToken()).map(Account::sid));
        assertThrows(DomainException.Invalid.class, () -> status(OPERATOR, acme, AccountStatus.ACTIVE));
    }

    @Test
    void aSubaccountSuspendedByItsOwnerStaysSuspendedWhenItsMainAccountIsActiveAgain() {
        NewAccount created = accounts.createSubaccount(acme, acmeActor, Optional.of("Shop"));
        status(acmeCaller, created.account(), AccountStatus.SUSPENDED);
        status(OPERATOR, acme, AccountStatus.SUSPENDED);
        status(OPERATOR, acme, AccountStatus.ACTIVE);
        assertEquals(Optional.empty(), accounts.authenticate(created.account().sid(), created.authToken()));
        assertEquals(
                AccountStatus.SUSPENDED,
                accounts.find(created.account().sid()).orElseThrow().status());
        assertEquals(
                Optional.of(acme.sid()),
                accounts.authenticate(acme.sid(), main.authToken()).map(Account::sid));
    }

    @Test
    void aClosedAccountStaysClosedAndTakesNoChange() {
        Account sub = sub("Shop");
        status(acmeCaller, sub, AccountStatus.CLOSED);
        DomainException.Invalid reopen =
                assertThrows(DomainException.Invalid.class, () -> status(acmeCaller, sub, AccountStatus.ACTIVE));
        assertEquals("A closed account cannot be reopened", reopen.getMessage());
        DomainException.AccountInactive rename = assertThrows(
                DomainException.AccountInactive.class,
                () -> accounts.update(acmeCaller, acmeActor, sub.sid(), Optional.of("Again"), Optional.empty()));
        assertEquals(
                "Account " + sub.sid() + " is not active: a suspended or closed account takes no changes",
                rename.getMessage());
        assertEquals("Account 'Shop' was closed", accountEvents(sub).get(1).description());
        assertEquals(
                AccountStatus.CLOSED, accounts.find(sub.sid()).orElseThrow().status());
    }

    @Test
    void aSuspendedMainAccountMakesNoSubaccounts() {
        Account suspended = status(OPERATOR, acme, AccountStatus.SUSPENDED);
        assertThrows(
                DomainException.AccountInactive.class,
                () -> accounts.createSubaccount(suspended, acmeActor, Optional.of("Shop")));
    }

    @Test
    void twoChangesAtOnceBothStandAndEachEventNamesWhatItReplaced() {
        Account sub = sub("Shop");
        // Another request renames the subaccount between this change's read and its write, once.
        AccountStore racing = new AccountStore() {
            private boolean raced;

            @Override
            public void create(Account account, List<AuditEvent> audit) {
                store.create(account, audit);
            }

            @Override
            public Optional<Account> find(String accountSid) {
                return store.find(accountSid);
            }

            @Override
            public Optional<Account> findLatest(String accountSid) {
                return store.findLatest(accountSid);
            }

            @Override
            public void update(Account changed, Instant replacing, List<AuditEvent> audit) {
                if (!raced) {
                    raced = true;
                    accounts.update(acmeCaller, acmeActor, sub.sid(), Optional.of("Store"), Optional.empty());
                }
                store.update(changed, replacing, audit);
            }

            @Override
            public void updateOwnerStatus(String subaccountSid, AccountStatus ownerStatus) {
                store.updateOwnerStatus(subaccountSid, ownerStatus);
            }

            @Override
            public Page<Account> listFamily(
                    String mainAccountSid, AccountFilter filter, int pageSize, Optional<String> cursor) {
                return store.listFamily(mainAccountSid, filter, pageSize, cursor);
            }
        };
        AccountService racingAccounts = InMemoryStores.accounts(racing, log, clock);
        clock.advance(Duration.ofSeconds(1));
        Account suspended = racingAccounts.update(
                acmeCaller, acmeActor, sub.sid(), Optional.empty(), Optional.of(AccountStatus.SUSPENDED));

        assertEquals("Store", suspended.friendlyName());
        assertEquals(AccountStatus.SUSPENDED, suspended.status());
        Account stored = accounts.find(sub.sid()).orElseThrow();
        assertEquals("Store", stored.friendlyName());
        assertEquals(AccountStatus.SUSPENDED, stored.status());
        List<Event> events = accountEvents(sub);
        assertEquals(3, events.size());
        assertTrue(
                events.stream()
                        .anyMatch(
                                event -> event.eventData()
                                        .toString()
                                        .equals(
                                                "{\"resource_properties\":{\"friendly_name\":{\"previous\":\"Shop\",\"updated\":\"Store\"}}}")));
        assertTrue(
                events.stream()
                        .anyMatch(
                                event -> event.eventData()
                                        .toString()
                                        .equals(
                                                "{\"resource_properties\":{\"status\":{\"previous\":\"active\",\"updated\":\"suspended\"}}}")));
    }

    @Test
    void aBatchsOwnersAreTheCallersFamilyAndEveryOtherAccountIsNamedInOneRefusal() {
        Account sub = sub("Shop");
        Account other =
                accounts.createMainAccount(InMemoryStores.OPERATOR, "Other").account();
        assertEquals(
                List.of(acme.sid(), sub.sid()),
                accounts
                        .ownersOf(acmeCaller, List.of(Optional.empty(), Optional.of(sub.sid())), "records events")
                        .stream()
                        .map(Account::sid)
                        .toList());

        DomainException.Invalid refused = assertThrows(
                DomainException.Invalid.class,
                () -> accounts.ownersOf(
                        acmeCaller,
                        List.of(Optional.of(other.sid()), Optional.empty(), Optional.of("AC" + "0".repeat(32))),
                        "records events"));
        assertEquals(
                "Invalid request: item 0: account_sid names " + other.sid()
                        + ", which is not this account or one of its subaccounts; item 2: account_sid names AC"
                        + "0".repeat(32) + ", which is not this account or one of its subaccounts",
                refused.getMessage());

        DomainException.Invalid unnamed = assertThrows(
                DomainException.Invalid.class,
                () -> accounts.ownersOf(OPERATOR, List.of(Optional.empty()), "records events"));
        assertEquals("Invalid request: account_sid is required when the operator records events", unnamed.getMessage());
        assertEquals(
                List.of(other.sid()),
                accounts.ownersOf(OPERATOR, List.of(Optional.of(other.sid())), "records events").stream()
                        .map(Account::sid)
                        .toList());

        status(acmeCaller, sub, AccountStatus.SUSPENDED);
        assertThrows(
                DomainException.AccountInactive.class,
                () -> accounts.ownersOf(acmeCaller, List.of(Optional.of(sub.sid())), "records events"));
    }
}
