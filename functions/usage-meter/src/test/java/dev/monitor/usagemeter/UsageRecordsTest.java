package dev.monitor.usagemeter;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.monitor.accounts.Account;
import dev.monitor.accounts.AccountService;
import dev.monitor.logging.Log;
import dev.monitor.testing.InMemoryStores;
import dev.monitor.usage.Pricing;
import dev.monitor.usage.Recurring;
import dev.monitor.usage.UsageCategory;
import dev.monitor.usage.UsageOwner;
import dev.monitor.usage.UsageRecord;
import dev.monitor.usage.UsageRecords;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Usage records of an account and of a main account's family, as the meter rolls them up, on in-memory stores. */
class UsageRecordsTest {
    private static final Instant NOW = Instant.parse("2026-11-25T12:00:00Z");
    private static final Pricing PRICING = new Pricing(100, new BigDecimal("0.01"));

    private final Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
    private final InMemoryStores.Events log = new InMemoryStores.Events();
    private final InMemoryStores.Accounts accountStore = new InMemoryStores.Accounts(log);
    private final AccountService accounts = InMemoryStores.accounts(accountStore, log, clock);
    private final InMemoryStores.Usage store = new InMemoryStores.Usage();
    private final UsageMeter meter = new UsageMeter(store, accountStore, PRICING, clock, Log.NONE);
    private final UsageRecords records = new UsageRecords(store, PRICING, clock);
    private final Account main =
            accounts.createMainAccount(InMemoryStores.OPERATOR, "Acme").account();
    private long sequence;

    /** {@code count} events written by the account on {@code day}, as the table's stream delivers them. */
    private void written(Account account, LocalDate day, int count) {
        List<StreamChange> batch = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            batch.add(new StreamChange(
                    BigInteger.valueOf(++sequence).toString(),
                    true,
                    "EV#" + account.sid() + "#0",
                    Optional.of(account.sid()),
                    day.atStartOfDay(ZoneOffset.UTC).toInstant()));
        }
        assertEquals(Optional.empty(), meter.apply(batch));
    }

    private UsageRecord monthOf(UsageOwner owner, UsageCategory category) {
        return records.list(
                        owner,
                        UsageRecords.Grouping.WHOLE_RANGE,
                        LocalDate.of(2026, 11, 1),
                        LocalDate.of(2026, 11, 25),
                        Optional.of(category),
                        0,
                        50)
                .records()
                .get(0);
    }

    @Test
    void aFamilysUsageIsEveryAccountsAddedAndItsPriceEachAccountsOwnAllowanceOff() {
        Account first = accounts.createSubaccount(main, InMemoryStores.actorOf(main), Optional.of("First"))
                .account();
        Account second = accounts.createSubaccount(main, InMemoryStores.actorOf(main), Optional.of("Second"))
                .account();
        written(main, LocalDate.of(2026, 11, 2), 90);
        written(first, LocalDate.of(2026, 11, 3), 150);
        written(second, LocalDate.of(2026, 11, 4), 120);
        written(first, LocalDate.of(2026, 11, 20), 30);

        UsageRecord writes = monthOf(UsageOwner.family(main.sid()), UsageCategory.MONITOR_WRITES);
        assertEquals(new BigDecimal("390"), writes.measure().count());
        // 100 free each: the main account pays nothing, the first 80 events, the second 20.
        assertEquals(
                0,
                new BigDecimal("1.00").compareTo(writes.measure().price()),
                writes.measure().price().toString());
        assertEquals(
                0,
                new BigDecimal("0.80")
                        .compareTo(monthOf(UsageOwner.account(first.sid()), UsageCategory.TOTAL_PRICE)
                                .measure()
                                .price()));
        assertEquals(
                new BigDecimal("90"),
                monthOf(UsageOwner.account(main.sid()), UsageCategory.MONITOR_WRITES)
                        .measure()
                        .count());
    }

    @Test
    void aPageOfDailyRecordsIsCutFromTheWholeListInOrder() {
        written(main, LocalDate.of(2026, 11, 10), 5);
        UsageRecords.RecordsPage page = records.list(
                UsageOwner.account(main.sid()),
                UsageRecords.Grouping.DAILY,
                LocalDate.of(2026, 11, 1),
                LocalDate.of(2026, 11, 25),
                Optional.empty(),
                30,
                12);
        assertEquals(25 * UsageCategory.values().length, page.total());
        assertEquals(12, page.records().size());
        // The 31st record is the second category's sixth day: the list goes by category, then date.
        assertEquals(UsageCategory.values()[1], page.records().get(0).category());
        assertEquals(LocalDate.of(2026, 11, 6), page.records().get(0).startDate());
        UsageRecord tenth = page.records().get(4);
        assertEquals(LocalDate.of(2026, 11, 10), tenth.startDate());
    }

    private List<String> periods(UsageRecords.Grouping grouping, LocalDate start, LocalDate end) {
        return records
                .list(
                        UsageOwner.account(main.sid()),
                        grouping,
                        start,
                        end,
                        Optional.of(UsageCategory.MONITOR_WRITES),
                        0,
                        50)
                .records()
                .stream()
                .map(record -> record.startDate() + ".." + record.endDate())
                .toList();
    }

    @Test
    void monthlyAndYearlyRecordsKeepTheirCalendarBoundsWithinTheRange() {
        assertEquals(
                List.of("2026-09-15..2026-09-30", "2026-10-01..2026-10-31", "2026-11-01..2026-11-25"),
                periods(UsageRecords.Grouping.MONTHLY, LocalDate.of(2026, 9, 15), LocalDate.of(2026, 11, 25)));
        assertEquals(
                List.of("2025-12-01..2025-12-31", "2026-01-01..2026-11-25"),
                periods(UsageRecords.Grouping.YEARLY, LocalDate.of(2025, 12, 1), LocalDate.of(2026, 11, 25)));
        assertEquals(
                List.of("2026-11-24..2026-11-24", "2026-11-25..2026-11-25"),
                periods(UsageRecords.Grouping.DAILY, LocalDate.of(2026, 11, 24), LocalDate.of(2026, 11, 25)));
    }

    @Test
    void aMonthsRecordCountsItsDaysOnlyAndAPageBeyondTheListIsEmptyWithItsTotal() {
        written(main, LocalDate.of(2026, 10, 31), 7);
        written(main, LocalDate.of(2026, 11, 1), 3);
        written(main, LocalDate.of(2026, 11, 20), 2);
        UsageRecords.RecordsPage months = records.list(
                UsageOwner.account(main.sid()),
                UsageRecords.Grouping.MONTHLY,
                LocalDate.of(2026, 10, 15),
                LocalDate.of(2026, 11, 19),
                Optional.of(UsageCategory.MONITOR_WRITES),
                0,
                50);
        assertEquals(
                List.of(new BigDecimal("7"), new BigDecimal("3")),
                months.records().stream()
                        .map(record -> record.measure().count())
                        .toList());
        UsageRecords.RecordsPage beyond = records.list(
                UsageOwner.account(main.sid()),
                UsageRecords.Grouping.MONTHLY,
                LocalDate.of(2026, 10, 15),
                LocalDate.of(2026, 11, 19),
                Optional.empty(),
                8,
                50);
        assertEquals(List.of(), beyond.records());
        assertEquals(2 * UsageCategory.values().length, beyond.total());
    }

    @Test
    void aStreamBatchDeliveredAgainCountsOnceAndARemovedRecordIsNoLongerHeld() {
        List<StreamChange> batch = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            batch.add(new StreamChange(
                    BigInteger.valueOf(++sequence).toString(),
                    true,
                    "EV#" + main.sid() + "#0",
                    Optional.of(main.sid()),
                    NOW));
        }
        assertEquals(Optional.empty(), meter.apply(batch));
        assertEquals(Optional.empty(), meter.apply(batch));
        assertEquals(Optional.empty(), meter.apply(batch.subList(1, 3)));
        // An expired record reaches the stream with its keys only.
        assertEquals(
                Optional.empty(),
                meter.apply(List.of(new StreamChange(
                        BigInteger.valueOf(++sequence).toString(),
                        false,
                        "EV#" + main.sid() + "#0",
                        Optional.of(main.sid()),
                        NOW))));
        assertEquals(
                new BigDecimal("3"),
                monthOf(UsageOwner.account(main.sid()), UsageCategory.MONITOR_WRITES)
                        .measure()
                        .count());
        assertEquals(
                new BigDecimal("2"),
                monthOf(UsageOwner.account(main.sid()), UsageCategory.MONITOR_STORAGE)
                        .measure()
                        .count());
    }

    @Test
    void aTriggersCurrentValueIsItsCategorysUsageSoFarInItsPeriod() {
        written(main, LocalDate.of(2026, 10, 31), 7);
        written(main, LocalDate.of(2026, 11, 2), 3);
        written(main, LocalDate.of(2026, 11, 25), 2);
        assertEquals(
                new BigDecimal("2"),
                records.current(main.sid(), UsageCategory.MONITOR_WRITES, Recurring.DAILY)
                        .count());
        assertEquals(
                new BigDecimal("5"),
                records.current(main.sid(), UsageCategory.MONITOR_WRITES, Recurring.MONTHLY)
                        .count());
        assertEquals(
                new BigDecimal("12"),
                records.current(main.sid(), UsageCategory.MONITOR_WRITES, Recurring.YEARLY)
                        .count());
    }
}
