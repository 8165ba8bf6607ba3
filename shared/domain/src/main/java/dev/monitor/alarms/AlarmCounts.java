package dev.monitor.alarms;

import dev.monitor.alerts.CounterBucket;
import dev.monitor.alerts.CounterGranularity;
import dev.monitor.alerts.CounterStore;
import dev.monitor.alerts.LogLevel;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * How many of the alerts an alarm selects fell in a window: what firing, resolving and testing an alarm compare with
 * its threshold.
 */
public final class AlarmCounts {
    private final CounterStore counters;

    public AlarmCounts(CounterStore counters) {
        this.counters = counters;
    }

    /** The alerts the alarm selects in the window, from the counters, read consistently. */
    public long count(Alarm alarm, Window window) {
        Duration length = Duration.between(window.start(), window.end());
        CounterGranularity granularity =
                length.compareTo(Duration.ofHours(1)) <= 0 ? CounterGranularity.HOUR : CounterGranularity.DAY;
        Optional<String> errorCode = alarm.queryType() == QueryType.ERROR_CODE ? alarm.query() : Optional.empty();
        Optional<LogLevel> level =
                alarm.queryType() == QueryType.LOG_LEVEL ? alarm.query().flatMap(LogLevel::fromWire) : Optional.empty();
        List<CounterBucket> buckets = counters.read(
                alarm.accountSid(),
                granularity,
                granularity.bucketStart(window.start()),
                granularity.bucketStart(window.end().minusMillis(1)),
                errorCode,
                level,
                true);
        long count = 0;
        for (CounterBucket bucket : buckets) {
            count += bucket.countBetween(window.start(), window.end());
        }
        return count;
    }
}
