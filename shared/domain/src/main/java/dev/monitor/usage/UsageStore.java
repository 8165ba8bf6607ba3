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

/**
 * Usage counters, per GMT day and per month, of each account and of each main account's family, and the log of which
 * accounts' usage changed when.
 */
public interface UsageStore {
    /** Every month counter of the account or family. */
    Map<YearMonth, Counts> months(UsageOwner owner);

    /** The day counters of the account or family from {@code from} to {@code to}; days without counts are absent. */
    Map<LocalDate, Counts> days(UsageOwner owner, LocalDate from, LocalDate to);

    /**
     * Adds stream-metered counts to the account's counters and its family's, each at most once: an account's day
     * counter remembers, per source (the table partition its records came from), the last stream sequence number it
     * applied, and skips what it has already applied; its month counter and the family's counters change with it, in
     * one write, the family's billed writes as {@code pricing} bills the account's month. Marks the accounts as changed
     * at {@code now}.
     */
    void applyOnce(Collection<MeteredChange> changes, Pricing pricing, Instant now);

    /** Adds counted reads to the accounts' and their families' counters; the accounts changed at {@code now}. */
    void addReads(Collection<MeteredReads> reads, Instant now);

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
    record MeteredChange(
            String accountSid, String mainAccountSid, LocalDate day, String source, List<SequencedCounts> records) {}

    /** Records an account's reads returned on a day; its family is its main account's. */
    record MeteredReads(String accountSid, String mainAccountSid, LocalDate day, long records) {}

    record SequencedCounts(BigInteger sequenceNumber, Counts counts) {}
}
