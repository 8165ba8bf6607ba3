package dev.monitor.alerts;

import dev.monitor.accounts.Account;
import dev.monitor.errors.DomainException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The frequency of each error code per minute, hour or day, from the counters the alert counter keeps. */
public final class AlertCountService {
    private final CounterStore counters;
    private final Clock clock;

    public AlertCountService(CounterStore counters, Clock clock) {
        this.counters = counters;
        this.clock = clock;
    }

    /** Intervals with no alerts are left out; the rest come oldest first, then by error code and level. */
    public List<AlertCount> counts(
            Account account,
            Optional<String> errorCode,
            Optional<LogLevel> logLevel,
            Optional<Instant> startDate,
            Optional<Instant> endDate,
            CountInterval interval) {
        Instant end = endDate.orElseGet(clock::instant);
        Instant start = startDate.orElse(end.minus(interval.defaultRange));
        if (start.isAfter(end)) {
            throw new DomainException.Invalid("StartDate must not be after EndDate");
        }
        if (start.plus(interval.maxRange).isBefore(end)) {
            throw new DomainException.Invalid("With Interval=" + interval.wire()
                    + " the range from StartDate to EndDate may be at most " + interval.maxRange.toDays() + " days");
        }
        CounterGranularity granularity = interval.source;
        List<AlertCount> counts = new ArrayList<>();
        for (CounterBucket bucket : counters.read(
                account.sid(),
                granularity,
                granularity.bucketStart(start),
                granularity.bucketStart(end),
                errorCode,
                logLevel,
                false)) {
            if (interval == CountInterval.DAY) {
                if (!bucket.start().isBefore(granularity.bucketStart(start))
                        && !bucket.start().isAfter(end)
                        && bucket.total() > 0) {
                    counts.add(new AlertCount(bucket.errorCode(), bucket.logLevel(), bucket.start(), bucket.total()));
                }
                continue;
            }
            for (Map.Entry<Integer, Long> slot : bucket.slots().entrySet()) {
                Instant at = granularity.slotStart(bucket.start(), slot.getKey());
                if (!at.isBefore(start.truncatedTo(granularity.step)) && !at.isAfter(end) && slot.getValue() > 0) {
                    counts.add(new AlertCount(bucket.errorCode(), bucket.logLevel(), at, slot.getValue()));
                }
            }
        }
        counts.sort(Comparator.comparing(AlertCount::intervalStart)
                .thenComparing(AlertCount::errorCode)
                .thenComparing(AlertCount::logLevel));
        return counts;
    }
}
