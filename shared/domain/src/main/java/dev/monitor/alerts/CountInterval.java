package dev.monitor.alerts;

import java.time.Duration;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** The intervals {@code GET /v1/AlertCounts} answers in, each read from the counter items that hold it. */
public enum CountInterval {
    MINUTE(CounterGranularity.HOUR, Duration.ofDays(1), Duration.ofHours(1)),
    HOUR(CounterGranularity.DAY, Duration.ofDays(31), Duration.ofDays(1)),
    DAY(CounterGranularity.DAY, Duration.ofDays(366), Duration.ofDays(30));

    /** The counter items that hold counts of this interval. */
    public final CounterGranularity source;
    /** The longest range one request may ask for. */
    public final Duration maxRange;
    /** The range read when the request names no StartDate. */
    public final Duration defaultRange;

    CountInterval(CounterGranularity source, Duration maxRange, Duration defaultRange) {
        this.source = source;
        this.maxRange = maxRange;
        this.defaultRange = defaultRange;
    }

    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<CountInterval> fromWire(String value) {
        return Arrays.stream(values())
                .filter(interval -> interval.wire().equals(value))
                .findFirst();
    }
}
