package dev.monitor.contract;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.monitor.alerts.CounterBucket;
import dev.monitor.alerts.CounterGranularity;
import dev.monitor.alerts.CounterStore;
import dev.monitor.alerts.CounterStore.CounterKey;
import dev.monitor.alerts.CounterStore.CounterRun;
import dev.monitor.alerts.LogLevel;
import dev.monitor.alerts.StreamedAlert;
import dev.monitor.dynamo.alerts.DynamoCounterStore;
import dev.monitor.ids.Sids;
import dev.monitor.testing.InMemoryStores;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** What every {@link CounterStore} does, on DynamoDB Local and in memory alike: alert counters, each alert once. */
class CounterStoreContractTest {
    private static final Instant HOUR = Instant.parse("2026-11-25T12:00:00Z");

    record Stores(String name, CounterStore counters) {
        @Override
        public String toString() {
            return name;
        }
    }

    static List<Stores> implementations() {
        return List.of(
                new Stores("DynamoDB Local", new DynamoCounterStore(StackTable.dynamo(), StackTable.NAME)),
                new Stores("in memory", new InMemoryStores.Counters()));
    }

    private final String account = Sids.random("AC");
    private final String partition = "NO#" + account + "#0";

    private StreamedAlert alert(String partition, long sequence, String code, LogLevel level, Instant at) {
        return new StreamedAlert(partition, Long.toString(sequence), account, code, level, at);
    }

    private CounterStore.Increment hour(String code, LogLevel level, Instant bucket, List<StreamedAlert> alerts) {
        return new CounterStore.Increment(account, code, level, CounterGranularity.HOUR, bucket, alerts);
    }

    private long total(Stores on, String code, LogLevel level, Instant bucket) {
        return on.counters()
                .find(account, CounterGranularity.HOUR, new CounterKey(bucket, code, level))
                .map(CounterBucket::total)
                .orElse(0L);
    }

    @ContractTest
    void anIncrementCountsEachAlertPerMinuteOfItsHour(Stores on) {
        on.counters()
                .add(hour(
                        "11200",
                        LogLevel.ERROR,
                        HOUR,
                        List.of(
                                alert(partition, 1, "11200", LogLevel.ERROR, HOUR.plusSeconds(30)),
                                alert(partition, 2, "11200", LogLevel.ERROR, HOUR.plusSeconds(50)),
                                alert(partition, 3, "11200", LogLevel.ERROR, HOUR.plus(Duration.ofMinutes(59))))));
        CounterBucket bucket = on.counters()
                .find(account, CounterGranularity.HOUR, new CounterKey(HOUR, "11200", LogLevel.ERROR))
                .orElseThrow();
        assertEquals(
                new CounterBucket("11200", LogLevel.ERROR, CounterGranularity.HOUR, HOUR, 3, Map.of(0, 2L, 59, 1L)),
                bucket);
        assertEquals(2, bucket.countBetween(HOUR, HOUR.plus(Duration.ofMinutes(5))));
        assertEquals(
                Optional.empty(),
                on.counters().find(account, CounterGranularity.HOUR, new CounterKey(HOUR, "11200", LogLevel.WARNING)));
        assertEquals(
                Optional.empty(),
                on.counters()
                        .find(
                                Sids.random("AC"),
                                CounterGranularity.HOUR,
                                new CounterKey(HOUR, "11200", LogLevel.ERROR)));
    }

    @ContractTest
    void anAlertIsCountedOnceHoweverOftenItsRecordComesPerPartition(Stores on) {
        List<StreamedAlert> batch = List.of(
                alert(partition, 11, "11200", LogLevel.ERROR, HOUR.plusSeconds(1)),
                alert(partition, 12, "11200", LogLevel.ERROR, HOUR.plusSeconds(2)));
        on.counters().add(hour("11200", LogLevel.ERROR, HOUR, batch));
        on.counters().add(hour("11200", LogLevel.ERROR, HOUR, batch));
        on.counters().add(hour("11200", LogLevel.ERROR, HOUR, batch.subList(1, 2)));
        assertEquals(2, total(on, "11200", LogLevel.ERROR, HOUR));
        // A redelivery that brings one record seen and one new counts the new one.
        on.counters()
                .add(hour(
                        "11200",
                        LogLevel.ERROR,
                        HOUR,
                        List.of(batch.get(1), alert(partition, 13, "11200", LogLevel.ERROR, HOUR.plusSeconds(3)))));
        assertEquals(3, total(on, "11200", LogLevel.ERROR, HOUR));
        // Another partition's sequence numbers are its own.
        on.counters()
                .add(hour(
                        "11200",
                        LogLevel.ERROR,
                        HOUR,
                        List.of(alert("NO#" + account + "#1", 5, "11200", LogLevel.ERROR, HOUR.plusSeconds(4)))));
        assertEquals(4, total(on, "11200", LogLevel.ERROR, HOUR));
        // Below what the partition has counted is counted already: the stream keeps a partition's records in order.
        on.counters()
                .add(hour(
                        "11200",
                        LogLevel.ERROR,
                        HOUR,
                        List.of(alert(partition, 10, "11200", LogLevel.ERROR, HOUR.plusSeconds(5)))));
        assertEquals(4, total(on, "11200", LogLevel.ERROR, HOUR));
        // Sequence numbers compare as numbers, not text.
        on.counters()
                .add(hour(
                        "11200",
                        LogLevel.ERROR,
                        HOUR,
                        List.of(alert(partition, 100, "11200", LogLevel.ERROR, HOUR.plusSeconds(6)))));
        assertEquals(5, total(on, "11200", LogLevel.ERROR, HOUR));
    }

    /** Counters of three hours, two codes and two levels: twelve items, one alert each. */
    private List<CounterKey> twelve(Stores on) {
        List<CounterKey> keys = new ArrayList<>();
        long sequence = 0;
        for (int h = 0; h < 3; h++) {
            Instant bucket = HOUR.plus(Duration.ofHours(h));
            for (String code : List.of("11200", "30003")) {
                for (LogLevel level : List.of(LogLevel.ERROR, LogLevel.WARNING)) {
                    on.counters()
                            .add(hour(code, level, bucket, List.of(alert(partition, ++sequence, code, level, bucket))));
                    keys.add(new CounterKey(bucket, code, level));
                }
            }
        }
        return keys;
    }

    private static List<CounterKey> keysOf(List<CounterBucket> buckets) {
        return buckets.stream()
                .map(bucket -> new CounterKey(bucket.start(), bucket.errorCode(), bucket.logLevel()))
                .toList();
    }

    @ContractTest
    void countersReadInOrderOfHourCodeAndLevelWithinTheirBoundsAndFilters(Stores on) {
        List<CounterKey> keys = twelve(on);
        Instant last = HOUR.plus(Duration.ofHours(2));
        assertEquals(
                keys,
                keysOf(on.counters()
                        .read(account, CounterGranularity.HOUR, HOUR, last, Optional.empty(), Optional.empty(), true)));
        assertEquals(
                keys.subList(4, 8),
                keysOf(on.counters()
                        .read(
                                account,
                                CounterGranularity.HOUR,
                                HOUR.plus(Duration.ofHours(1)),
                                HOUR.plus(Duration.ofHours(1)),
                                Optional.empty(),
                                Optional.empty(),
                                false)));
        for (boolean consistent : List.of(true, false)) {
            assertEquals(
                    List.of(keys.get(2), keys.get(6), keys.get(10)),
                    keysOf(on.counters()
                            .read(
                                    account,
                                    CounterGranularity.HOUR,
                                    HOUR,
                                    last,
                                    Optional.of("30003"),
                                    Optional.of(LogLevel.ERROR),
                                    consistent)));
        }
        assertEquals(
                List.of(),
                on.counters()
                        .read(account, CounterGranularity.DAY, HOUR, last, Optional.empty(), Optional.empty(), true));
    }

    @ContractTest
    void countersPageBothWaysFromAKeyAtMostALimitAtATime(Stores on) {
        List<CounterKey> keys = twelve(on);
        Instant last = HOUR.plus(Duration.ofHours(2));
        List<CounterKey> forward = new ArrayList<>();
        Optional<CounterKey> from = Optional.empty();
        do {
            CounterRun run = on.counters()
                    .page(
                            account,
                            CounterGranularity.HOUR,
                            HOUR,
                            last,
                            Optional.empty(),
                            Optional.empty(),
                            from,
                            false,
                            5);
            forward.addAll(keysOf(run.buckets()));
            from = run.readOnFrom();
        } while (from.isPresent());
        assertEquals(keys, forward);

        CounterRun before = on.counters()
                .page(
                        account,
                        CounterGranularity.HOUR,
                        HOUR,
                        last,
                        Optional.empty(),
                        Optional.empty(),
                        Optional.of(keys.get(7)),
                        true,
                        3);
        assertEquals(List.of(keys.get(6), keys.get(5), keys.get(4)), keysOf(before.buckets()), "nearest first");
        assertEquals(Optional.of(keys.get(4)), before.readOnFrom());
        // At the start, a store may say items may remain: reading on from there finds none.
        CounterRun first = on.counters()
                .page(
                        account,
                        CounterGranularity.HOUR,
                        HOUR,
                        last,
                        Optional.empty(),
                        Optional.empty(),
                        Optional.of(keys.get(2)),
                        true,
                        5);
        assertEquals(List.of(keys.get(1), keys.get(0)), keysOf(first.buckets()));
        first.readOnFrom()
                .ifPresent(key -> assertEquals(
                        List.of(),
                        on.counters()
                                .page(
                                        account,
                                        CounterGranularity.HOUR,
                                        HOUR,
                                        last,
                                        Optional.empty(),
                                        Optional.empty(),
                                        Optional.of(key),
                                        true,
                                        5)
                                .buckets()));

        CounterRun filtered = on.counters()
                .page(
                        account,
                        CounterGranularity.HOUR,
                        HOUR,
                        last,
                        Optional.of("11200"),
                        Optional.of(LogLevel.WARNING),
                        Optional.of(keys.get(1)),
                        false,
                        5);
        assertEquals(List.of(keys.get(5), keys.get(9)), keysOf(filtered.buckets()));
        assertEquals(Optional.empty(), filtered.readOnFrom());
    }
}
