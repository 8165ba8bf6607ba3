package dev.monitor.accounts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.monitor.audit.Actor;
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

/** API keys of an account, on in-memory stores: what a key's owner and its holder see, without DynamoDB. */
class ApiKeyServiceTest {
    private static final Instant NOW = Instant.parse("2026-11-25T12:00:00Z");

    private final TestClock clock = new TestClock(NOW);
    private final InMemoryStores.Events log = new InMemoryStores.Events();
    private final InMemoryStores.Accounts accountStore = new InMemoryStores.Accounts(log);
    private final AccountService accounts = InMemoryStores.accounts(accountStore, log, clock);
    private final ApiKeyService keys =
            new ApiKeyService(new InMemoryStores.ApiKeys(log), accountStore, InMemoryStores.audit(log), clock);
    private final Account account =
            accounts.createMainAccount(InMemoryStores.OPERATOR, "Acme").account();
    private final Actor actor = InMemoryStores.actorOf(account);

    private List<Event> keyEvents() {
        return log.history(account.sid()).stream()
                .filter(event -> event.resourceType().equals("api-key"))
                .toList();
    }

    @Test
    void aNewKeyAndItsSecretActForItsAccountAndTheSecretIsShownOnlyOnce() {
        NewApiKey created = keys.create(account, actor, Optional.of("CI"));
        assertTrue(created.key().sid().matches("SK[0-9a-f]{32}"), created.key().sid());
        assertTrue(created.secret().matches("[0-9a-f]{32}"), created.secret());
        assertEquals("CI", created.key().friendlyName());
        assertEquals(NOW, created.key().dateCreated());

        assertEquals(
                Optional.of(account.sid()),
                keys.authenticate(created.key().sid(), created.secret()).map(Account::sid));
        assertEquals(Optional.empty(), keys.authenticate(created.key().sid(), "0".repeat(32)));
        assertEquals(
                Optional.empty(), keys.authenticate("AC" + created.key().sid().substring(2), created.secret()));
        // What is kept and read back is the secret's hash, never the secret.
        ApiKey fetched = keys.fetch(account, created.key().sid());
        assertEquals(created.key(), fetched);
        assertTrue(!fetched.toString().contains(created.secret()));
    }

    @Test
    void aKeyWithoutANameHasAnEmptyOneAndANameOverTheLimitIsRefusedWithNothingStored() {
        assertEquals("", keys.create(account, actor, Optional.empty()).key().friendlyName());
        DomainException.Invalid refused = assertThrows(
                DomainException.Invalid.class, () -> keys.create(account, actor, Optional.of("k".repeat(65))));
        assertEquals("FriendlyName must be at most 64 characters", refused.getMessage());
        assertEquals(1, keys.list(account, 50, Optional.empty()).items().size());
        assertEquals(1, keyEvents().size());
    }

    @Test
    void anotherAccountNeitherSeesNorChangesNorDeletesTheKey() {
        ApiKey key = keys.create(account, actor, Optional.of("CI")).key();
        Account other =
                accounts.createMainAccount(InMemoryStores.OPERATOR, "Other").account();
        Actor otherActor = InMemoryStores.actorOf(other);
        DomainException.NotFound notFound =
                assertThrows(DomainException.NotFound.class, () -> keys.fetch(other, key.sid()));
        assertEquals("The requested resource /Keys/" + key.sid() + " was not found", notFound.getMessage());
        assertThrows(DomainException.NotFound.class, () -> keys.rename(other, otherActor, key.sid(), "Mine"));
        assertThrows(DomainException.NotFound.class, () -> keys.delete(other, otherActor, key.sid()));
        assertEquals(List.of(), keys.list(other, 50, Optional.empty()).items());
        assertEquals("CI", keys.fetch(account, key.sid()).friendlyName());
        assertThrows(DomainException.NotFound.class, () -> keys.fetch(account, "not-a-sid"));
    }

    @Test
    void aKeysCreationRenameAndDeletionAreEventsOfItsAccountNamingWhatChanged() {
        ApiKey key = keys.create(account, actor, Optional.of("CI")).key();
        clock.advance(Duration.ofMinutes(1));
        ApiKey renamed = keys.rename(account, actor, key.sid(), "Deploys");
        assertEquals("Deploys", renamed.friendlyName());
        assertEquals(NOW.plus(Duration.ofMinutes(1)), renamed.dateUpdated());
        assertEquals(key.dateCreated(), renamed.dateCreated());
        clock.advance(Duration.ofMinutes(1));
        keys.delete(account, actor, key.sid());

        List<Event> events = keyEvents();
        assertEquals(
                List.of(
                        MonitorEventTypes.API_KEY_CREATED,
                        MonitorEventTypes.API_KEY_UPDATED,
                        MonitorEventTypes.API_KEY_DELETED),
                events.stream().map(Event::eventType).toList());
        assertEquals("API key 'CI' was created", events.get(0).description());
        assertEquals(
                "{\"resource_properties\":{\"friendly_name\":{\"updated\":\"CI\"}}}",
                events.get(0).eventData().toString());
        assertEquals("API key 'CI' was renamed 'Deploys'", events.get(1).description());
        assertEquals(
                "{\"resource_properties\":{\"friendly_name\":{\"previous\":\"CI\",\"updated\":\"Deploys\"}}}",
                events.get(1).eventData().toString());
        assertEquals("API key 'Deploys' was deleted", events.get(2).description());
        assertEquals(
                "{\"resource_properties\":{\"friendly_name\":{\"previous\":\"Deploys\"}}}",
                events.get(2).eventData().toString());
        events.forEach(event -> {
            assertEquals(key.sid(), event.resourceSid());
            assertEquals(account.sid(), event.actorSid());
        });
    }

    @Test
    void renamingToTheSameNameChangesNothingAndLogsNothing() {
        ApiKey key = keys.create(account, actor, Optional.of("CI")).key();
        clock.advance(Duration.ofMinutes(1));
        assertEquals(key, keys.rename(account, actor, key.sid(), "CI"));
        assertEquals(1, keyEvents().size());
        DomainException.Invalid refused = assertThrows(
                DomainException.Invalid.class, () -> keys.rename(account, actor, key.sid(), "k".repeat(65)));
        assertEquals("FriendlyName must be at most 64 characters", refused.getMessage());
        assertEquals("CI", keys.fetch(account, key.sid()).friendlyName());
    }

    @Test
    void aDeletedKeyNoLongerAuthenticatesNorIsFoundAndCannotBeDeletedAgain() {
        NewApiKey created = keys.create(account, actor, Optional.of("CI"));
        keys.delete(account, actor, created.key().sid());
        assertEquals(Optional.empty(), keys.authenticate(created.key().sid(), created.secret()));
        assertThrows(
                DomainException.NotFound.class,
                () -> keys.fetch(account, created.key().sid()));
        assertThrows(
                DomainException.NotFound.class,
                () -> keys.delete(account, actor, created.key().sid()));
    }

    @Test
    void aSuspendedAccountsKeysStopAuthenticatingAndItCanNeitherCreateNorChangeKeys() {
        NewApiKey created = keys.create(account, actor, Optional.of("CI"));
        Account suspended = accounts.update(
                new Caller.Operator(),
                InMemoryStores.OPERATOR,
                account.sid(),
                Optional.empty(),
                Optional.of(AccountStatus.SUSPENDED));
        assertEquals(Optional.empty(), keys.authenticate(created.key().sid(), created.secret()));
        assertThrows(DomainException.AccountInactive.class, () -> keys.create(suspended, actor, Optional.of("New")));
        assertThrows(
                DomainException.AccountInactive.class,
                () -> keys.rename(suspended, actor, created.key().sid(), "New"));
        assertThrows(
                DomainException.AccountInactive.class,
                () -> keys.delete(suspended, actor, created.key().sid()));
        // Still readable.
        assertEquals(created.key(), keys.fetch(suspended, created.key().sid()));
    }

    @Test
    void aSubaccountsKeyStopsAuthenticatingWhenItsMainAccountIsSuspended() {
        Account sub =
                accounts.createSubaccount(account, actor, Optional.of("Sub")).account();
        NewApiKey created = keys.create(sub, InMemoryStores.actorOf(sub), Optional.of("CI"));
        assertEquals(
                Optional.of(sub.sid()),
                keys.authenticate(created.key().sid(), created.secret()).map(Account::sid));
        accounts.update(
                new Caller.Operator(),
                InMemoryStores.OPERATOR,
                account.sid(),
                Optional.empty(),
                Optional.of(AccountStatus.SUSPENDED));
        assertEquals(Optional.empty(), keys.authenticate(created.key().sid(), created.secret()));
    }

    @Test
    void anAccountsKeysListInPagesEachOnce() {
        List<String> created = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            created.add(
                    keys.create(account, actor, Optional.of("Key " + i)).key().sid());
        }
        List<String> listed = new ArrayList<>();
        Optional<String> cursor = Optional.empty();
        do {
            Page<ApiKey> page = keys.list(account, 2, cursor);
            assertTrue(page.items().size() <= 2);
            page.items().forEach(key -> listed.add(key.sid()));
            cursor = page.nextCursor();
        } while (cursor.isPresent());
        assertEquals(
                created.stream().sorted().toList(), listed.stream().sorted().toList());
    }
}
