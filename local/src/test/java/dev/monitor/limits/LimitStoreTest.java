package dev.monitor.limits;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.monitor.aws.AwsClients;
import dev.monitor.config.AwsSettings;
import dev.monitor.config.Environment;
import dev.monitor.dynamo.limits.DynamoLimitStore;
import dev.monitor.ids.Sids;
import dev.monitor.limits.LimitStore.Admission;
import dev.monitor.testing.RunningStack;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The shared count of each family's requests, on DynamoDB Local: its rate per second and its requests in flight. */
class LimitStoreTest {
    private static final AccountLimits LIMITS = new AccountLimits(3, 2, 150);
    private static final Instant NOW = Instant.parse("2026-12-07T10:00:00.250Z");

    private final LimitStore store = new DynamoLimitStore(
            new AwsClients(AwsSettings.from(Environment.of(RunningStack.get().awsEnvironment()))).dynamoDb(),
            "MonitorTable");
    private final String family = Sids.random("AC");

    private Admission admit(String request, Instant at) {
        return store.admit(family, request, at, at.plusSeconds(30), LIMITS);
    }

    @Test
    void aFamilyGetsItsRequestsOfASecondAndNoMoreUntilTheNext() {
        for (int i = 0; i < 3; i++) {
            assertEquals(Admission.ADMITTED, admit("r" + i, NOW.plusMillis(i)));
            store.release(family, "r" + i);
        }
        assertEquals(Admission.OVER_RATE, admit("r3", NOW.plusMillis(500)));
        assertEquals(Admission.ADMITTED, admit("r4", NOW.plusSeconds(1)));
        // Other families count apart.
        assertEquals(
                Admission.ADMITTED,
                store.admit(Sids.random("AC"), "r5", NOW.plusMillis(600), NOW.plusSeconds(30), LIMITS));
    }

    @Test
    void aFamilyHasItsRequestsInFlightAndOneMoreOnceOneEnds() {
        assertEquals(Admission.ADMITTED, admit("a", NOW));
        assertEquals(Admission.ADMITTED, admit("b", NOW.plusSeconds(1)));
        assertEquals(Admission.OVER_CONCURRENCY, admit("c", NOW.plusSeconds(2)));
        store.release(family, "a");
        assertEquals(Admission.ADMITTED, admit("c", NOW.plusSeconds(3)));
    }

    @Test
    void aRequestNeverReleasedStopsCountingWhenItsLeaseRunsOut() {
        assertEquals(Admission.ADMITTED, admit("lost", NOW));
        assertEquals(Admission.ADMITTED, admit("held", NOW.plusSeconds(20)));
        assertEquals(Admission.OVER_CONCURRENCY, admit("next", NOW.plusSeconds(29)));
        // "lost"'s instance stopped without releasing it: after its 30 s, it is cleared to make room.
        assertEquals(Admission.ADMITTED, admit("next", NOW.plusSeconds(31)));
        assertEquals(Admission.OVER_CONCURRENCY, admit("another", NOW.plusSeconds(32)));
    }

    @Test
    void aFamilysRecordsOfASecondStopAtItsLimitAndStartAgainWithTheNext() {
        assertEquals(true, store.admitRecords(family, NOW, 100, LIMITS));
        assertEquals(false, store.admitRecords(family, NOW.plusMillis(10), 51, LIMITS), "151 of 150");
        assertEquals(true, store.admitRecords(family, NOW.plusMillis(20), 50, LIMITS));
        assertEquals(false, store.admitRecords(family, NOW.plusMillis(30), 1, LIMITS));
        assertEquals(true, store.admitRecords(family, NOW.plusSeconds(1), 100, LIMITS));
    }
}
