package dev.monitor.notifier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RetryScheduleTest {
    private static final RetrySchedule SCHEDULE = RetrySchedule.DEFAULT;

    @Test
    void theDefaultMakesAtLeastEightAttemptsOverMoreThanADayEvenWithEveryWaitShort() {
        assertTrue(SCHEDULE.attempts() >= 8);
        Duration shortest = Duration.ZERO;
        Duration longest = Duration.ZERO;
        for (int attempt = 1; attempt < SCHEDULE.attempts(); attempt++) {
            shortest = shortest.plus(
                    SCHEDULE.waitAfter(attempt, Optional.empty(), () -> 0.0).orElseThrow());
            longest = longest.plus(SCHEDULE.waitAfter(attempt, Optional.empty(), () -> 0.999_999)
                    .orElseThrow());
        }
        assertTrue(shortest.compareTo(Duration.ofHours(24)) > 0, "shortest span " + shortest);
        assertTrue(longest.compareTo(Duration.ofDays(2)) < 0, "longest span " + longest);
    }

    @Test
    void waitsVaryByTwentyPercentEitherWay() {
        assertEquals(
                Duration.ofSeconds(4),
                SCHEDULE.waitAfter(1, Optional.empty(), () -> 0.0).orElseThrow());
        assertEquals(
                Duration.ofSeconds(5),
                SCHEDULE.waitAfter(1, Optional.empty(), () -> 0.5).orElseThrow());
        assertEquals(
                Duration.ofMinutes(6),
                SCHEDULE.waitAfter(2, Optional.empty(), () -> 1.0).orElseThrow());
    }

    @Test
    void afterTheLastAttemptThereIsNoWait() {
        assertEquals(Optional.empty(), SCHEDULE.waitAfter(SCHEDULE.attempts(), Optional.empty(), () -> 0.5));
    }

    @Test
    void retryAfterLengthensAWaitUpToTwelveHoursButNeverShortensIt() {
        assertEquals(
                Duration.ofMinutes(10),
                SCHEDULE.waitAfter(1, Optional.of(Duration.ofMinutes(10)), () -> 0.5)
                        .orElseThrow());
        assertEquals(
                Duration.ofHours(12),
                SCHEDULE.waitAfter(1, Optional.of(Duration.ofDays(3)), () -> 0.5)
                        .orElseThrow());
        assertEquals(
                Duration.ofMinutes(30),
                SCHEDULE.waitAfter(3, Optional.of(Duration.ofSeconds(1)), () -> 0.5)
                        .orElseThrow());
    }

    @Test
    void noWaitExceedsWhatSqsCanHideAMessageFor() {
        assertEquals(
                Duration.ofHours(12),
                RetrySchedule.parse("0s,12h")
                        .waitAfter(1, Optional.empty(), () -> 1.0)
                        .orElseThrow());
        assertThrows(IllegalArgumentException.class, () -> RetrySchedule.parse("0s,13h"));
    }

    @Test
    void aScheduleIsWholeSecondsMinutesOrHours() {
        assertEquals(3, RetrySchedule.parse("0s, 1s ,1m").attempts());
        assertThrows(IllegalArgumentException.class, () -> RetrySchedule.parse("0s,1d"));
        assertThrows(IllegalArgumentException.class, () -> RetrySchedule.parse("soon"));
        assertThrows(IllegalArgumentException.class, () -> RetrySchedule.parse(""));
    }
}
