package dev.monitor.usage;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.HashMap;
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
    private Map<String, Map<LocalDate, Long>> pending = new HashMap<>();
    private Instant oldestPending;

    public ReadMeter(UsageStore store, Clock clock, Duration flushInterval) {
        this.store = store;
        this.clock = clock;
        this.flushInterval = flushInterval;
    }

    /** Counts {@code records} returned to a read of the account's data. */
    public synchronized void count(String accountSid, long records) {
        if (records <= 0) {
            return;
        }
        Instant now = clock.instant();
        pending.computeIfAbsent(accountSid, key -> new HashMap<>())
                .merge(LocalDate.ofInstant(now, ZoneOffset.UTC), records, Long::sum);
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
        Map<String, Map<LocalDate, Long>> writing = pending;
        pending = new HashMap<>();
        oldestPending = null;
        try {
            store.addReads(writing, now);
        } catch (RuntimeException e) {
            // Kept for the next try; a counter that was written before the failure may count twice.
            writing.forEach((account, byDay) -> byDay.forEach((day, records) ->
                    pending.computeIfAbsent(account, key -> new HashMap<>()).merge(day, records, Long::sum)));
            oldestPending = now;
            throw e;
        }
    }
}
