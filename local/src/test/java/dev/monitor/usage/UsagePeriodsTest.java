package dev.monitor.usage;

import static dev.monitor.usage.UsageFixtures.awaitTodaysWrites;
import static dev.monitor.usage.UsageFixtures.check;
import static dev.monitor.usage.UsageFixtures.createTrigger;
import static dev.monitor.usage.UsageFixtures.jobsOf;
import static dev.monitor.usage.UsageFixtures.meter;
import static dev.monitor.usage.UsageFixtures.parameters;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import dev.monitor.notify.NotificationJob;
import dev.monitor.testing.RunningStack;
import dev.monitor.testing.TestAccount;
import dev.monitor.usagemeter.StreamChange;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.ResourceLock;

/**
 * Each recurring period and each TriggerBy, across the turn of a GMT day, month and year, with the
 * meter and the check on the stack's table and a clock the test sets. Each test has its own years,
 * so their checks never see each other's accounts.
 */
// Alone on the shared stack, after the classes that run beside the others there: checks on other dates fire every
// account's triggers.
@Order(Order.DEFAULT + 1)
@ResourceLock(RunningStack.ALL_ACCOUNTS)
class UsagePeriodsTest {
    private final List<NotificationJob> jobs = new ArrayList<>();

    private List<NotificationJob> runCheck(Instant now, String triggerSid) {
        check(now, jobs).run();
        return jobsOf(jobs, triggerSid);
    }

    @Test
    void aDailyTriggerFiresOncePerGmtDayAndAgainAfterMidnight() {
        TestAccount account = RunningStack.newAccount();
        String trigger = createTrigger(
                account,
                Map.of(
                        "UsageCategory",
                        "monitor-writes",
                        "TriggerValue",
                        "3",
                        "Recurring",
                        "daily",
                        "CallbackUrl",
                        "http://127.0.0.1:9/usage"));
        meter(account, 2, Instant.parse("2031-03-10T23:58:05Z"));
        assertEquals(0, runCheck(Instant.parse("2031-03-10T23:58:20Z"), trigger).size(), "2 of 3");
        meter(account, 1, Instant.parse("2031-03-10T23:58:40Z"));
        assertEquals(1, runCheck(Instant.parse("2031-03-10T23:58:50Z"), trigger).size());
        meter(account, 5, Instant.parse("2031-03-10T23:59:10Z"));
        assertEquals(1, runCheck(Instant.parse("2031-03-10T23:59:30Z"), trigger).size(), "fired already today");

        meter(account, 2, Instant.parse("2031-03-11T00:00:05Z"));
        assertEquals(
                1, runCheck(Instant.parse("2031-03-11T00:00:20Z"), trigger).size(), "a new day counts from 0: 2 of 3");
        meter(account, 1, Instant.parse("2031-03-11T00:00:30Z"));
        List<NotificationJob> fired = runCheck(Instant.parse("2031-03-11T00:00:40Z"), trigger);
        assertEquals(2, fired.size());
        Map<String, String> first = parameters(fired.get(0));
        Map<String, String> second = parameters(fired.get(1));
        assertEquals("Mon, 10 Mar 2031 23:58:50 +0000", first.get("DateFired"));
        assertEquals("3", first.get("CurrentValue"));
        assertEquals("Tue, 11 Mar 2031 00:00:40 +0000", second.get("DateFired"));
        assertEquals("3", second.get("CurrentValue"));
        assertEquals("daily", second.get("Recurring"));
        assertNotEquals(first.get("IdempotencyToken"), second.get("IdempotencyToken"));
        assertNotEquals(fired.get(0).jobId(), fired.get(1).jobId());

        awaitTodaysWrites(account, 2);
        var fetched = account.client()
                .get("/2010-04-01/Accounts/" + account.sid() + "/Usage/Triggers/" + trigger + ".json")
                .json();
        assertEquals(
                "Tue, 11 Mar 2031 00:00:40 +0000", fetched.get("date_fired").asText());
        // Its current value is today's usage, Monitor's events of the account's and the trigger's creation: the usage
        // above was metered on days to come.
        assertEquals("2", fetched.get("current_value").asText());
    }

    @Test
    void aMonthlyUsageTriggerStartsAgainWithTheMonth() {
        TestAccount account = RunningStack.newAccount();
        String trigger = createTrigger(
                account,
                Map.of(
                        "UsageCategory",
                        "monitor-writes",
                        "TriggerValue",
                        "5",
                        "Recurring",
                        "monthly",
                        "TriggerBy",
                        "usage",
                        "CallbackUrl",
                        "http://127.0.0.1:9/usage",
                        "CallbackMethod",
                        "GET"));
        meter(account, 3, Instant.parse("2032-01-15T12:00:00Z"));
        meter(account, 2, Instant.parse("2032-01-31T23:59:00Z"));
        assertEquals(1, runCheck(Instant.parse("2032-01-31T23:59:30Z"), trigger).size(), "5 in January");
        meter(account, 4, Instant.parse("2032-02-01T00:00:10Z"));
        assertEquals(1, runCheck(Instant.parse("2032-02-01T00:00:20Z"), trigger).size(), "4 in February");
        meter(account, 1, Instant.parse("2032-02-01T00:00:30Z"));
        List<NotificationJob> fired = runCheck(Instant.parse("2032-02-01T00:00:40Z"), trigger);
        assertEquals(2, fired.size());
        NotificationJob.TwilioCallback callback =
                (NotificationJob.TwilioCallback) fired.get(1).content();
        assertEquals("GET", callback.method());
        assertEquals("usage", callback.parameters().get("TriggerBy"));
        assertEquals("monthly", callback.parameters().get("Recurring"));
        assertEquals(
                "/2010-04-01/Accounts/" + account.sid() + "/Usage/Records/ThisMonth.json?Category=monitor-writes",
                callback.parameters().get("UsageRecordUri"));
    }

    @Test
    void aYearlyTriggerStartsAgainWithTheYearAndAnAllTimeTriggerNever() {
        TestAccount account = RunningStack.newAccount();
        String yearly = createTrigger(
                account,
                Map.of(
                        "UsageCategory",
                        "monitor-storage",
                        "TriggerValue",
                        "7",
                        "Recurring",
                        "yearly",
                        "TriggerBy",
                        "count",
                        "CallbackUrl",
                        "http://127.0.0.1:9/yearly"));
        String allTime = createTrigger(
                account,
                Map.of(
                        "UsageCategory",
                        "monitor-writes",
                        "TriggerValue",
                        "7",
                        "Recurring",
                        "alltime",
                        "CallbackUrl",
                        "http://127.0.0.1:9/alltime"));
        // Monitor's events of the account's creation and the two triggers' are written and held today: 3 of the 7.
        awaitTodaysWrites(account, 3);
        meter(account, 4, Instant.parse("2033-12-31T23:59:00Z"));
        check(Instant.parse("2033-12-31T23:59:10Z"), jobs).run();
        assertEquals(1, jobsOf(jobs, yearly).size());
        assertEquals(1, jobsOf(jobs, allTime).size());
        // Storage is what is held: the 7 records are still held in the new year, so the yearly trigger fires again.
        meter(account, 1, Instant.parse("2034-01-01T00:00:10Z"));
        check(Instant.parse("2034-01-01T00:00:20Z"), jobs).run();
        assertEquals(2, jobsOf(jobs, yearly).size());
        assertEquals("8", parameters(jobsOf(jobs, yearly).get(1)).get("CurrentValue"));
        assertEquals(1, jobsOf(jobs, allTime).size(), "alltime fires once ever");
    }

    @Test
    void aPriceTriggerFiresOnceTheFreeEventsOfTheMonthAreUsed() {
        TestAccount account = RunningStack.newAccount();
        // The template's defaults: 5,000 free events a month, then 0.0001 USD each.
        String byPrice = createTrigger(
                account,
                Map.of(
                        "UsageCategory",
                        "monitor-writes",
                        "TriggerValue",
                        "0.0003",
                        "Recurring",
                        "monthly",
                        "TriggerBy",
                        "price",
                        "CallbackUrl",
                        "http://127.0.0.1:9/price"));
        String totalPrice = createTrigger(
                account,
                Map.of(
                        "UsageCategory",
                        "totalprice",
                        "TriggerValue",
                        "0.0005",
                        "Recurring",
                        "daily",
                        "TriggerBy",
                        "usage",
                        "CallbackUrl",
                        "http://127.0.0.1:9/total"));
        meter(account, 5_002, Instant.parse("2035-06-30T10:00:00Z"));
        check(Instant.parse("2035-06-30T10:00:10Z"), jobs).run();
        assertEquals(0, jobsOf(jobs, byPrice).size(), "2 events paid: 0.0002");
        meter(account, 1, Instant.parse("2035-06-30T10:00:20Z"));
        check(Instant.parse("2035-06-30T10:00:30Z"), jobs).run();
        assertEquals("0.0003", parameters(jobsOf(jobs, byPrice).get(0)).get("CurrentValue"));
        assertEquals(0, jobsOf(jobs, totalPrice).size());
        meter(account, 2, Instant.parse("2035-06-30T10:00:40Z"));
        check(Instant.parse("2035-06-30T10:00:50Z"), jobs).run();
        assertEquals("0.0005", parameters(jobsOf(jobs, totalPrice).get(0)).get("CurrentValue"));
        assertEquals("totalprice", parameters(jobsOf(jobs, totalPrice).get(0)).get("UsageCategory"));
    }

    @Test
    void aRedeliveredStreamBatchCountsOnce() {
        TestAccount account = RunningStack.newAccount();
        String trigger = createTrigger(
                account,
                Map.of(
                        "UsageCategory",
                        "monitor-writes",
                        "TriggerValue",
                        "4",
                        "Recurring",
                        "daily",
                        "CallbackUrl",
                        "http://127.0.0.1:9/once"));
        Instant at = Instant.parse("2036-02-29T08:00:00Z");
        List<StreamChange> batch = UsageFixtures.written(account, 3, at);
        assertEquals(Optional.empty(), meter(at).apply(batch));
        assertEquals(Optional.empty(), meter(at).apply(batch));
        assertEquals(Optional.empty(), meter(at).apply(batch.subList(1, 3)));
        assertEquals(0, runCheck(at.plusSeconds(5), trigger).size(), "3 events, however often delivered");
        meter(account, 1, at.plusSeconds(10));
        assertEquals(1, runCheck(at.plusSeconds(15), trigger).size());
    }

    @Test
    void removedRecordsAreNoLongerHeld() {
        TestAccount account = RunningStack.newAccount();
        String trigger = createTrigger(
                account,
                Map.of(
                        "UsageCategory",
                        "monitor-storage",
                        "TriggerValue",
                        "5",
                        "Recurring",
                        "daily",
                        "CallbackUrl",
                        "http://127.0.0.1:9/held"));
        // Monitor's events of the account's creation and the trigger's are held from today: 2 of the 5.
        awaitTodaysWrites(account, 2);
        Instant at = Instant.parse("2037-05-05T05:05:00Z");
        List<StreamChange> written = UsageFixtures.written(account, 3, at);
        assertEquals(Optional.empty(), meter(at).apply(written));
        StreamChange first = written.get(0);
        // An expired event reaches the stream with its keys only.
        StreamChange expired = new StreamChange(
                UsageFixtures.written(account, 1, at).get(0).sequenceNumber(),
                false,
                first.partitionKey(),
                Optional.empty(),
                at.plusSeconds(1));
        assertEquals(Optional.empty(), meter(at).apply(List.of(expired)));
        assertEquals(0, runCheck(at.plusSeconds(10), trigger).size(), "4 held");
        meter(account, 1, at.plusSeconds(20));
        assertEquals(1, runCheck(at.plusSeconds(30), trigger).size());
    }
}
