package dev.monitor.usage;

import java.math.BigInteger;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Each account's usage counters, per GMT day and per month, and the log of which accounts' usage changed when. */
public interface UsageStore {
    /** Every month counter of the account. */
    Map<YearMonth, Counts> months(String accountSid);

    /** The day counters of the account from {@code from} to {@code to}; days that counted nothing are absent. */
    Map<LocalDate, Counts> days(String accountSid, LocalDate from, LocalDate to);

    /**
     * Adds stream-metered counts to the counters, each at most once: a counter remembers, per source
     * (the table partition its records came from), the last stream sequence number it applied, and
     * skips what it has already applied. Marks the accounts as changed at {@code now}.
     */
    void applyOnce(Collection<MeteredChange> changes, Instant now);

    /** Adds counted reads (account → day → records) and marks the accounts as changed at {@code now}. */
    void addReads(Map<String, Map<LocalDate, Long>> reads, Instant now);

    /** The accounts whose counters changed during the given minute (epoch minutes). */
    Set<String> changedDuring(long epochMinute);

    /** The last minute the usage check finished, if any. */
    Optional<Long> lastCheckedMinute();

    /** Records that the usage check finished {@code epochMinute}; never moves backwards. */
    void checkedThrough(long epochMinute);

    /**
     * Counts from one stream source for one account and day: the sum of its records' counts, and
     * each record's sequence number with its counts, so a redelivered record can be told apart.
     */
    record MeteredChange(String accountSid, LocalDate day, String source, List<SequencedCounts> records) {}

    record SequencedCounts(BigInteger sequenceNumber, Counts counts) {}
}
