package dev.monitor.usage;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** No request may make records of centuries: a range is cut to the account's life, from its first year to today. */
class UsableRangeTest {
    private static final Instant CREATED = Instant.parse("2025-03-10T08:00:00Z");
    private static final LocalDate TODAY = LocalDate.parse("2026-11-25");

    @Test
    void aRangeReachingCenturiesAheadEndsToday() {
        assertEquals(
                Optional.of(new UsageRecords.DateRange(LocalDate.parse("2026-01-01"), TODAY)),
                UsageRecords.usable(LocalDate.parse("2026-01-01"), LocalDate.parse("9999-12-31"), CREATED, TODAY));
    }

    @Test
    void aRangeFromLongAgoStartsOnTheFirstDayOfTheYearTheAccountWasCreated() {
        assertEquals(
                Optional.of(new UsageRecords.DateRange(LocalDate.parse("2025-01-01"), LocalDate.parse("2025-06-30"))),
                UsageRecords.usable(LocalDate.parse("1000-01-01"), LocalDate.parse("2025-06-30"), CREATED, TODAY));
    }

    @Test
    void aRangeWhollyBeforeTheAccountOrAfterTodayHoldsNothing() {
        assertEquals(
                Optional.empty(),
                UsageRecords.usable(LocalDate.parse("2000-01-01"), LocalDate.parse("2000-12-31"), CREATED, TODAY));
        assertEquals(
                Optional.empty(),
                UsageRecords.usable(LocalDate.parse("2030-01-01"), LocalDate.parse("2030-12-31"), CREATED, TODAY));
    }
}
