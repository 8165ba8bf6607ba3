package dev.monitor.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.ZonedDateTime;
import org.junit.jupiter.api.Test;

class ScheduleExpressionTest {
    @Test
    void readsRates() {
        assertEquals(new ScheduleExpression.Rate(Duration.ofMinutes(1)), ScheduleExpression.parse("rate(1 minute)"));
        assertEquals(new ScheduleExpression.Rate(Duration.ofMinutes(5)), ScheduleExpression.parse("rate(5 minutes)"));
        assertEquals(new ScheduleExpression.Rate(Duration.ofHours(2)), ScheduleExpression.parse("rate(2 hours)"));
        assertEquals(new ScheduleExpression.Rate(Duration.ofDays(1)), ScheduleExpression.parse("rate(1 day)"));
    }

    @Test
    void matchesCronMinutesInUtc() {
        ScheduleExpression.Cron everyQuarterOnWeekdays =
                (ScheduleExpression.Cron) ScheduleExpression.parse("cron(0/15 9-17 ? * MON-FRI *)");
        assertTrue(everyQuarterOnWeekdays.matches(ZonedDateTime.parse("2025-03-03T09:45:00Z")), "a Monday");
        assertFalse(everyQuarterOnWeekdays.matches(ZonedDateTime.parse("2025-03-03T09:46:00Z")));
        assertFalse(everyQuarterOnWeekdays.matches(ZonedDateTime.parse("2025-03-03T18:00:00Z")));
        assertFalse(everyQuarterOnWeekdays.matches(ZonedDateTime.parse("2025-03-02T10:00:00Z")), "a Sunday");

        ScheduleExpression.Cron firstOfMonth =
                (ScheduleExpression.Cron) ScheduleExpression.parse("cron(30 0 1 JAN,JUL ? 2025)");
        assertTrue(firstOfMonth.matches(ZonedDateTime.parse("2025-07-01T00:30:00Z")));
        assertFalse(firstOfMonth.matches(ZonedDateTime.parse("2025-08-01T00:30:00Z")));
        assertFalse(firstOfMonth.matches(ZonedDateTime.parse("2026-01-01T00:30:00Z")));
    }

    @Test
    void rejectsWhatItCannotRun() {
        assertThrows(IllegalArgumentException.class, () -> ScheduleExpression.parse("rate(1 week)"));
        assertThrows(IllegalArgumentException.class, () -> ScheduleExpression.parse("cron(0 12 L * ? *)"));
        assertThrows(IllegalArgumentException.class, () -> ScheduleExpression.parse("cron(0 12 * * ?)"));
        assertThrows(IllegalArgumentException.class, () -> ScheduleExpression.parse("cron(61 * * * ? *)"));
    }
}
