package dev.monitor.compat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.twilio.base.Page;
import com.twilio.base.ResourceSet;
import com.twilio.http.TwilioRestClient;
import com.twilio.rest.api.v2010.Account;
import com.twilio.rest.api.v2010.AccountReader;
import com.twilio.rest.monitor.v1.Event;
import com.twilio.rest.monitor.v1.EventReader;
import dev.monitor.testing.ApiClient;
import dev.monitor.testing.RunningStack;
import dev.monitor.testing.TestAccount;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.IntPredicate;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Twilio's official Java helper library, pointed at the local stack by host only. */
class TwilioHelperLibraryTest {
    private static final String ACTOR = "US" + "c".repeat(32);
    private static final String NUMBER = "PN" + "d".repeat(32);
    private static TestAccount account;
    private static TwilioRestClient twilio;
    private static List<String> recorded;
    private static String creation;
    private static Instant now;

    @BeforeAll
    static void recordEvents() {
        account = RunningStack.newAccount();
        creation = account.creationEventSid();
        twilio = new TwilioRestClient.Builder(account.sid(), account.authToken())
                .httpClient(new LocalHostHttpClient(RunningStack.baseUrl()))
                .build();
        now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        StringBuilder batch = new StringBuilder("[");
        for (int i = 0; i < 12; i++) {
            batch.append(i == 0 ? "" : ",").append("""
                    {"event_type": "%s", "actor_sid": "%s", "resource_sid": "%s", "source_ip_address": "%s", "event_date": "%s", "event_data": {"i": %d}}""".formatted(
                            i % 3 == 0 ? "phone-number.created" : "user.login",
                            ACTOR,
                            i % 2 == 0 ? NUMBER : "PN" + "e".repeat(32),
                            i % 4 == 0 ? "192.0.2.7" : "192.0.2.8",
                            now.minus(12 - i, ChronoUnit.HOURS),
                            i));
        }
        ApiClient.Response response = account.client().postJson("/v1/Events", batch + "]");
        assertEquals(201, response.status(), response.text());
        recorded = new ArrayList<>();
        response.json()
                .get("events")
                .forEach(event -> recorded.add(event.get("sid").asText()));
    }

    private static Set<String> sids(ResourceSet<Event> events) {
        Set<String> sids = new HashSet<>();
        events.forEach(event -> sids.add(event.getSid()));
        return sids;
    }

    private static Set<String> expected(IntPredicate which) {
        Set<String> sids = new HashSet<>();
        for (int i = 0; i < recorded.size(); i++) {
            if (which.test(i)) {
                sids.add(recorded.get(i));
            }
        }
        return sids;
    }

    @Test
    void readsEveryPageThroughTheLibrarysPaging() {
        ResourceSet<Event> events = Event.reader().setPageSize(5L).read(twilio);
        List<String> order = new ArrayList<>();
        events.forEach(event -> order.add(event.getSid()));
        List<String> newestFirst = new ArrayList<>(recorded);
        Collections.reverse(newestFirst);
        // The account's creation, now, is newer than the events dated hours ago.
        newestFirst.add(0, creation);
        assertEquals(newestFirst, order);
    }

    @Test
    void pagesForwardAndBackThroughTheLibrarysPreviousPage() {
        EventReader reader = Event.reader().setPageSize(5L);
        List<List<String>> forward = new ArrayList<>();
        Page<Event> page = reader.firstPage(twilio);
        forward.add(pageSids(page));
        while (page.hasNextPage()) {
            page = reader.nextPage(page, twilio);
            forward.add(pageSids(page));
        }
        assertEquals(3, forward.size());
        for (int back = forward.size() - 2; back >= 0; back--) {
            page = reader.previousPage(page, twilio);
            assertEquals(forward.get(back), pageSids(page), "page " + back + " read back");
        }

        // The 2010-04-01 API's flat paging, back and forth through the account's subaccounts.
        for (int i = 0; i < 3; i++) {
            Account.creator().setFriendlyName("Paged sub " + i).create(twilio);
        }
        AccountReader accounts = Account.reader().setPageSize(2L);
        Page<Account> first = accounts.firstPage(twilio);
        Page<Account> second = accounts.nextPage(first, twilio);
        assertEquals(
                first.getRecords().stream().map(Account::getSid).toList(),
                accounts.previousPage(second, twilio).getRecords().stream()
                        .map(Account::getSid)
                        .toList());
    }

    private static List<String> pageSids(Page<Event> page) {
        return page.getRecords().stream().map(Event::getSid).toList();
    }

    @Test
    void filtersWithEachOfTheLibrarysSetters() {
        assertEquals(expected(i -> true), sids(Event.reader().setActorSid(ACTOR).read(twilio)));
        assertEquals(
                expected(i -> i % 3 == 0),
                sids(Event.reader().setEventType("phone-number.created").read(twilio)));
        assertEquals(
                expected(i -> i % 2 == 0),
                sids(Event.reader().setResourceSid(NUMBER).read(twilio)));
        assertEquals(
                expected(i -> i % 4 == 0),
                sids(Event.reader().setSourceIpAddress("192.0.2.7").read(twilio)));
        ZonedDateTime sixHoursAgo = ZonedDateTime.ofInstant(now.minus(6, ChronoUnit.HOURS), ZoneOffset.UTC);
        Set<String> sinceSixHoursAgo = expected(i -> i >= 6);
        sinceSixHoursAgo.add(creation);
        assertEquals(
                sinceSixHoursAgo, sids(Event.reader().setStartDate(sixHoursAgo).read(twilio)));
        assertEquals(
                expected(i -> i <= 6),
                sids(Event.reader().setEndDate(sixHoursAgo).read(twilio)));
        assertEquals(
                expected(i -> i >= 6 && i % 2 == 0 && i % 3 == 0),
                sids(Event.reader()
                        .setStartDate(sixHoursAgo)
                        .setResourceSid(NUMBER)
                        .setEventType("phone-number.created")
                        .setPageSize(1L)
                        .read(twilio)));
    }

    @Test
    void fetchesAnEventWithEveryProperty() {
        Event event = Event.fetcher(recorded.get(4)).fetch(twilio);
        assertEquals(recorded.get(4), event.getSid());
        assertEquals(account.sid(), event.getAccountSid());
        assertEquals(ACTOR, event.getActorSid());
        assertEquals(NUMBER, event.getResourceSid());
        assertEquals(
                "phone-number", Event.fetcher(recorded.get(3)).fetch(twilio).getResourceType());
        assertEquals("192.0.2.7", event.getSourceIpAddress());
        assertEquals(now.minus(8, ChronoUnit.HOURS), event.getEventDate().toInstant());
        assertEquals(4, ((Number) ((Map<?, ?>) event.getEventData()).get("i")).intValue());
        assertNotNull(event.getUrl());
        assertNotNull(event.getLinks());
    }

    @Test
    void createsListsAndFetchesSubaccounts() {
        Account sub = Account.creator().setFriendlyName("Helper library sub").create(twilio);
        assertTrue(sub.getSid().matches("AC[0-9a-f]{32}"));
        assertEquals(account.sid(), sub.getOwnerAccountSid());
        assertEquals("Helper library sub", sub.getFriendlyName());
        assertEquals(Account.Status.ACTIVE, sub.getStatus());
        assertNotNull(sub.getAuthToken());
        assertNotNull(sub.getDateCreated());

        Set<String> family = new HashSet<>();
        Account.reader().read(twilio).forEach(found -> family.add(found.getSid()));
        assertTrue(family.containsAll(Set.of(account.sid(), sub.getSid())), family.toString());
        assertEquals(
                "Helper library sub",
                Account.fetcher(sub.getSid()).fetch(twilio).getFriendlyName());

        TwilioRestClient asSub = new TwilioRestClient.Builder(sub.getSid(), sub.getAuthToken())
                .httpClient(new LocalHostHttpClient(RunningStack.baseUrl()))
                .build();
        // The subaccount's log holds its creation by its parent, and nothing of the parent's.
        List<Event> subsLog = new ArrayList<>();
        Event.reader().read(asSub).forEach(subsLog::add);
        assertEquals(1, subsLog.size());
        assertEquals("account.created", subsLog.get(0).getEventType());
        assertEquals(sub.getSid(), subsLog.get(0).getResourceSid());
        assertEquals(account.sid(), subsLog.get(0).getActorSid());
    }
}
