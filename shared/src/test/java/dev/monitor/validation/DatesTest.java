package dev.monitor.validation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class DatesTest {
    @Test
    void aDayStartsAtMidnightAndEndsAtItsLastMillisecond() {
        assertEquals(Optional.of(Instant.parse("2024-02-29T00:00:00Z")), Dates.filterBound("2024-02-29", false));
        assertEquals(Optional.of(Instant.parse("2024-02-29T23:59:59.999Z")), Dates.filterBound("2024-02-29", true));
    }

    @Test
    void aDateTimeBoundIsExact() {
        assertEquals(
                Optional.of(Instant.parse("2024-05-01T10:20:30Z")), Dates.filterBound("2024-05-01T10:20:30Z", true));
        assertEquals(
                Optional.of(Instant.parse("2024-05-01T10:20:30Z")), Dates.filterBound("2024-05-01T10:20:30", false));
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "2024-02-30",
                "2024-13-01",
                "20240101",
                "2024-05-01T10:20",
                "2024-05-01T10:20:30+01:00",
                "2024-05-01 10:20:30Z",
                "yesterday",
                ""
            })
    void refusesOtherFilterForms(String text) {
        assertTrue(Dates.filterBound(text, false).isEmpty(), text);
    }

    @Test
    void bodyDatesTakeAnyOffset() {
        assertEquals(
                Optional.of(Instant.parse("2024-05-01T09:20:30Z")), Dates.isoDateTime("2024-05-01T10:20:30+01:00"));
        assertTrue(Dates.isoDateTime("2024-05-01").isEmpty());
    }
}
