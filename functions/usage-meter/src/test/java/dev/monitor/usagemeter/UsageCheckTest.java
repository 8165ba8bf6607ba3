package dev.monitor.usagemeter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.monitor.accounts.Account;
import dev.monitor.accounts.AccountService;
import dev.monitor.logging.Log;
import dev.monitor.notify.ConsoleLinks;
import dev.monitor.notify.NotificationJob;
import dev.monitor.notify.NotificationQueue;
import dev.monitor.testing.InMemoryStores;
import dev.monitor.testing.TestClock;
import dev.monitor.usage.Pricing;
import dev.monitor.usage.Recurring;
import dev.monitor.usage.TriggerBy;
import dev.monitor.usage.UsageCategory;
import dev.monitor.usage.UsageCheck;
import dev.monitor.usage.UsageRecords;
import dev.monitor.usage.UsageTrigger;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/**
 * The scheduled usage check, on in-memory stores: each trigger fires at most once per recurring period, once its value
 * is reached, with Twilio's callback; what the usage tests on the stack show of periods, without DynamoDB.
 */
class UsageCheckTest {
    /** Two free events a month, then 0.0001 USD each. */
    private static final Pricing PRICING = new Pricing(2, new BigDecimal("0.0001"));

    private final TestClock clock = new TestClock(Instant.parse("2031-03-10T23:58:00Z"));
    private final InMemoryStores.Events log = new InMemoryStores.Events();
    private final InMemoryStores.Accounts accountStore = new InMemoryStores.Accounts(log);
    private final AccountService accounts = InMemoryStores.accounts(accountStore, log, clock);
    private final InMemoryStores.Usage usage = new InMemoryStores.Usage();
    private final InMemoryStores.Triggers triggers = new InMemoryStores.Triggers(log);
    private final UsageMeter meter = new UsageMeter(usage, accountStore, PRICING, clock, Log.NONE);
    private final List<NotificationJob> queued = new ArrayList<>();
    private final AtomicBoolean queueDown = new AtomicBoolean();
    private final NotificationQueue queue = jobs -> {
        if (queueDown.get()) {
            throw new IllegalStateException("SQS is unreachable");
        }
        queued.addAll(jobs);
    };
    private final UsageCheck check = new UsageCheck(
            usage,
            triggers,
            new UsageRecords(usage, PRICING, clock),
            queue,
            new ConsoleLinks(Optional.of("https://monitor.example.com")),
            clock,
            Log.NONE);
    private final Account account =
            accounts.createMainAccount(InMemoryStores.OPERATOR, "Acme").account();
    private long sequence;

    private UsageTrigger trigger(UsageCategory category, TriggerBy by, Recurring recurring, String value) {
        UsageTrigger trigger = new UsageTrigger(
                "UT" + Long.toHexString(++sequence)
                        + "0".repeat(32 - Long.toHexString(sequence).length()),
                account.sid(),
                "Watch " + category.wireName(),
                "https://hooks.example.com/usage",
                "POST",
                category,
                by,
                recurring,
                new BigDecimal(value),
                BigDecimal.ZERO,
                clock.instant(),
                clock.instant(),
                Optional.empty(),
                Optional.empty());
        triggers.create(trigger, 1000, List.of());
        return trigger;
    }

    private UsageTrigger writes(Recurring recurring, String value) {
        return trigger(UsageCategory.MONITOR_WRITES, TriggerBy.COUNT, recurring, value);
    }

    /** {@code count} events written now, as the table's stream delivers them to the meter. */
    private void written(int count) {
        List<StreamChange> batch = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            batch.add(new StreamChange(
                    BigInteger.valueOf(++sequence).toString(),
                    true,
                    "EV#" + account.sid() + "#0",
                    Optional.of(account.sid()),
                    clock.instant()));
        }
        assertEquals(Optional.empty(), meter.apply(batch));
    }

    /** Writes {@code count} events at {@code at}, then runs the check ten seconds later. */
    private void writtenAndChecked(int count, String at) {
        clock.set(Instant.parse(at));
        written(count);
        clock.set(Instant.parse(at).plusSeconds(10));
        check.run();
    }

    private List<Map<String, String>> firings(UsageTrigger trigger) {
        return queued.stream()
                .filter(job -> job.source().sid().equals(trigger.sid()))
                .map(job -> ((NotificationJob.TwilioCallback) job.content()).parameters())
                .toList();
    }

    @Test
    void aDailyTriggerFiresOncePerGmtDayAndAgainAfterMidnight() {
        UsageTrigger daily = writes(Recurring.DAILY, "3");
        writtenAndChecked(2, "2031-03-10T23:58:05Z");
        assertEquals(0, firings(daily).size(), "2 of 3");
        writtenAndChecked(1, "2031-03-10T23:58:40Z");
        assertEquals(1, firings(daily).size());
        writtenAndChecked(5, "2031-03-10T23:59:10Z");
        assertEquals(1, firings(daily).size(), "fired already today");
        writtenAndChecked(2, "2031-03-11T00:00:10Z");
        assertEquals(1, firings(daily).size(), "2 of 3 of the new day");
        writtenAndChecked(1, "2031-03-11T00:00:40Z");
        assertEquals(2, firings(daily).size());
        assertEquals("3", firings(daily).get(1).get("CurrentValue"));
    }

    @Test
    void monthlyAndYearlyTriggersStartAgainWithTheirPeriodAndAnAllTimeTriggerFiresOnce() {
        UsageTrigger monthly = writes(Recurring.MONTHLY, "4");
        UsageTrigger yearly = writes(Recurring.YEARLY, "8");
        UsageTrigger allTime = writes(Recurring.ALLTIME, "8");
        writtenAndChecked(4, "2031-12-31T23:58:00Z");
        writtenAndChecked(4, "2031-12-31T23:59:00Z");
        assertEquals(1, firings(monthly).size());
        assertEquals(1, firings(yearly).size());
        assertEquals(1, firings(allTime).size());
        writtenAndChecked(4, "2032-01-01T00:00:00Z");
        assertEquals(2, firings(monthly).size(), "a new month");
        assertEquals(1, firings(yearly).size(), "4 of 8 of the new year");
        writtenAndChecked(4, "2032-01-01T00:01:00Z");
        assertEquals(2, firings(yearly).size());
        assertEquals("8", firings(yearly).get(1).get("CurrentValue"));
        assertEquals(1, firings(allTime).size(), "all time fires once ever");
    }

    @Test
    void aPriceTriggerFiresOnceTheMonthsFreeEventsAreUsed() {
        UsageTrigger byPrice = trigger(UsageCategory.MONITOR_WRITES, TriggerBy.PRICE, Recurring.MONTHLY, "0.0003");
        UsageTrigger totalPrice = trigger(UsageCategory.TOTAL_PRICE, TriggerBy.USAGE, Recurring.DAILY, "0.0005");
        writtenAndChecked(4, "2035-06-30T10:00:00Z");
        assertEquals(0, firings(byPrice).size(), "2 events paid: 0.0002");
        writtenAndChecked(1, "2035-06-30T10:01:00Z");
        assertEquals("0.0003", firings(byPrice).get(0).get("CurrentValue"));
        assertEquals(0, firings(totalPrice).size());
        writtenAndChecked(2, "2035-06-30T10:02:00Z");
        assertEquals("0.0005", firings(totalPrice).get(0).get("CurrentValue"));
        assertEquals("totalprice", firings(totalPrice).get(0).get("UsageCategory"));
    }

    @Test
    void aFiringIsTwiliosCallbackWithTheSameIdempotencyTokenForThePeriod() {
        UsageTrigger daily = writes(Recurring.DAILY, "1");
        writtenAndChecked(1, "2031-03-10T12:00:00Z");
        NotificationJob job = queued.get(0);
        assertEquals(NotificationJob.Channel.WEBHOOK, job.channel());
        assertEquals("https://hooks.example.com/usage", job.destination());
        assertEquals(new NotificationJob.Source(NotificationJob.SourceType.USAGE_TRIGGER, daily.sid()), job.source());
        NotificationJob.TwilioCallback callback = (NotificationJob.TwilioCallback) job.content();
        assertEquals("POST", callback.method());
        assertEquals(
                Map.ofEntries(
                        Map.entry("AccountSid", account.sid()),
                        Map.entry("UsageTriggerSid", daily.sid()),
                        Map.entry("DateFired", "Mon, 10 Mar 2031 12:00:10 +0000"),
                        Map.entry("Recurring", "daily"),
                        Map.entry("UsageCategory", "monitor-writes"),
                        Map.entry("TriggerBy", "count"),
                        Map.entry("TriggerValue", "1"),
                        Map.entry("CurrentValue", "1"),
                        Map.entry(
                                "UsageRecordUri",
                                "/2010-04-01/Accounts/" + account.sid()
                                        + "/Usage/Records/Today.json?Category=monitor-writes"),
                        Map.entry("IdempotencyToken", account.sid() + "-FIRES-" + daily.sid() + "-2031-03-10"),
                        Map.entry(
                                "ConsoleUrl",
                                "https://monitor.example.com/console/triggers/usage/" + daily.sid() + "?AccountSid="
                                        + account.sid())),
                callback.parameters());
        UsageTrigger fired = triggers.find(account.sid(), daily.sid()).orElseThrow();
        assertEquals(Optional.of("2031-03-10"), fired.firedPeriod());
        assertEquals(0, BigDecimal.ONE.compareTo(fired.currentValue()));
    }

    @Test
    void whenQueueingFailsNothingIsMarkedAndTheNextRunQueuesTheSameJob() {
        UsageTrigger daily = writes(Recurring.DAILY, "1");
        clock.set(Instant.parse("2031-03-10T12:00:00Z"));
        written(1);
        queueDown.set(true);
        clock.set(Instant.parse("2031-03-10T12:00:10Z"));
        assertThrows(IllegalStateException.class, check::run);
        assertEquals(
                Optional.empty(),
                triggers.find(account.sid(), daily.sid()).orElseThrow().firedPeriod());
        queueDown.set(false);
        clock.set(Instant.parse("2031-03-10T12:01:10Z"));
        UsageCheck.Result result = check.run();
        assertEquals(1, result.triggersFired());
        assertEquals(1, firings(daily).size());
        check.run();
        assertEquals(1, firings(daily).size());
    }

    @Test
    void onlyAccountsWhoseUsageChangedSinceTheLastCheckAreLookedAt() {
        writtenAndChecked(5, "2031-03-10T12:00:00Z");
        // The minute of the first check was not over: the next one looks at it again, and moves past it.
        clock.set(Instant.parse("2031-03-10T12:02:00Z"));
        assertEquals(1, check.run().accountsChecked());
        // A trigger reached already when it is made fires with the account's next change, not before.
        UsageTrigger daily = writes(Recurring.DAILY, "3");
        clock.set(Instant.parse("2031-03-10T12:05:00Z"));
        assertEquals(0, check.run().accountsChecked());
        assertEquals(0, firings(daily).size());
        writtenAndChecked(1, "2031-03-10T12:06:00Z");
        assertEquals(1, firings(daily).size());
        assertEquals("6", firings(daily).get(0).get("CurrentValue"));
    }
}
