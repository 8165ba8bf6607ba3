package dev.monitor.contract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.monitor.accounts.ApiKey;
import dev.monitor.accounts.ApiKeyStore;
import dev.monitor.audit.AuditEvent;
import dev.monitor.audit.ChangedMeanwhile;
import dev.monitor.audit.MonitorEventTypes;
import dev.monitor.crypto.Secrets;
import dev.monitor.dynamo.accounts.DynamoApiKeyStore;
import dev.monitor.dynamo.events.DynamoEventStore;
import dev.monitor.events.EventStore;
import dev.monitor.ids.Sids;
import dev.monitor.testing.InMemoryStores;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** What every {@link ApiKeyStore} does, on DynamoDB Local and in memory alike. */
class ApiKeyStoreContractTest {
    private static final Instant NOW = Instant.parse("2026-11-25T12:00:00Z");

    /** The keys, and the events their changes write. */
    record Stores(String name, ApiKeyStore keys, EventStore events) {
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
                        new DynamoApiKeyStore(StackTable.dynamo(), StackTable.NAME),
                        new DynamoEventStore(StackTable.dynamo(), StackTable.NAME)),
                new Stores("in memory", new InMemoryStores.ApiKeys(log), log));
    }

    private final String account = Sids.random("AC");

    private static ApiKey key(String accountSid, String name) {
        return new ApiKey(Sids.random("SK"), accountSid, name, Secrets.sha256Hex(Secrets.randomHex(16)), NOW, NOW);
    }

    private static List<AuditEvent> audit(ApiKey key, String type, Instant at) {
        return AuditEvents.of(key.accountSid(), type, key.sid(), at);
    }

    @ContractTest
    void aCreatedKeyIsFoundByItsSidAloneWithItsEvent(Stores on) {
        ApiKey key = key(account, "CI");
        List<AuditEvent> created = audit(key, MonitorEventTypes.API_KEY_CREATED, NOW);
        on.keys().create(key, created);
        assertEquals(Optional.of(key), on.keys().find(key.sid()));
        assertEquals(Optional.of(key), on.keys().findLatest(key.sid()));
        assertTrue(AuditEvents.written(on.events(), created));
        assertEquals(Optional.empty(), on.keys().find(Sids.random("SK")));
    }

    @ContractTest
    void aRenameSetsTheNameAndDateOnConditionOfTheDateItReplacesWithItsEvent(Stores on) {
        ApiKey key = key(account, "CI");
        on.keys().create(key, List.of());
        Instant later = NOW.plus(Duration.ofMinutes(1));
        ApiKey renamed =
                new ApiKey(key.sid(), key.accountSid(), "Deploys", key.secretSha256(), key.dateCreated(), later);
        List<AuditEvent> renaming = audit(key, MonitorEventTypes.API_KEY_UPDATED, later);
        on.keys().rename(renamed, NOW, renaming);
        assertEquals(Optional.of(renamed), on.keys().findLatest(key.sid()));
        assertTrue(AuditEvents.written(on.events(), renaming));

        List<AuditEvent> stale = audit(key, MonitorEventTypes.API_KEY_UPDATED, later.plusSeconds(1));
        ApiKey again = new ApiKey(
                key.sid(), key.accountSid(), "Stale", key.secretSha256(), key.dateCreated(), later.plusSeconds(1));
        assertThrows(ChangedMeanwhile.class, () -> on.keys().rename(again, NOW, stale));
        assertEquals("Deploys", on.keys().findLatest(key.sid()).orElseThrow().friendlyName());
        assertFalse(AuditEvents.written(on.events(), stale), "a refused change writes no event");
    }

    @ContractTest
    void aRenameChangesTheNameAloneAndOfAKeyThatIsGoneIsChangedMeanwhile(Stores on) {
        ApiKey key = key(account, "CI");
        on.keys().create(key, List.of());
        Instant later = NOW.plusSeconds(1);
        on.keys().rename(new ApiKey(key.sid(), key.accountSid(), "Deploys", "other-hash", NOW, later), NOW, List.of());
        assertEquals(key.secretSha256(), on.keys().find(key.sid()).orElseThrow().secretSha256());

        ApiKey missing = key(account, "Gone");
        assertThrows(ChangedMeanwhile.class, () -> on.keys().rename(missing, NOW, List.of()));
        assertEquals(Optional.empty(), on.keys().find(missing.sid()));
    }

    @ContractTest
    void aDeletedKeyIsGoneWithItsEventAndDeletingItAgainIsFalseWritingNothing(Stores on) {
        ApiKey key = key(account, "CI");
        on.keys().create(key, List.of());
        List<AuditEvent> deleting = audit(key, MonitorEventTypes.API_KEY_DELETED, NOW);
        assertTrue(on.keys().delete(key, deleting));
        assertEquals(Optional.empty(), on.keys().findLatest(key.sid()));
        assertTrue(AuditEvents.written(on.events(), deleting));
        List<AuditEvent> again = audit(key, MonitorEventTypes.API_KEY_DELETED, NOW.plusSeconds(1));
        assertFalse(on.keys().delete(key, again));
        assertFalse(AuditEvents.written(on.events(), again));
    }

    @ContractTest
    void anAccountsKeysListInPagesEachOnceAndNoOtherAccounts(Stores on) {
        List<String> created = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            ApiKey key = key(account, "Key " + i);
            on.keys().create(key, List.of());
            created.add(key.sid());
        }
        on.keys().create(key(Sids.random("AC"), "Another's"), List.of());
        List<List<String>> pages = Pages.walk(cursor -> on.keys().list(account, 2, cursor), ApiKey::sid, 2);
        assertEquals(3, pages.size());
        assertEquals(
                created.stream().sorted().toList(),
                Pages.all(pages).stream().sorted().toList());
        assertEquals(
                List.of(),
                on.keys().list(Sids.random("AC"), 2, Optional.empty()).items());
    }
}
