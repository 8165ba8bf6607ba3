package dev.monitor.validation;

import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The date forms Twilio's APIs print, and accept in filters and bodies. */
public final class Dates {
    /** What a filter bound may be, for messages that refuse one. */
    public static final String FILTER_FORMS =
            "YYYY-MM-DD or an ISO 8601 date and time such as 2015-07-30T20:00:00Z (fractional seconds and an offset"
                    + " are optional; without an offset it is UTC)";

    private static final Pattern DAY = Pattern.compile("\\d{4}-\\d{2}-\\d{2}");
    /**
     * A date and time as the API prints it, with fractional seconds and any offset too; Twilio's helper
     * libraries send UTC date-times without the {@code Z}, so a missing offset is UTC.
     */
    private static final Pattern DATE_TIME =
            Pattern.compile("(\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2})(\\.\\d{1,9})?(Z|[+-]\\d{2}:\\d{2})?");

    private Dates() {}

    /** How every response and notification writes a moment: whole seconds in UTC, {@code 2015-07-30T20:00:00Z}. */
    public static String print(Instant instant) {
        return instant.truncatedTo(ChronoUnit.SECONDS).toString();
    }

    /**
     * A filter bound in one of {@link #FILTER_FORMS}. An end bound covers the whole of what it names:
     * a day ends at its last millisecond, and a time to the second at that second's, so that an end
     * copied from a printed date includes what was printed with it.
     */
    public static Optional<Instant> filterBound(String text, boolean end) {
        try {
            if (DAY.matcher(text).matches()) {
                LocalDate day = LocalDate.parse(text);
                return Optional.of(
                        end
                                ? day.plusDays(1)
                                        .atStartOfDay()
                                        .toInstant(ZoneOffset.UTC)
                                        .minusMillis(1)
                                : day.atStartOfDay().toInstant(ZoneOffset.UTC));
            }
            Matcher dateTime = DATE_TIME.matcher(text);
            if (dateTime.matches()) {
                String fraction = dateTime.group(2) == null ? "" : dateTime.group(2);
                String offset = dateTime.group(3) == null ? "Z" : dateTime.group(3);
                Instant moment = OffsetDateTime.parse(dateTime.group(1) + fraction + offset)
                        .toInstant();
                return Optional.of(end && fraction.isEmpty() ? moment.plusMillis(999) : moment);
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
