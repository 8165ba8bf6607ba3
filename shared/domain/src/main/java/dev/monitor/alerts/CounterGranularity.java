package dev.monitor.alerts;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;

/**
 * The two kinds of counter item: an hour of one (account, error code, log level) with a count per
 * minute, fine enough for a five-minute window; and a day with a count per hour, so a year is 365
 * small items to read.
 */
public enum CounterGranularity {
    HOUR(
            "H",
            ChronoUnit.HOURS,
            ChronoUnit.MINUTES,
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH").withZone(ZoneOffset.UTC)),
    DAY(
            "D",
            ChronoUnit.DAYS,
            ChronoUnit.HOURS,
            DateTimeFormatter.ofPattern("yyyy-MM-dd").withZone(ZoneOffset.UTC));

    public final String tag;
    /** How long one item counts. */
    public final ChronoUnit span;
    /** What one count within the item covers. */
    public final ChronoUnit step;

    private final DateTimeFormatter format;

    CounterGranularity(String tag, ChronoUnit span, ChronoUnit step, DateTimeFormatter format) {
        this.tag = tag;
        this.span = span;
        this.step = step;
        this.format = format;
    }

    public Instant bucketStart(Instant at) {
        return at.truncatedTo(span);
    }

    /** The position of {@code at} within its item: the minute of the hour, or the hour of the day. */
    public int slot(Instant at) {
        ZonedDateTime time = at.atZone(ZoneOffset.UTC);
        return this == HOUR ? time.getMinute() : time.getHour();
    }

    public Instant slotStart(Instant bucketStart, int slot) {
        return bucketStart.plus(slot, step);
    }

    public String bucketName(Instant bucketStart) {
        return format.format(bucketStart);
    }

    /** The start of the bucket {@link #bucketName} named. */
    public Instant parseBucketName(String name) {
        return this == HOUR
                ? LocalDateTime.parse(name + ":00").toInstant(ZoneOffset.UTC)
                : LocalDate.parse(name).atStartOfDay(ZoneOffset.UTC).toInstant();
    }
}
