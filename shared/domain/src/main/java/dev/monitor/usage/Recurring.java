package dev.monitor.usage;

import java.time.LocalDate;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** How often a usage trigger may fire: once per GMT day, month or year, or once ever. */
public enum Recurring {
    DAILY,
    MONTHLY,
    YEARLY,
    ALLTIME;

    /** The first day counted towards the period that holds {@code today}. */
    public LocalDate periodStart(LocalDate today) {
        return switch (this) {
            case DAILY -> today;
            case MONTHLY -> today.withDayOfMonth(1);
            case YEARLY -> today.withDayOfYear(1);
            case ALLTIME -> UsageLedger.BEGINNING;
        };
    }

    /** Names the period that holds {@code today}: a trigger fires at most once per name. */
    public String periodKey(LocalDate today) {
        return switch (this) {
            case DAILY -> today.toString();
            case MONTHLY -> today.toString().substring(0, 7);
            case YEARLY -> Integer.toString(today.getYear());
            case ALLTIME -> "alltime";
        };
    }

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<Recurring> fromWire(String value) {
        return Arrays.stream(values())
                .filter(recurring -> recurring.wireName().equals(value))
                .findFirst();
    }
}
