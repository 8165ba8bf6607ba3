package dev.monitor.usage;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Reads an account's usage: records over ranges of GMT days, and the current value of a trigger's period. */
public final class UsageRecords {
    /** How a range is cut into records: one for the whole range, or one per day, month or year in it. */
    public enum Grouping {
        WHOLE_RANGE,
        DAILY,
        MONTHLY,
        YEARLY
    }

    private final UsageStore store;
    private final Pricing pricing;
    private final Clock clock;

    public UsageRecords(UsageStore store, Pricing pricing, Clock clock) {
        this.store = store;
        this.pricing = pricing;
        this.clock = clock;
    }

    /** Days from {@code start} to {@code end}, both included. */
    public record DateRange(LocalDate start, LocalDate end) {}

    /**
     * The part of a requested range that can hold usage, so that no request makes records of centuries: from the first
     * day of the year the account was created (monthly and yearly records keep their calendar bounds) to today. Empty
     * when nothing of the range is left.
     */
    public static Optional<DateRange> usable(LocalDate start, LocalDate end, Instant accountCreated, LocalDate today) {
        LocalDate firstDay = LocalDate.ofInstant(accountCreated, ZoneOffset.UTC).withDayOfYear(1);
        LocalDate from = start.isBefore(firstDay) ? firstDay : start;
        LocalDate to = end.isAfter(today) ? today : end;
        return from.isAfter(to) ? Optional.empty() : Optional.of(new DateRange(from, to));
    }

    public LocalDate today() {
        return LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
    }

    /** A page of records, and how many the whole list holds. */
    public record RecordsPage(List<UsageRecord> records, int total) {}

    /**
     * The records of every category, or of one, ordered by category, then by date, from the {@code offset}th, at most
     * {@code limit}: only the counters those records need are read, however long the range.
     */
    public RecordsPage list(
            UsageOwner owner,
            Grouping grouping,
            LocalDate start,
            LocalDate end,
            Optional<UsageCategory> category,
            int offset,
            int limit) {
        List<UsageCategory> categories = category.map(List::of).orElseGet(() -> List.of(UsageCategory.values()));
        List<DateRange> periods = new ArrayList<>();
        for (LocalDate from = start; !from.isAfter(end); ) {
            LocalDate to = periodEnd(grouping, from, end);
            periods.add(new DateRange(from, to));
            from = to.plusDays(1);
        }
        int total = categories.size() * periods.size();
        int last = Math.min(total, offset + limit);
        if (offset >= last) {
            return new RecordsPage(List.of(), total);
        }
        List<DateRange> shown = new ArrayList<>();
        for (int i = offset; i < last; i++) {
            shown.add(periods.get(i % periods.size()));
        }
        UsageLedger ledger = ledger(owner, shown);
        List<UsageRecord> records = new ArrayList<>(last - offset);
        for (int i = offset; i < last; i++) {
            DateRange period = periods.get(i % periods.size());
            UsageCategory each = categories.get(i / periods.size());
            records.add(new UsageRecord(
                    owner.accountSid(),
                    each,
                    period.start(),
                    period.end(),
                    ledger.measure(each, period.start(), period.end())));
        }
        return new RecordsPage(records, total);
    }

    /** The value a trigger of {@code recurring} watches today: its category's usage so far in the current period. */
    public Measure current(String accountSid, UsageCategory category, Recurring recurring) {
        LocalDate today = today();
        return currentLedger(accountSid, today).measure(category, recurring.periodStart(today), today);
    }

    /**
     * A ledger of the periods that hold {@code today}: every current period ends today, so the month
     * counters and today's day counter are all it needs.
     */
    public UsageLedger currentLedger(String accountSid, LocalDate today) {
        UsageOwner owner = UsageOwner.account(accountSid);
        return new UsageLedger(today, store.months(owner), store.days(owner, today, today), pricing);
    }

    /** The month counters, and the day counters of the partial months the periods reach into, each run read once. */
    private UsageLedger ledger(UsageOwner owner, List<DateRange> periods) {
        List<DateRange> needed = new ArrayList<>();
        periods.forEach(period -> needed.addAll(UsageLedger.daysNeeded(period.start(), period.end())));
        needed.sort(Comparator.comparing(DateRange::start));
        List<DateRange> runs = new ArrayList<>();
        for (DateRange range : needed) {
            DateRange run = runs.isEmpty() ? null : runs.get(runs.size() - 1);
            if (run != null && !range.start().isAfter(run.end().plusDays(1))) {
                runs.set(
                        runs.size() - 1,
                        new DateRange(run.start(), range.end().isAfter(run.end()) ? range.end() : run.end()));
            } else {
                runs.add(range);
            }
        }
        Map<LocalDate, Counts> days = new HashMap<>();
        runs.forEach(run -> days.putAll(store.days(owner, run.start(), run.end())));
        return new UsageLedger(today(), store.months(owner), days, pricing, owner.family());
    }

    private static LocalDate periodEnd(Grouping grouping, LocalDate from, LocalDate end) {
        LocalDate periodEnd = switch (grouping) {
            case WHOLE_RANGE -> end;
            case DAILY -> from;
            case MONTHLY -> from.withDayOfMonth(from.lengthOfMonth());
            case YEARLY -> from.withDayOfYear(from.lengthOfYear());
        };
        return periodEnd.isBefore(end) ? periodEnd : end;
    }
}
