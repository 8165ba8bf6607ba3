package dev.monitor.contract;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.monitor.crypto.Secrets;
import dev.monitor.dynamo.idempotency.DynamoIdempotencyStore;
import dev.monitor.idempotency.IdempotencyRecord;
import dev.monitor.idempotency.IdempotencyStore;
import dev.monitor.testing.InMemoryStores;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** What every {@link IdempotencyStore} does, on DynamoDB Local and in memory alike. */
class IdempotencyStoreContractTest {
    private static final Instant NOW = Instant.parse("2026-11-25T12:00:00Z");

    record Stores(String name, IdempotencyStore store) {
        @Override
        public String toString() {
            return name;
        }
    }

    static List<Stores> implementations() {
        return List.of(
                new Stores("DynamoDB Local", new DynamoIdempotencyStore(StackTable.dynamo(), StackTable.NAME)),
                new Stores("in memory", new InMemoryStores.Idempotency()));
    }

    private final String scope = "alerts:" + Secrets.randomHex(8);

    private IdempotencyRecord record(String key, String fingerprint, Instant receivedAt) {
        return new IdempotencyRecord(
                scope, Secrets.sha256Hex(key), fingerprint, receivedAt, Secrets.randomBytes(32), "kept:0,1");
    }

    private static void assertSameRecord(IdempotencyRecord expected, IdempotencyRecord actual) {
        assertEquals(expected.scope(), actual.scope());
        assertEquals(expected.keySha256(), actual.keySha256());
        assertEquals(expected.fingerprint(), actual.fingerprint());
        assertEquals(expected.receivedAt(), actual.receivedAt());
        assertArrayEquals(expected.seed(), actual.seed());
        assertEquals(expected.outcome(), actual.outcome());
    }

    @ContractTest
    void aFirstClaimKeepsTheRecordWhichIsFoundAsItWasGiven(Stores on) {
        IdempotencyRecord first = record("k1", "body-a", NOW);
        assertSameRecord(first, on.store().claim(first));
        assertSameRecord(first, on.store().find(scope, first.keySha256()).orElseThrow());
        assertEquals(Optional.empty(), on.store().find(scope, Secrets.sha256Hex("k2")));
    }

    @ContractTest
    void aLaterClaimOfTheSameKeyAnswersTheFirstRecordAndKeepsIt(Stores on) {
        IdempotencyRecord first = record("k1", "body-a", NOW);
        on.store().claim(first);
        IdempotencyRecord again = record("k1", "body-b", NOW.plus(Duration.ofHours(23)));
        assertSameRecord(first, on.store().claim(again));
        assertSameRecord(first, on.store().find(scope, first.keySha256()).orElseThrow());
    }

    @ContractTest
    void keysAndScopesAreApart(Stores on) {
        IdempotencyRecord first = record("k1", "body-a", NOW);
        on.store().claim(first);
        IdempotencyRecord otherKey = record("k2", "body-b", NOW);
        assertSameRecord(otherKey, on.store().claim(otherKey));
        IdempotencyRecord otherScope =
                new IdempotencyRecord(scope + "-other", first.keySha256(), "body-c", NOW, Secrets.randomBytes(32), "");
        assertSameRecord(otherScope, on.store().claim(otherScope));
        assertSameRecord(first, on.store().find(scope, first.keySha256()).orElseThrow());
    }

    @ContractTest
    void aRecordIsHeldForADayAndAClaimAfterThatReplacesIt(Stores on) {
        IdempotencyRecord first = record("k1", "body-a", NOW);
        on.store().claim(first);
        assertSameRecord(first, on.store().claim(record("k1", "body-b", NOW.plus(Duration.ofHours(24)))));
        IdempotencyRecord later =
                record("k1", "body-c", NOW.plus(Duration.ofHours(24)).plusSeconds(1));
        assertSameRecord(later, on.store().claim(later));
        assertSameRecord(later, on.store().find(scope, first.keySha256()).orElseThrow());
    }
}
