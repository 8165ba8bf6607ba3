package dev.monitor.alarms;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class WindowsTest {
    private static final Instant AT = Instant.parse("2024-02-29T13:07:42Z");

    @Test
    void windowsAreAlignedToUtc() {
        assertEquals(
                new Window("FIVE_MINS", Instant.parse("2024-02-29T13:05:00Z"), Instant.parse("2024-02-29T13:10:00Z")),
                TimeWindow.FIVE_MINS.windowOf(AT));
        assertEquals(
                Instant.parse("2024-02-29T13:00:00Z"),
                TimeWindow.FIFTEEN_MINS.windowOf(AT).start());
        assertEquals(
                Instant.parse("2024-02-29T12:00:00Z"),
                TimeWindow.TWELVE_HOURS.windowOf(AT).start());
        assertEquals(
                Instant.parse("2024-03-01T00:00:00Z"),
                TimeWindow.ONE_DAY.windowOf(AT).end());
        assertEquals(
                TimeWindow.FIVE_MINS.windowOf(Instant.parse("2024-02-29T13:05:00Z")),
                TimeWindow.FIVE_MINS.windowOf(AT));
    }

    @Test
    void calendarPeriodsAreGmtDaysMonthsAndYears() {
        assertEquals(
                new Window("daily", Instant.parse("2024-02-29T00:00:00Z"), Instant.parse("2024-03-01T00:00:00Z")),
                TimePeriod.DAILY.windowOf(AT));
        assertEquals(
                new Window("monthly", Instant.parse("2024-02-01T00:00:00Z"), Instant.parse("2024-03-01T00:00:00Z")),
                TimePeriod.MONTHLY.windowOf(AT));
        assertEquals(
                new Window("yearly", Instant.parse("2024-01-01T00:00:00Z"), Instant.parse("2025-01-01T00:00:00Z")),
                TimePeriod.YEARLY.windowOf(AT));
    }
}
