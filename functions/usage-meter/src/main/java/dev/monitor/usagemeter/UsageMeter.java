package dev.monitor.usagemeter;

import dev.monitor.accounts.Account;
import dev.monitor.accounts.AccountStore;
import dev.monitor.logging.Log;
import dev.monitor.usage.Counts;
import dev.monitor.usage.Pricing;
import dev.monitor.usage.UsageStore;
import java.math.BigInteger;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Meters writes and storage from the table's stream: an event or alert written is one
 * {@code monitor-writes} and one more record held; one removed is one fewer held. A whole batch is
 * summed in memory and each (account, day) written once, with its month and its main account's family.
 */
public final class UsageMeter {
    private final UsageStore store;
    private final AccountStore accounts;
    private final Pricing pricing;
    private final Clock clock;
    private final Log log;
    /** Each account's main account: an account never changes family, so it is looked up once per instance. */
    private final Map<String, String> mainAccounts = new ConcurrentHashMap<>();

    public UsageMeter(UsageStore store, AccountStore accounts, Pricing pricing, Clock clock, Log log) {
        this.store = store;
        this.accounts = accounts;
        this.pricing = pricing;
        this.clock = clock;
        this.log = log;
    }

    /**
     * Applies the batch, in stream order, and returns the sequence number of the earliest record
     * that could not be applied, from which the stream must deliver again; empty when all were.
     * Applying a record again changes nothing, so a redelivery from that point is safe.
     */
    public Optional<String> apply(List<StreamChange> batch) {
        Map<String, List<StreamChange>> byAccount = new LinkedHashMap<>();
        for (StreamChange change : batch) {
            change.account()
                    .ifPresentOrElse(
                            account -> byAccount
                                    .computeIfAbsent(account, key -> new ArrayList<>())
                                    .add(change),
                            () -> log.warn(
                                    "Usage meter: no account in a stream record, skipped",
                                    Map.of("sequenceNumber", change.sequenceNumber())));
        }
        BigInteger earliestFailed = null;
        String earliestFailedText = null;
        for (Map.Entry<String, List<StreamChange>> account : byAccount.entrySet()) {
            try {
                String main = mainAccounts.computeIfAbsent(account.getKey(), this::mainAccountOf);
                store.applyOnce(changes(account.getKey(), main, account.getValue()), pricing, clock.instant());
            } catch (RuntimeException e) {
                StreamChange first = account.getValue().get(0);
                log.write(
                        Log.Level.WARN,
                        "Usage meter: counters not updated, the stream will deliver again",
                        Map.of("accountSid", account.getKey(), "sequenceNumber", first.sequenceNumber()),
                        e);
                BigInteger sequence = new BigInteger(first.sequenceNumber());
                if (earliestFailed == null || sequence.compareTo(earliestFailed) < 0) {
                    earliestFailed = sequence;
                    earliestFailedText = first.sequenceNumber();
                }
            }
        }
        return Optional.ofNullable(earliestFailedText);
    }

    /** An account that is not found (its item is gone) is metered as its own family. */
    private String mainAccountOf(String accountSid) {
        return accounts.find(accountSid).map(Account::mainAccountSid).orElse(accountSid);
    }

    private static List<UsageStore.MeteredChange> changes(
            String accountSid, String mainAccountSid, List<StreamChange> records) {
        Map<List<Object>, List<UsageStore.SequencedCounts>> grouped = new LinkedHashMap<>();
        for (StreamChange record : records) {
            LocalDate day = LocalDate.ofInstant(record.recordedAt(), ZoneOffset.UTC);
            Counts counts = record.inserted() ? new Counts(1, 0, 1) : new Counts(0, 0, -1);
            grouped.computeIfAbsent(List.of(day, record.partitionKey()), key -> new ArrayList<>())
                    .add(new UsageStore.SequencedCounts(new BigInteger(record.sequenceNumber()), counts));
        }
        List<UsageStore.MeteredChange> changes = new ArrayList<>();
        grouped.forEach((key, counted) -> changes.add(new UsageStore.MeteredChange(
                accountSid, mainAccountSid, (LocalDate) key.get(0), (String) key.get(1), counted)));
        return changes;
    }
}
