package dev.monitor.usage;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.Map;
import org.junit.jupiter.api.Test;

class UsageLedgerTest {
    private static final Pricing PRICING = new Pricing(5_000, new BigDecimal("0.01"));
    private static final LocalDate TODAY = LocalDate.of(2030, 3, 15);

    /**
     * January: 6,000 events (1,000 paid); February: 4,000 (none paid); March so far: 5,200 (200 paid), 300 of them on
     * the 14th.
     */
    private static final UsageLedger LEDGER = new UsageLedger(
            TODAY,
            Map.of(
                    YearMonth.of(2030, 1),
                    new Counts(6_000, 10, 6_000),
                    YearMonth.of(2030, 2),
                    new Counts(4_000, 20, -1_000),
                    YearMonth.of(2030, 3),
                    new Counts(5_200, 30, 100)),
            Map.of(
                    LocalDate.of(2030, 3, 1),
                    new Counts(4_900, 5, 40),
                    LocalDate.of(2030, 3, 14),
                    new Counts(300, 25, 60)),
            PRICING);

    @Test
    void theFreeAllowanceAppliesPerMonth() {
        assertEquals(
                0,
                new BigDecimal("10.00")
                        .compareTo(LEDGER.measure(
                                        UsageCategory.MONITOR_WRITES,
                                        LocalDate.of(2030, 1, 1),
                                        LocalDate.of(2030, 1, 31))
                                .price()));
        assertEquals(
                0,
                BigDecimal.ZERO.compareTo(
                        LEDGER.measure(UsageCategory.TOTAL_PRICE, LocalDate.of(2030, 2, 1), LocalDate.of(2030, 2, 28))
                                .price()));
        assertEquals(
                0,
                new BigDecimal("12.00")
                        .compareTo(LEDGER.measure(UsageCategory.TOTAL_PRICE, LocalDate.of(2030, 1, 1), TODAY)
                                .count()));
    }

    @Test
    void aDayPaysOnlyForItsEventsBeyondTheMonthsAllowance() {
        // 4,900 by the 1st, 5,200 by the 14th: of the 14th's 300 events, 200 are beyond 5,000.
        Measure fourteenth =
                LEDGER.measure(UsageCategory.MONITOR_WRITES, LocalDate.of(2030, 3, 14), LocalDate.of(2030, 3, 14));
        assertEquals(0, new BigDecimal("300").compareTo(fourteenth.count()));
        assertEquals(0, new BigDecimal("2.00").compareTo(fourteenth.price()));
        assertEquals(
                0,
                BigDecimal.ZERO.compareTo(
                        LEDGER.measure(UsageCategory.MONITOR_WRITES, LocalDate.of(2030, 3, 1), LocalDate.of(2030, 3, 1))
                                .price()));
    }

    @Test
    void storageIsWhatIsHeldAtTheEndOfTheRange() {
        assertEquals(
                0,
                new BigDecimal("6000")
                        .compareTo(LEDGER.measure(
                                        UsageCategory.MONITOR_STORAGE,
                                        LocalDate.of(2030, 1, 1),
                                        LocalDate.of(2030, 1, 31))
                                .count()));
        assertEquals(
                0,
                new BigDecimal("5040")
                        .compareTo(LEDGER.measure(
                                        UsageCategory.MONITOR_STORAGE,
                                        LocalDate.of(2030, 3, 1),
                                        LocalDate.of(2030, 3, 2))
                                .count()));
        assertEquals(
                0,
                new BigDecimal("5100")
                        .compareTo(LEDGER.measure(UsageCategory.MONITOR_STORAGE, UsageLedger.BEGINNING, TODAY)
                                .usage()));
    }

    @Test
    void rangesAddWholeMonthsAndTheDaysOfPartialOnes() {
        assertEquals(
                0,
                new BigDecimal("60")
                        .compareTo(LEDGER.measure(UsageCategory.MONITOR_READS, UsageLedger.BEGINNING, TODAY)
                                .count()));
        assertEquals(
                0,
                new BigDecimal("50")
                        .compareTo(LEDGER.measure(
                                        UsageCategory.MONITOR_READS,
                                        LocalDate.of(2030, 2, 1),
                                        LocalDate.of(2030, 3, 14))
                                .count()));
        assertEquals(
                0,
                new BigDecimal("5200")
                        .compareTo(LEDGER.measure(
                                        UsageCategory.MONITOR_WRITES, Recurring.MONTHLY.periodStart(TODAY), TODAY)
                                .usage()));
        assertEquals(
                0,
                new BigDecimal("15200")
                        .compareTo(
                                LEDGER.measure(UsageCategory.MONITOR_WRITES, Recurring.YEARLY.periodStart(TODAY), TODAY)
                                        .usage()));
    }

    @Test
    void eachRecurringPeriodHasItsOwnName() {
        assertEquals("2030-03-15", Recurring.DAILY.periodKey(TODAY));
        assertEquals("2030-03", Recurring.MONTHLY.periodKey(TODAY));
        assertEquals("2030", Recurring.YEARLY.periodKey(TODAY));
        assertEquals("alltime", Recurring.ALLTIME.periodKey(TODAY));
        assertEquals(LocalDate.of(2030, 1, 1), Recurring.YEARLY.periodStart(TODAY));
    }
}
