package dev.monitor.alerts;

import java.time.Instant;
import java.util.Map;

/** One counter item read back: the alerts of one error code and level in one hour or day, per minute or hour. */
public record CounterBucket(
        String errorCode,
        LogLevel logLevel,
        CounterGranularity granularity,
        Instant start,
        long total,
        Map<Integer, Long> slots) {

    /** The alerts counted from {@code from} (inclusive) to {@code to} (exclusive). */
    public long countBetween(Instant from, Instant to) {
        long sum = 0;
        for (Map.Entry<Integer, Long> slot : slots.entrySet()) {
            Instant at = granularity.slotStart(start, slot.getKey());
            if (!at.isBefore(from) && at.isBefore(to)) {
                sum += slot.getValue();
            }
        }
        return sum;
    }
}
