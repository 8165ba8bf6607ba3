package dev.monitor.contract;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.monitor.audit.AuditEvent;
import dev.monitor.audit.MonitorEventTypes;
import dev.monitor.crypto.Secrets;
import dev.monitor.dynamo.events.DynamoEventStore;
import dev.monitor.dynamo.notify.DynamoSigningSecretStore;
import dev.monitor.events.EventStore;
import dev.monitor.ids.Sids;
import dev.monitor.notify.SigningSecretStore;
import dev.monitor.notify.SigningSecretStore.Sealed;
import dev.monitor.notify.SigningSecretStore.SealedReplaced;
import dev.monitor.testing.InMemoryStores;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** What every {@link SigningSecretStore} does, on DynamoDB Local and in memory alike. */
class SigningSecretStoreContractTest {
    private static final Instant NOW = Instant.parse("2026-11-25T12:00:00Z");

    /** The secrets, and the events their rotations write. */
    record Stores(String name, SigningSecretStore secrets, EventStore events) {
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
                        new DynamoSigningSecretStore(StackTable.dynamo(), StackTable.NAME),
                        new DynamoEventStore(StackTable.dynamo(), StackTable.NAME)),
                new Stores("in memory", new InMemoryStores.SigningSecrets(log), log));
    }

    private final String account = Sids.random("AC");

    private static Sealed first() {
        return new Sealed(Secrets.randomBytes(60), List.of(), NOW, Optional.empty(), 1);
    }

    private static Sealed rotated(Sealed from, Instant at) {
        return new Sealed(
                Secrets.randomBytes(60),
                List.of(new SealedReplaced(from.secret(), at)),
                from.dateCreated(),
                Optional.of(at),
                from.version() + 1);
    }

    private static void assertSameSecrets(Sealed expected, Sealed actual) {
        assertArrayEquals(expected.secret(), actual.secret());
        assertEquals(expected.replaced().size(), actual.replaced().size());
        for (int i = 0; i < expected.replaced().size(); i++) {
            assertArrayEquals(
                    expected.replaced().get(i).secret(),
                    actual.replaced().get(i).secret());
            assertEquals(
                    expected.replaced().get(i).replacedAt(),
                    actual.replaced().get(i).replacedAt());
        }
        assertEquals(expected.dateCreated(), actual.dateCreated());
        assertEquals(expected.dateRotated(), actual.dateRotated());
        assertEquals(expected.version(), actual.version());
    }

    @ContractTest
    void anAccountsFirstSecretIsCreatedOnceAndFoundAsItWas(Stores on) {
        assertEquals(Optional.empty(), on.secrets().find(account));
        Sealed first = first();
        assertTrue(on.secrets().create(account, first));
        assertFalse(on.secrets().create(account, first()), "another first secret once one exists");
        assertSameSecrets(first, on.secrets().find(account).orElseThrow());
        assertEquals(Optional.empty(), on.secrets().find(Sids.random("AC")));
    }

    @ContractTest
    void aRotationReplacesTheVersionItWasMadeFromWithItsEventAndAStaleOneWritesNothing(Stores on) {
        Sealed first = first();
        on.secrets().create(account, first);
        Sealed second = rotated(first, NOW.plusSeconds(60));
        List<AuditEvent> rotating =
                AuditEvents.of(account, MonitorEventTypes.SIGNING_SECRET_ROTATED, account, NOW.plusSeconds(60));
        assertTrue(on.secrets().replace(account, second, rotating));
        assertSameSecrets(second, on.secrets().find(account).orElseThrow());
        assertTrue(AuditEvents.written(on.events(), rotating));

        Sealed alsoFromFirst = rotated(first, NOW.plusSeconds(61));
        List<AuditEvent> losing =
                AuditEvents.of(account, MonitorEventTypes.SIGNING_SECRET_ROTATED, account, NOW.plusSeconds(61));
        assertFalse(on.secrets().replace(account, alsoFromFirst, losing));
        assertFalse(AuditEvents.written(on.events(), losing), "the losing rotation writes no event");
        assertSameSecrets(second, on.secrets().find(account).orElseThrow());

        Sealed third = rotated(second, NOW.plusSeconds(120));
        assertTrue(on.secrets().replace(account, third, List.of()));
        assertEquals(3, on.secrets().find(account).orElseThrow().version());
    }

    @ContractTest
    void anAccountWithoutASecretHasNoneToReplace(Stores on) {
        assertFalse(on.secrets().replace(account, rotated(first(), NOW), List.of()));
        assertEquals(Optional.empty(), on.secrets().find(account));
    }
}
