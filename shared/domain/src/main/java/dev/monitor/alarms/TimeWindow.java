package dev.monitor.alarms;

import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Optional;

/**
 * Twilio Monitor v2's alarm windows. Windows are fixed and aligned to UTC (a five-minute window
 * starts at :00, :05, …), so "fires once per window" names one window for every alert.
 */
public enum TimeWindow {
    FIVE_MINS(Duration.ofMinutes(5)),
    FIFTEEN_MINS(Duration.ofMinutes(15)),
    ONE_HOUR(Duration.ofHours(1)),
    TWELVE_HOURS(Duration.ofHours(12)),
    ONE_DAY(Duration.ofDays(1));

    public final Duration length;

    TimeWindow(Duration length) {
        this.length = length;
    }

    public Window windowOf(Instant at) {
        long millis = length.toMillis();
        Instant start = Instant.ofEpochMilli(Math.floorDiv(at.toEpochMilli(), millis) * millis);
        return new Window(name(), start, start.plus(length));
    }

    public static Optional<TimeWindow> fromWire(String value) {
        return Arrays.stream(values())
                .filter(window -> window.name().equals(value))
                .findFirst();
    }
}
