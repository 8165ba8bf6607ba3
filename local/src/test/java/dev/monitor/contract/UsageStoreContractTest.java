package dev.monitor.contract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.monitor.dynamo.usage.DynamoUsageStore;
import dev.monitor.ids.Sids;
import dev.monitor.testing.InMemoryStores;
import dev.monitor.testing.RunningStack;
import dev.monitor.usage.Counts;
import dev.monitor.usage.Pricing;
import dev.monitor.usage.UsageOwner;
import dev.monitor.usage.UsageStore;
import dev.monitor.usage.UsageStore.MeteredChange;
import dev.monitor.usage.UsageStore.MeteredReads;
import dev.monitor.usage.UsageStore.SequencedCounts;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.parallel.ResourceLock;

/** What every {@link UsageStore} does, on DynamoDB Local and in memory alike: usage counters, each record once. */
class UsageStoreContractTest {
    private static final Instant NOW = Instant.parse("2026-11-25T12:00:30Z");
    private static final LocalDate DAY = LocalDate.of(2026, 11, 25);
    private static final Pricing PRICING = new Pricing(100, new BigDecimal("0.01"));

    record Stores(String name, UsageStore usage) {
        @Override
        public String toString() {
            return name;
        }
    }

    static List<Stores> implementations() {
        return List.of(
                new Stores("DynamoDB Local", new DynamoUsageStore(StackTable.dynamo(), StackTable.NAME)),
                new Stores("in memory", new InMemoryStores.Usage()));
    }

    private final String main = Sids.random("AC");
    private final String sub = Sids.random("AC");
    private long sequence;

    /** {@code count} records written from {@code source}, each of one write and one more record held. */
    private List<SequencedCounts> written(int count) {
        List<SequencedCounts> records = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            records.add(new SequencedCounts(BigInteger.valueOf(++sequence), new Counts(1, 0, 1)));
        }
        return records;
    }

    private static MeteredChange change(
            String account, String mainAccount, LocalDate day, String source, List<SequencedCounts> records) {
        return new MeteredChange(account, mainAccount, day, source, records);
    }

    @ContractTest
    void meteredRecordsCountOnceInTheAccountsDayAndMonthAndItsFamilys(Stores on) {
        List<SequencedCounts> batch = written(3);
        String source = "EV#" + main + "#0";
        on.usage().applyOnce(List.of(change(main, main, DAY, source, batch)), PRICING, NOW);
        on.usage().applyOnce(List.of(change(main, main, DAY, source, batch)), PRICING, NOW);
        on.usage().applyOnce(List.of(change(main, main, DAY, source, batch.subList(1, 3))), PRICING, NOW);
        on.usage()
                .applyOnce(List.of(change(sub, main, DAY.minusDays(1), "EV#" + sub + "#1", written(2))), PRICING, NOW);

        assertEquals(Map.of(DAY, new Counts(3, 0, 3)), on.usage().days(UsageOwner.account(main), DAY, DAY));
        assertEquals(
                Map.of(YearMonth.of(2026, 11), new Counts(3, 0, 3)), on.usage().months(UsageOwner.account(main)));
        assertEquals(
                Map.of(DAY.minusDays(1), new Counts(2, 0, 2), DAY, new Counts(3, 0, 3)),
                on.usage().days(UsageOwner.family(main), DAY.minusDays(7), DAY));
        assertEquals(
                Map.of(YearMonth.of(2026, 11), new Counts(5, 0, 5)), on.usage().months(UsageOwner.family(main)));
        assertEquals(Map.of(), on.usage().days(UsageOwner.account(sub), DAY, DAY), "a day without counts is absent");
    }

    @ContractTest
    void eachSourceHasItsOwnSequenceAndARecordBelowItsLastIsNotAppliedAgain(Stores on) {
        List<SequencedCounts> first = written(2);
        List<SequencedCounts> second = written(2);
        on.usage().applyOnce(List.of(change(main, main, DAY, "EV#" + main + "#0", second)), PRICING, NOW);
        on.usage().applyOnce(List.of(change(main, main, DAY, "EV#" + main + "#0", first)), PRICING, NOW);
        assertEquals(
                2, on.usage().days(UsageOwner.account(main), DAY, DAY).get(DAY).writes());
        on.usage().applyOnce(List.of(change(main, main, DAY, "NO#" + main + "#2", first)), PRICING, NOW);
        assertEquals(
                4, on.usage().days(UsageOwner.account(main), DAY, DAY).get(DAY).writes());
        // Removed records are held no more.
        on.usage()
                .applyOnce(
                        List.of(change(
                                main,
                                main,
                                DAY,
                                "EV#" + main + "#0",
                                List.of(new SequencedCounts(BigInteger.valueOf(++sequence), new Counts(0, 0, -1))))),
                        PRICING,
                        NOW);
        assertEquals(
                new Counts(4, 0, 3),
                on.usage().days(UsageOwner.account(main), DAY, DAY).get(DAY));
    }

    @ContractTest
    void aFamilyIsBilledForEachAccountsWritesBeyondItsOwnFreeAllowanceOfTheMonth(Stores on) {
        on.usage().applyOnce(List.of(change(main, main, DAY, "EV#" + main + "#0", written(90))), PRICING, NOW);
        on.usage().applyOnce(List.of(change(main, main, DAY, "EV#" + main + "#1", written(20))), PRICING, NOW);
        on.usage().applyOnce(List.of(change(sub, main, DAY, "EV#" + sub + "#0", written(130))), PRICING, NOW);
        Counts family = on.usage().months(UsageOwner.family(main)).get(YearMonth.of(2026, 11));
        assertEquals(240, family.writes());
        assertEquals(10 + 30, family.billedWrites());
        assertEquals(
                0,
                on.usage()
                        .months(UsageOwner.account(main))
                        .get(YearMonth.of(2026, 11))
                        .billedWrites());
    }

    @ContractTest
    void readsAreAddedToTheAccountAndItsFamily(Stores on) {
        on.usage().addReads(List.of(new MeteredReads(main, main, DAY, 40), new MeteredReads(sub, main, DAY, 2)), NOW);
        on.usage().addReads(List.of(new MeteredReads(sub, main, DAY, 3)), NOW);
        assertEquals(Map.of(DAY, new Counts(0, 40, 0)), on.usage().days(UsageOwner.account(main), DAY, DAY));
        assertEquals(
                Map.of(YearMonth.of(2026, 11), new Counts(0, 5, 0)), on.usage().months(UsageOwner.account(sub)));
        assertEquals(Map.of(DAY, new Counts(0, 45, 0)), on.usage().days(UsageOwner.family(main), DAY, DAY));
    }

    @ContractTest
    void anAccountWhoseCountersChangedIsLoggedForTheMinuteOfTheChange(Stores on) {
        long minute = NOW.getEpochSecond() / 60;
        on.usage().applyOnce(List.of(change(main, main, DAY, "EV#" + main + "#0", written(1))), PRICING, NOW);
        on.usage().addReads(List.of(new MeteredReads(sub, main, DAY, 1)), NOW.plusSeconds(60));
        assertTrue(on.usage().changedDuring(minute).contains(main));
        assertFalse(on.usage().changedDuring(minute).contains(sub));
        assertTrue(on.usage().changedDuring(minute + 1).contains(sub));
        assertFalse(on.usage().changedDuring(minute - 1).contains(main));
    }

    /** The checkpoint is the stack's own, which its usage check moves on each minute: it is only moved as that does. */
    @ContractTest
    @ResourceLock(RunningStack.ALL_ACCOUNTS)
    void theCheckpointMovesForwardAndNeverBack(Stores on) {
        long lastMinute = Instant.now().getEpochSecond() / 60 - 1;
        long later = Math.max(on.usage().lastCheckedMinute().orElse(0L), lastMinute);
        on.usage().checkedThrough(later);
        assertTrue(on.usage().lastCheckedMinute().orElseThrow() >= later);
        on.usage().checkedThrough(later - 5);
        assertTrue(on.usage().lastCheckedMinute().orElseThrow() >= later, "never back");
    }
}
