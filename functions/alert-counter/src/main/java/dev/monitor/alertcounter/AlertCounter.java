package dev.monitor.alertcounter;

import dev.monitor.alerts.CounterGranularity;
import dev.monitor.alerts.CounterStore;
import dev.monitor.alerts.LogLevel;
import dev.monitor.alerts.StreamedAlert;
import dev.monitor.logging.Log;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Counts a batch of streamed alerts: aggregates it in memory and writes each counter item it
 * touches once (an hour item and a day item per account, error code and level), not once per alert.
 */
public final class AlertCounter {
    /**
     * What counting one batch of alerts did.
     *
     * @param failed the alerts whose counter items could not be written; they must come again
     * @param writes the write requests made, for the benchmark
     */
    public record Result(List<StreamedAlert> failed, int writes) {}

    private record Key(
            String accountSid,
            String errorCode,
            LogLevel logLevel,
            CounterGranularity granularity,
            Instant bucketStart) {}

    private final CounterStore counters;
    private final Log log;

    public AlertCounter(CounterStore counters, Log log) {
        this.counters = counters;
        this.log = log;
    }

    public Result count(List<StreamedAlert> alerts) {
        Map<Key, List<StreamedAlert>> increments = new LinkedHashMap<>();
        for (StreamedAlert alert : alerts) {
            for (CounterGranularity granularity : CounterGranularity.values()) {
                Key key = new Key(
                        alert.accountSid(),
                        alert.errorCode(),
                        alert.logLevel(),
                        granularity,
                        granularity.bucketStart(alert.dateGenerated()));
                increments.computeIfAbsent(key, k -> new ArrayList<>()).add(alert);
            }
        }
        List<StreamedAlert> failed = new ArrayList<>();
        int writes = 0;
        for (Map.Entry<Key, List<StreamedAlert>> increment : increments.entrySet()) {
            Key key = increment.getKey();
            try {
                writes += counters.add(new CounterStore.Increment(
                        key.accountSid(),
                        key.errorCode(),
                        key.logLevel(),
                        key.granularity(),
                        key.bucketStart(),
                        increment.getValue()));
            } catch (RuntimeException e) {
                // The other items are counted; these alerts come again, and what was counted is not counted twice.
                log.write(
                        Log.Level.WARN,
                        "Counting alerts failed",
                        Map.of(
                                "accountSid",
                                key.accountSid(),
                                "alerts",
                                increment.getValue().size()),
                        e);
                failed.addAll(increment.getValue());
            }
        }
        return new Result(failed, writes);
    }
}
