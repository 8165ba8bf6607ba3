package dev.monitor.local;

import java.time.Duration;
import java.time.ZonedDateTime;
import java.util.BitSet;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An EventBridge schedule: {@code rate(N unit)}, or {@code cron(minutes hours day-of-month month day-of-week year)} in
 * UTC.
 */
sealed interface ScheduleExpression {
    Pattern RATE = Pattern.compile("rate\\(\\s*(\\d+)\\s+(minutes?|hours?|days?)\\s*\\)");
    Pattern CRON = Pattern.compile("cron\\(\\s*(.+?)\\s*\\)");
    List<String> MONTHS = List.of("JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC");
    List<String> DAYS = List.of("SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT");

    record Rate(Duration period) implements ScheduleExpression {}

    /**
     * Each field is the set of values it allows; day-of-week counts 1 (Sunday) to 7 (Saturday), as EventBridge does.
     */
    record Cron(BitSet minutes, BitSet hours, BitSet daysOfMonth, BitSet months, BitSet daysOfWeek, BitSet years)
            implements ScheduleExpression {
        boolean matches(ZonedDateTime minute) {
            return minutes.get(minute.getMinute())
                    && hours.get(minute.getHour())
                    && daysOfMonth.get(minute.getDayOfMonth())
                    && months.get(minute.getMonthValue())
                    && daysOfWeek.get(minute.getDayOfWeek().getValue() % 7 + 1)
                    && years.get(minute.getYear());
        }
    }

    static ScheduleExpression parse(String expression) {
        Matcher rate = RATE.matcher(expression.trim());
        if (rate.matches()) {
            long amount = Long.parseLong(rate.group(1));
            return new Rate(
                    switch (rate.group(2).replaceAll("s$", "")) {
                        case "minute" -> Duration.ofMinutes(amount);
                        case "hour" -> Duration.ofHours(amount);
                        default -> Duration.ofDays(amount);
                    });
        }
        Matcher cron = CRON.matcher(expression.trim());
        String[] fields = cron.matches() ? cron.group(1).split("\\s+") : new String[0];
        if (fields.length != 6) {
            throw new IllegalArgumentException("Unsupported schedule expression: " + expression);
        }
        return new Cron(
                field(fields[0], 0, 59, List.of()),
                field(fields[1], 0, 23, List.of()),
                field(fields[2], 1, 31, List.of()),
                field(fields[3], 1, 12, MONTHS),
                field(fields[4], 1, 7, DAYS),
                field(fields[5], 1970, 2199, List.of()));
    }

    /** Lists ({@code a,b}), ranges ({@code a-b}), steps ({@code 0/15}) and names; not L, W or #. */
    private static BitSet field(String text, int min, int max, List<String> names) {
        BitSet allowed = new BitSet();
        for (String part : text.split(",")) {
            String[] stepped = part.split("/", 2);
            int step = stepped.length == 2 ? Integer.parseInt(stepped[1]) : 1;
            String range = stepped[0];
            int from;
            int to;
            if (range.equals("*") || range.equals("?")) {
                from = min;
                to = max;
            } else if (range.contains("-")) {
                String[] bounds = range.split("-", 2);
                from = value(bounds[0], min, max, names);
                to = value(bounds[1], min, max, names);
            } else {
                from = value(range, min, max, names);
                to = stepped.length == 2 ? max : from;
            }
            for (int value = from; value <= to; value += step) {
                allowed.set(value);
            }
        }
        return allowed;
    }

    private static int value(String text, int min, int max, List<String> names) {
        int named = names.indexOf(text.toUpperCase(Locale.ROOT));
        int value;
        try {
            value = named >= 0 ? named + min : Integer.parseInt(text);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("Unsupported cron value: " + text, e);
        }
        if (value < min || value > max) {
            throw new IllegalArgumentException("Cron value " + text + " is outside " + min + "-" + max);
        }
        return value;
    }
}
