package dev.monitor.usage;

import dev.monitor.usage.UsageRecords.DateRange;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.List;
import java.util.Map;

/**
 * An account's or a family's usage for any range of days, from its month counters and the day counters it was
 * given. Whole months, and the current month up to today, come from the month counters; only the
 * partial months at the edges of a range need day counters, from the first of their month (a day
 * missing from {@code days} counted nothing). An account's price is reckoned from its writes, month by month; a
 * family's from the writes its counters billed, each account's free allowance already taken off.
 */
public final class UsageLedger {
    /** Before any usage: where "all time" starts. */
    public static final LocalDate BEGINNING = LocalDate.of(2000, 1, 1);

    private final LocalDate today;
    private final Map<YearMonth, Counts> months;
    private final Map<LocalDate, Counts> days;
    private final Pricing pricing;
    private final boolean family;

    public UsageLedger(LocalDate today, Map<YearMonth, Counts> months, Map<LocalDate, Counts> days, Pricing pricing) {
        this(today, months, days, pricing, false);
    }

    UsageLedger(
            LocalDate today,
            Map<YearMonth, Counts> months,
            Map<LocalDate, Counts> days,
            Pricing pricing,
            boolean family) {
        this.today = today;
        this.months = months;
        this.days = days;
        this.pricing = pricing;
        this.family = family;
    }

    /**
     * The days whose counters a record of {@code start} to {@code end} may read: those of the partial months at its
     * edges, from the first of their month.
     */
    static List<DateRange> daysNeeded(LocalDate start, LocalDate end) {
        LocalDate firstMonthEnd = start.withDayOfMonth(start.lengthOfMonth());
        return List.of(
                new DateRange(start.withDayOfMonth(1), firstMonthEnd.isBefore(end) ? firstMonthEnd : end),
                new DateRange(end.withDayOfMonth(1), end));
    }

    /** The usage record of {@code category} from {@code start} to {@code end}, both included. */
    public Measure measure(UsageCategory category, LocalDate start, LocalDate end) {
        switch (category) {
            case MONITOR_WRITES -> {
                BigDecimal writes = BigDecimal.valueOf(sum(start, end).writes());
                return new Measure(writes, writes, price(start, end));
            }
            case MONITOR_READS -> {
                BigDecimal reads = BigDecimal.valueOf(sum(start, end).reads());
                return new Measure(reads, reads, BigDecimal.ZERO);
            }
            case MONITOR_STORAGE -> {
                BigDecimal held =
                        BigDecimal.valueOf(Math.max(0, sum(BEGINNING, end).storageChange()));
                return new Measure(held, held, BigDecimal.ZERO);
            }
            default -> {
                BigDecimal price = price(start, end);
                return new Measure(price, price, price);
            }
        }
    }

    private Counts sum(LocalDate start, LocalDate end) {
        Counts total = Counts.ZERO;
        for (LocalDate from = start;
                !from.isAfter(end);
                from = endOfSegment(from, end).plusDays(1)) {
            total = total.plus(segment(from, endOfSegment(from, end)));
        }
        return total;
    }

    /**
     * The price of the range: month by month, the price of the month's events up to the segment's
     * end less the price of those before the segment, so the free allowance applies per month.
     */
    private BigDecimal price(LocalDate start, LocalDate end) {
        if (family) {
            return pricing.priceOfBilled(sum(start, end).billedWrites());
        }
        BigDecimal total = BigDecimal.ZERO;
        for (LocalDate from = start;
                !from.isAfter(end);
                from = endOfSegment(from, end).plusDays(1)) {
            LocalDate to = endOfSegment(from, end);
            long throughEnd = segment(from.withDayOfMonth(1), to).writes();
            long inSegment = segment(from, to).writes();
            total = total.add(pricing.monthToDate(throughEnd).subtract(pricing.monthToDate(throughEnd - inSegment)));
        }
        return total;
    }

    private static LocalDate endOfSegment(LocalDate from, LocalDate end) {
        LocalDate monthEnd = from.withDayOfMonth(from.lengthOfMonth());
        return monthEnd.isBefore(end) ? monthEnd : end;
    }

    /** Days of one month: its month counter when they are the whole month so far, else its day counters. */
    private Counts segment(LocalDate from, LocalDate to) {
        boolean wholeMonthSoFar =
                from.getDayOfMonth() == 1 && (to.getDayOfMonth() == to.lengthOfMonth() || !to.isBefore(today));
        if (wholeMonthSoFar) {
            return months.getOrDefault(YearMonth.from(from), Counts.ZERO);
        }
        Counts total = Counts.ZERO;
        for (LocalDate day = from; !day.isAfter(to); day = day.plusDays(1)) {
            total = total.plus(days.getOrDefault(day, Counts.ZERO));
        }
        return total;
    }
}
