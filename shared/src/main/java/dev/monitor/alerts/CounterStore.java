package dev.monitor.alerts;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Alert counters per account, error code, log level and hour or day. */
public interface CounterStore {
    /** One counter item's share of a batch: the key and the alerts that fall in it. */
    record Increment(
            String accountSid,
            String errorCode,
            LogLevel logLevel,
            CounterGranularity granularity,
            Instant bucketStart,
            List<StreamedAlert> alerts) {}

    /**
     * Adds the alerts to the item, each exactly once however often the same records come: only
     * those above the item's last counted sequence number of their partition are added.
     *
     * @return the write requests it took (1 normally; 0 when all were counted already; more after a race)
     */
    int add(Increment increment);

    /**
     * The items of an account between two bucket starts, inclusive, optionally of one error code and
     * one level; {@code consistent} reads the latest writes (the table, not an index).
     */
    List<CounterBucket> read(
            String accountSid,
            CounterGranularity granularity,
            Instant firstBucket,
            Instant lastBucket,
            Optional<String> errorCode,
            Optional<LogLevel> logLevel,
            boolean consistent);
}
