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

    /** Names one counter item of an account: its hour or day, error code and level. */
    record CounterKey(Instant bucketStart, String errorCode, LogLevel logLevel) {}

    /**
     * Counter items in the order (bucket, error code, level), nearest first, as one request reads them within its read
     * budget; {@code readOnFrom}, when items may remain beyond them in the direction read, is the key reading goes on
     * from (exclusive): the last item returned, or further when the budget ended the reading among items that did not
     * match.
     */
    record CounterRun(List<CounterBucket> buckets, Optional<CounterKey> readOnFrom) {}

    /** The item, if it exists. */
    Optional<CounterBucket> find(String accountSid, CounterGranularity granularity, CounterKey key);

    /**
     * At most {@code limit} items of an account between two bucket starts, inclusive, optionally of one error code and
     * one level, in order after {@code from} (or, {@code backward}, before it, nearest first).
     */
    CounterRun page(
            String accountSid,
            CounterGranularity granularity,
            Instant firstBucket,
            Instant lastBucket,
            Optional<String> errorCode,
            Optional<LogLevel> logLevel,
            Optional<CounterKey> from,
            boolean backward,
            int limit);

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
