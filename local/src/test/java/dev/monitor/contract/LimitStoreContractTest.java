package dev.monitor.contract;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.monitor.aws.AwsClients;
import dev.monitor.config.AwsSettings;
import dev.monitor.config.Environment;
import dev.monitor.dynamo.limits.DynamoLimitStore;
import dev.monitor.ids.Sids;
import dev.monitor.limits.AccountLimits;
import dev.monitor.limits.LimitStore;
import dev.monitor.limits.LimitStore.Admission;
import dev.monitor.testing.InMemoryStores;
import dev.monitor.testing.RunningStack;
import java.time.Instant;
import java.util.List;

/**
 * What every {@link LimitStore} does, on DynamoDB Local and in memory alike: the shared count of each family's
 * requests, its rate per second and its requests in flight.
 */
class LimitStoreContractTest {
    private static final AccountLimits LIMITS = new AccountLimits(3, 2, 150);
    private static final Instant NOW = Instant.parse("2026-12-07T10:00:00.250Z");

    record Stores(String name, LimitStore limits) {
        @Override
        public String toString() {
            return name;
        }
    }

    static List<Stores> implementations() {
        return List.of(
                new Stores(
                        "DynamoDB Local",
                        new DynamoLimitStore(
                                new AwsClients(AwsSettings.from(Environment.of(
                                                RunningStack.get().awsEnvironment())))
                                        .dynamoDb(),
                                StackTable.NAME)),
                new Stores("in memory", new InMemoryStores.Limits()));
    }

    private final String family = Sids.random("AC");

    private Admission admit(Stores on, String request, Instant at) {
        return on.limits().admit(family, request, at, at.plusSeconds(30), LIMITS);
    }

    @ContractTest
    void aFamilyGetsItsRequestsOfASecondAndNoMoreUntilTheNext(Stores on) {
        for (int i = 0; i < 3; i++) {
            assertEquals(Admission.ADMITTED, admit(on, "r" + i, NOW.plusMillis(i)));
            on.limits().release(family, "r" + i);
        }
        assertEquals(Admission.OVER_RATE, admit(on, "r3", NOW.plusMillis(500)));
        assertEquals(Admission.ADMITTED, admit(on, "r4", NOW.plusSeconds(1)));
        // Other families count apart.
        assertEquals(
                Admission.ADMITTED,
                on.limits().admit(Sids.random("AC"), "r5", NOW.plusMillis(600), NOW.plusSeconds(30), LIMITS));
    }

    @ContractTest
    void aFamilyHasItsRequestsInFlightAndOneMoreOnceOneEnds(Stores on) {
        assertEquals(Admission.ADMITTED, admit(on, "a", NOW));
        assertEquals(Admission.ADMITTED, admit(on, "b", NOW.plusSeconds(1)));
        assertEquals(Admission.OVER_CONCURRENCY, admit(on, "c", NOW.plusSeconds(2)));
        on.limits().release(family, "a");
        assertEquals(Admission.ADMITTED, admit(on, "c", NOW.plusSeconds(3)));
    }

    @ContractTest
    void aRequestNeverReleasedStopsCountingWhenItsLeaseRunsOut(Stores on) {
        assertEquals(Admission.ADMITTED, admit(on, "lost", NOW));
        assertEquals(Admission.ADMITTED, admit(on, "held", NOW.plusSeconds(20)));
        assertEquals(Admission.OVER_CONCURRENCY, admit(on, "next", NOW.plusSeconds(29)));
        // "lost"'s instance stopped without releasing it: after its 30 s, it is cleared to make room.
        assertEquals(Admission.ADMITTED, admit(on, "next", NOW.plusSeconds(31)));
        assertEquals(Admission.OVER_CONCURRENCY, admit(on, "another", NOW.plusSeconds(32)));
    }

    @ContractTest
    void aFamilysRecordsOfASecondStopAtItsLimitAndStartAgainWithTheNext(Stores on) {
        assertEquals(true, on.limits().admitRecords(family, NOW, 100, LIMITS));
        assertEquals(false, on.limits().admitRecords(family, NOW.plusMillis(10), 51, LIMITS), "151 of 150");
        assertEquals(true, on.limits().admitRecords(family, NOW.plusMillis(20), 50, LIMITS));
        assertEquals(false, on.limits().admitRecords(family, NOW.plusMillis(30), 1, LIMITS));
        assertEquals(true, on.limits().admitRecords(family, NOW.plusSeconds(1), 100, LIMITS));
    }
}
