package dev.monitor.alarms;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** The calendar periods of Twilio's original alert triggers, in GMT. */
public enum TimePeriod {
    DAILY,
    MONTHLY,
    YEARLY;

    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    public Window windowOf(Instant at) {
        LocalDate day = at.atZone(ZoneOffset.UTC).toLocalDate();
        LocalDate first = switch (this) {
            case DAILY -> day;
            case MONTHLY -> day.withDayOfMonth(1);
            case YEARLY -> day.withDayOfYear(1);
        };
        LocalDate next = switch (this) {
            case DAILY -> first.plusDays(1);
            case MONTHLY -> first.plusMonths(1);
            case YEARLY -> first.plusYears(1);
        };
        return new Window(
                wire(),
                first.atStartOfDay().toInstant(ZoneOffset.UTC),
                next.atStartOfDay().toInstant(ZoneOffset.UTC));
    }

    public static Optional<TimePeriod> fromWire(String value) {
        return Arrays.stream(values())
                .filter(period -> period.wire().equals(value))
                .findFirst();
    }
}
