package dev.monitor.validation;

import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.regex.Pattern;

/** The date forms Twilio's APIs accept in filters and bodies. */
public final class Dates {
    private static final Pattern DAY = Pattern.compile("\\d{4}-\\d{2}-\\d{2}");
    /** Twilio's helper libraries send UTC date-times without the {@code Z}. */
    private static final Pattern DATE_TIME_UTC = Pattern.compile("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}Z?");

    private Dates() {}

    /**
     * A filter bound, {@code YYYY-MM-DD} or {@code YYYY-MM-DDThh:mm:ss[Z]} in UTC; a day ends at its last millisecond.
     */
    public static Optional<Instant> filterBound(String text, boolean endOfDay) {
        try {
            if (DAY.matcher(text).matches()) {
                LocalDate day = LocalDate.parse(text);
                return Optional.of(
                        endOfDay
                                ? day.plusDays(1)
                                        .atStartOfDay()
                                        .toInstant(ZoneOffset.UTC)
                                        .minusMillis(1)
                                : day.atStartOfDay().toInstant(ZoneOffset.UTC));
            }
            if (DATE_TIME_UTC.matcher(text).matches()) {
                return Optional.of(Instant.parse(text.endsWith("Z") ? text : text + "Z"));
            }
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
        return Optional.empty();
    }

    /** An ISO 8601 date and time with an offset, as a body field. */
    public static Optional<Instant> isoDateTime(String text) {
        try {
            return Optional.of(OffsetDateTime.parse(text).toInstant());
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }
}
