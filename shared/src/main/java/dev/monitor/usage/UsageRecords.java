package dev.monitor.usage;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
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

    /** The records of every category, or of one, ordered by category, then by date. */
    public List<UsageRecord> list(
            String accountSid, Grouping grouping, LocalDate start, LocalDate end, Optional<UsageCategory> category) {
        UsageLedger ledger = ledger(accountSid, start, end, grouping == Grouping.DAILY);
        List<UsageRecord> records = new ArrayList<>();
        for (UsageCategory each : UsageCategory.values()) {
            if (category.isPresent() && category.get() != each) {
                continue;
            }
            for (LocalDate from = start; !from.isAfter(end); ) {
                LocalDate to = periodEnd(grouping, from, end);
                records.add(new UsageRecord(accountSid, each, from, to, ledger.measure(each, from, to)));
                from = to.plusDays(1);
            }
        }
        return records;
    }

    /**
     * The records of several accounts added together, as Twilio reports a main account's usage with
     * its subaccounts'; each account's price is its own, free allowance included. The records are
     * named by the first account.
     */
    public List<UsageRecord> listTogether(
            List<String> accountSids,
            Grouping grouping,
            LocalDate start,
            LocalDate end,
            Optional<UsageCategory> category) {
        List<UsageRecord> total = list(accountSids.get(0), grouping, start, end, category);
        for (String accountSid : accountSids.subList(1, accountSids.size())) {
            List<UsageRecord> more = list(accountSid, grouping, start, end, category);
            for (int i = 0; i < total.size(); i++) {
                UsageRecord sum = total.get(i);
                total.set(
                        i,
                        new UsageRecord(
                                sum.accountSid(),
                                sum.category(),
                                sum.startDate(),
                                sum.endDate(),
                                sum.measure().plus(more.get(i).measure())));
            }
        }
        return total;
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
        return new UsageLedger(today, store.months(accountSid), store.days(accountSid, today, today), pricing);
    }

    private UsageLedger ledger(String accountSid, LocalDate start, LocalDate end, boolean everyDay) {
        Map<YearMonth, Counts> months = store.months(accountSid);
        Map<LocalDate, Counts> days = new HashMap<>();
        LocalDate firstMonthEnd = start.withDayOfMonth(start.lengthOfMonth());
        if (everyDay || !firstMonthEnd.isBefore(end)) {
            days.putAll(store.days(accountSid, start.withDayOfMonth(1), end));
        } else {
            // Only the partial months at the edges of the range need their days.
            days.putAll(store.days(accountSid, start.withDayOfMonth(1), firstMonthEnd));
            days.putAll(store.days(accountSid, end.withDayOfMonth(1), end));
        }
        return new UsageLedger(today(), months, days, pricing);
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
