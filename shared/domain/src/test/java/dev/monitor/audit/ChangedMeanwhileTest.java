package dev.monitor.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.monitor.errors.DomainException;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** A change that lost a race is read and made again; a storm of them ends in a conflict, not a loop. */
class ChangedMeanwhileTest {
    private static final Instant AT = Instant.parse("2026-12-08T01:00:00Z");

    @Test
    void aChangeIsMadeAgainUntilNoOtherCameFirst() {
        AtomicInteger attempts = new AtomicInteger();
        String made = ChangedMeanwhile.retry(() -> {
            if (attempts.incrementAndGet() < 3) {
                throw new ChangedMeanwhile();
            }
            return "made";
        });
        assertEquals("made", made);
        assertEquals(3, attempts.get());
    }

    @Test
    void aChangeThatKeepsLosingIsAConflict() {
        AtomicInteger attempts = new AtomicInteger();
        assertThrows(
                DomainException.Conflict.class,
                () -> ChangedMeanwhile.retry(() -> {
                    attempts.incrementAndGet();
                    throw new ChangedMeanwhile();
                }));
        assertEquals(6, attempts.get());
    }

    @Test
    void aDateUpdatedIsAfterTheOneItReplacesEvenInTheSameMillisecond() {
        assertEquals(AT.plusMillis(1), ChangedMeanwhile.dateUpdated(AT, AT));
        assertEquals(AT.plusMillis(1), ChangedMeanwhile.dateUpdated(AT, AT.minusSeconds(5)));
        assertEquals(AT.plusSeconds(1), ChangedMeanwhile.dateUpdated(AT, AT.plusSeconds(1)));
    }
}
