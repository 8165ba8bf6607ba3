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
    void aDateTimeToTheSecondStartsAtItAndEndsAtItsLastMillisecond() {
        assertEquals(
                Optional.of(Instant.parse("2024-05-01T10:20:30.999Z")),
                Dates.filterBound("2024-05-01T10:20:30Z", true));
        assertEquals(
                Optional.of(Instant.parse("2024-05-01T10:20:30Z")), Dates.filterBound("2024-05-01T10:20:30", false));
    }

    @Test
    void acceptsEveryFormTheApiPrintsOrPrinted() {
        assertEquals(
                Optional.of(Instant.parse("2026-11-25T14:44:29.900Z")),
                Dates.filterBound("2026-11-25T14:44:29.900Z", true));
        assertEquals(
                Optional.of(Instant.parse("2026-11-25T14:44:29.123456789Z")),
                Dates.filterBound("2026-11-25T14:44:29.123456789Z", false));
        assertEquals(
                Optional.of(Instant.parse("2024-05-01T09:20:30Z")),
                Dates.filterBound("2024-05-01T10:20:30+01:00", false));
        String printed = Dates.print(Instant.parse("2026-11-25T14:44:29.900Z"));
        assertEquals("2026-11-25T14:44:29Z", printed);
        assertTrue(Dates.filterBound(printed, true).orElseThrow().isAfter(Instant.parse("2026-11-25T14:44:29.900Z")));
    }

    @Test
    void printsWholeSecondsInUtc() {
        assertEquals("2015-07-30T20:00:00Z", Dates.print(Instant.parse("2015-07-30T20:00:00.999999Z")));
        assertEquals("2015-07-30T20:00:00Z", Dates.print(Instant.parse("2015-07-30T20:00:00Z")));
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "2024-02-30",
                "2024-13-01",
                "20240101",
                "2024-05-01T10:20",
                "2024-05-01T10:20:30+0100",
                "2024-05-01T10:20:30.Z",
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
