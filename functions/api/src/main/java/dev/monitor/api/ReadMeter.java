package dev.monitor.api;

import dev.monitor.usage.UsageStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Counts {@code monitor-reads} in the api function's memory and writes them at most once per
 * {@code flushInterval} per function instance, rather than one extra write per request. The
 * price: an instance that Lambda retires loses up to one interval of uncounted reads.
 */
public final class ReadMeter {
    private final UsageStore store;
    private final Clock clock;
    private final Duration flushInterval;
    /** The reads of an account on a day; the family they also count for is its main account's. */
    private record Day(String accountSid, String mainAccountSid, LocalDate day) {}

    private Map<Day, Long> pending = new HashMap<>();
    private Instant oldestPending;

    public ReadMeter(UsageStore store, Clock clock, Duration flushInterval) {
        this.store = store;
        this.clock = clock;
        this.flushInterval = flushInterval;
    }

    /** Counts {@code records} returned to a read of the account's data, and for its main account's family. */
    public synchronized void count(String accountSid, String mainAccountSid, long records) {
        if (records <= 0) {
            return;
        }
        Instant now = clock.instant();
        pending.merge(
                new Day(accountSid, mainAccountSid, LocalDate.ofInstant(now, ZoneOffset.UTC)), records, Long::sum);
        if (oldestPending == null) {
            oldestPending = now;
        }
    }

    /** Writes the counts if the oldest has waited an interval; called once per request, after it is handled. */
    public synchronized void flushIfDue() {
        Instant now = clock.instant();
        if (oldestPending == null || now.isBefore(oldestPending.plus(flushInterval))) {
            return;
        }
        Map<Day, Long> writing = pending;
        pending = new HashMap<>();
        oldestPending = null;
        List<UsageStore.MeteredReads> reads = new ArrayList<>();
        writing.forEach((day, records) ->
                reads.add(new UsageStore.MeteredReads(day.accountSid(), day.mainAccountSid(), day.day(), records)));
        try {
            store.addReads(reads, now);
        } catch (RuntimeException e) {
            // Kept for the next try; a counter that was written before the failure may count twice.
            writing.forEach((day, records) -> pending.merge(day, records, Long::sum));
            oldestPending = now;
            throw e;
        }
    }
}
