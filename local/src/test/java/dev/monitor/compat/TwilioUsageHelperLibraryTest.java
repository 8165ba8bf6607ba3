package dev.monitor.compat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.twilio.exception.ApiException;
import com.twilio.http.HttpMethod;
import com.twilio.http.TwilioRestClient;
import com.twilio.rest.api.v2010.account.usage.Record;
import com.twilio.rest.api.v2010.account.usage.Trigger;
import com.twilio.rest.api.v2010.account.usage.record.Daily;
import com.twilio.rest.api.v2010.account.usage.record.Today;
import dev.monitor.testing.ApiClient;
import dev.monitor.testing.RunningStack;
import dev.monitor.testing.TestAccount;
import java.net.URI;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Twilio's official Java helper library on Usage Triggers and Usage Records, pointed at the local stack by host only.
 */
class TwilioUsageHelperLibraryTest {
    private static final URI CALLBACK = URI.create("http://127.0.0.1:9/usage");

    private static TwilioRestClient client(TestAccount account) {
        return new TwilioRestClient.Builder(account.sid(), account.authToken())
                .httpClient(new LocalHostHttpClient(RunningStack.baseUrl()))
                .build();
    }

    /** Reads today's writes until the meter, which counts from the table's stream, has counted {@code expected}. */
    private static void awaitTodaysWrites(TwilioRestClient twilio, String expected) throws InterruptedException {
        String writes = "";
        for (int attempt = 0; attempt < 200 && !writes.equals(expected); attempt++) {
            Thread.sleep(50);
            writes = Today.reader()
                    .setCategory("monitor-writes")
                    .read(twilio)
                    .iterator()
                    .next()
                    .getCount();
        }
        assertEquals(expected, writes);
    }

    @Test
    void createsListsFetchesUpdatesAndDeletesUsageTriggers() throws InterruptedException {
        TestAccount account = RunningStack.newAccount();
        TwilioRestClient twilio = client(account);
        // The account's creation, an event of Monitor's own, is its first write today.
        awaitTodaysWrites(twilio, "1");
        Trigger daily = Trigger.creator(CALLBACK, "100", "monitor-writes")
                .setRecurring(Trigger.Recurring.DAILY)
                .setTriggerBy(Trigger.TriggerField.COUNT)
                .setFriendlyName("Writes")
                .create(twilio);
        Trigger monthly = Trigger.creator(CALLBACK, "+2.5", "totalprice")
                .setRecurring(Trigger.Recurring.MONTHLY)
                .setTriggerBy(Trigger.TriggerField.PRICE)
                .setCallbackMethod(HttpMethod.GET)
                .create(twilio);
        Trigger reads = Trigger.creator(CALLBACK, "1000", "monitor-reads")
                .setRecurring(Trigger.Recurring.DAILY)
                .setTriggerBy(Trigger.TriggerField.USAGE)
                .create(twilio);

        assertTrue(daily.getSid().matches("UT[0-9a-f]{32}"));
        assertEquals(account.sid(), daily.getAccountSid());
        assertEquals("2010-04-01", daily.getApiVersion());
        assertEquals(HttpMethod.POST, daily.getCallbackMethod());
        assertEquals(CALLBACK, daily.getCallbackUrl());
        assertEquals("1", daily.getCurrentValue());
        assertEquals("100", daily.getTriggerValue());
        assertEquals("monitor-writes", daily.getUsageCategory());
        assertEquals(Trigger.Recurring.DAILY, daily.getRecurring());
        assertEquals(Trigger.TriggerField.COUNT, daily.getTriggerBy());
        assertNull(daily.getDateFired());
        assertEquals(
                "/2010-04-01/Accounts/" + account.sid() + "/Usage/Triggers/" + daily.getSid() + ".json",
                daily.getUri());
        assertTrue(daily.getDateCreated() != null && daily.getDateUpdated() != null);
        assertEquals("2.5", monthly.getTriggerValue(), "an offset from the current price, 0");
        assertEquals(HttpMethod.GET, monthly.getCallbackMethod());

        assertEquals(
                Set.of(daily.getSid(), monthly.getSid(), reads.getSid()),
                sids(Trigger.reader().setPageSize(2L).read(twilio)));
        assertEquals(
                Set.of(daily.getSid(), reads.getSid()),
                sids(Trigger.reader().setRecurring(Trigger.Recurring.DAILY).read(twilio)));
        assertEquals(
                Set.of(monthly.getSid()),
                sids(Trigger.reader().setTriggerBy(Trigger.TriggerField.PRICE).read(twilio)));
        assertEquals(
                Set.of(reads.getSid()),
                sids(Trigger.reader().setUsageCategory("monitor-reads").read(twilio)));

        assertEquals("Writes", Trigger.fetcher(daily.getSid()).fetch(twilio).getFriendlyName());
        Trigger updated = Trigger.updater(daily.getSid())
                .setFriendlyName("Renamed")
                .setCallbackMethod(HttpMethod.GET)
                .setCallbackUrl(URI.create("http://127.0.0.1:9/elsewhere"))
                .update(twilio);
        assertEquals("Renamed", updated.getFriendlyName());
        assertEquals(HttpMethod.GET, updated.getCallbackMethod());
        assertEquals(
                "http://127.0.0.1:9/elsewhere",
                Trigger.fetcher(daily.getSid()).fetch(twilio).getCallbackUrl().toString());
        assertEquals("100", updated.getTriggerValue());

        assertTrue(Trigger.deleter(daily.getSid()).delete(twilio));
        ApiException gone = assertThrows(
                ApiException.class, () -> Trigger.fetcher(daily.getSid()).fetch(twilio));
        assertEquals(404, gone.getStatusCode());
    }

    @Test
    void readsUsageRecordsAndTheirSubresources() throws InterruptedException {
        TestAccount account = RunningStack.newAccount();
        TwilioRestClient twilio = client(account);
        ApiClient.Response recorded = account.client()
                .postJson(
                        "/v1/Events",
                        "[{\"event_type\": \"user.login\"}, {\"event_type\": \"user.login\"}, {\"event_type\": \"user.logout\"}]");
        assertEquals(201, recorded.status(), recorded.text());
        // The account's creation, an event of Monitor's own, and the three.
        awaitTodaysWrites(twilio, "4");

        List<Record> all = new ArrayList<>();
        Record.reader().read(twilio).forEach(all::add);
        assertEquals(
                List.of("monitor-writes", "monitor-reads", "monitor-storage", "totalprice"),
                all.stream().map(Record::getCategory).toList());
        Record held = all.get(2);
        assertEquals("4", held.getCount());
        assertEquals("records", held.getCountUnit());
        assertEquals(LocalDate.now(ZoneOffset.UTC), held.getEndDate());
        assertEquals(0, held.getPrice().signum(), "the first 5,000 events of a month are free");
        assertEquals("usd", held.getPriceUnit().getCurrencyCode().toLowerCase(Locale.ROOT));
        assertTrue(
                held.getSubresourceUris().get("daily").endsWith("/Usage/Records/Daily.json?Category=monitor-storage"));

        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        List<Daily> days = new ArrayList<>();
        Daily.reader()
                .setCategory("monitor-writes")
                .setStartDate(today.minusDays(2))
                .setEndDate(today)
                .setPageSize(2L)
                .read(twilio)
                .forEach(days::add);
        assertEquals(
                List.of(today.minusDays(2), today.minusDays(1), today),
                days.stream().map(Daily::getStartDate).toList());
        assertEquals(List.of("0", "0", "4"), days.stream().map(Daily::getCount).toList());
    }

    private static Set<String> sids(Iterable<Trigger> triggers) {
        Set<String> sids = new HashSet<>();
        triggers.forEach(trigger -> sids.add(trigger.getSid()));
        return sids;
    }
}
