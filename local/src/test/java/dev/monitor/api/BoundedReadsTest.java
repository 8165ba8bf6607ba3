package dev.monitor.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.twilio.base.Page;
import com.twilio.http.TwilioRestClient;
import com.twilio.rest.monitor.v1.Event;
import com.twilio.rest.monitor.v1.EventReader;
import dev.monitor.compat.LocalHostHttpClient;
import dev.monitor.dynamo.ReadBudget;
import dev.monitor.jackson.Json;
import dev.monitor.testing.ApiClient;
import dev.monitor.testing.CapturedLogs;
import dev.monitor.testing.Eventually;
import dev.monitor.testing.RunningStack;
import dev.monitor.testing.TestAccount;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The combinations of filters that cost most: a second filter that matches little or nothing among 10,000 events of
 * the first one's value. Each request reads within its budget, whatever the data, and a client that follows
 * {@code next_page_url} gets exactly the matching events, in order.
 */
class BoundedReadsTest {
    private static final int EVENTS = 10_000;
    private static final String RESOURCE = "PN" + "5".repeat(32);
    private static final String ACTOR = "US" + "5".repeat(32);
    private static final String OTHER_ACTOR = "US" + "6".repeat(32);
    /** The few events of another type, spread through the log. */
    private static final List<Integer> RARE = List.of(700, 5_100, 9_600);
    /** What a request may read beyond its budget: the caller's account and configuration, a last read per shard. */
    private static final int BESIDES_THE_BUDGET = 8;

    private static TestAccount account;
    private static List<String> rare;

    @BeforeAll
    static void recordTheLog() throws Exception {
        account = RunningStack.newAccount();
        ExecutorService writers = Executors.newFixedThreadPool(2);
        List<Future<List<String>>> batches = new ArrayList<>();
        for (int from = 0; from < EVENTS; from += 100) {
            int first = from;
            batches.add(writers.submit(() -> record(first)));
        }
        List<String> sids = new ArrayList<>();
        for (Future<List<String>> batch : batches) {
            sids.addAll(batch.get());
        }
        writers.shutdown();
        rare = new ArrayList<>(RARE.stream().map(sids::get).toList());
        Collections.sort(rare, Collections.reverseOrder());
    }

    private static List<String> record(int first) {
        String events = IntStream.range(first, first + 100)
                .mapToObj(i -> """
                        {"event_type": "%s", "resource_sid": "%s", "actor_sid": "%s",
                         "source_ip_address": "203.0.113.5", "description": "event %d"}""".formatted(
                                RARE.contains(i) ? "phone-number.deleted" : "phone-number.updated", RESOURCE, ACTOR, i))
                .collect(Collectors.joining(",", "[", "]"));
        ApiClient.Response response = account.client().postJson("/v1/Events", events);
        assertEquals(201, response.status(), response.text());
        List<String> sids = new ArrayList<>();
        response.json().get("events").forEach(event -> sids.add(event.get("sid").asText()));
        return sids;
    }

    /** The pages a client reads following next_page_url, each as its event Sids. */
    private static List<List<String>> walk(String query) {
        List<List<String>> pages = new ArrayList<>();
        ApiClient.Response response = account.client().get("/v1/Events?" + query);
        while (true) {
            assertEquals(200, response.status(), response.text());
            List<String> sids = new ArrayList<>();
            response.json()
                    .get("events")
                    .forEach(event -> sids.add(event.get("sid").asText()));
            pages.add(sids);
            JsonNode next = response.json().get("meta").get("next_page_url");
            if (next.isNull()) {
                return pages;
            }
            assertTrue(pages.size() < 50, "paging ends");
            response = account.client().getUrl(next.asText());
        }
    }

    /** Each listing request of this account that the api answered, as its log line says what it read. */
    private static List<Long> itemsReadPerRequest(CapturedLogs logs) {
        return logs
                .matching(line -> "Request answered".equals(line.path("message").asText())
                        && "/v1/Events".equals(line.path("route").asText())
                        && account.sid().equals(line.path("accountSid").asText()))
                .stream()
                .map(line -> line.get("itemsRead").asLong())
                .toList();
    }

    @Test
    void aRareTypeAmongOneResourcesEventsIsFoundWholeInOrderOverPagesThatEachReadWithinTheBudget() throws Exception {
        try (CapturedLogs logs = CapturedLogs.start()) {
            List<List<String>> pages = walk("ResourceSid=" + RESOURCE + "&EventType=phone-number.deleted&PageSize=1");

            assertEquals(rare, pages.stream().flatMap(List::stream).toList());
            assertTrue(
                    pages.stream().anyMatch(List::isEmpty),
                    "the budget ended some page before it found an event, and that page led on: " + pages);
            List<Long> read = Eventually.until(
                    "a log line per page", () -> itemsReadPerRequest(logs), lines -> lines.size() == pages.size());
            read.forEach(items ->
                    assertTrue(items <= ReadBudget.MAX_ITEMS + BESIDES_THE_BUDGET, "a page read " + items + " items"));
        }
    }

    @Test
    void twiliosNodeLibraryFollowsTheEmptyPagesToEveryRareEvent() throws Exception {
        ProcessBuilder listing = new ProcessBuilder(
                        "node",
                        "src/test/node/list-events.js",
                        account.sid(),
                        account.authToken(),
                        "{\"resourceSid\": \"" + RESOURCE
                                + "\", \"eventType\": \"phone-number.deleted\", \"pageSize\": 1}")
                .redirectErrorStream(true);
        listing.environment().put("MONITOR_URL", RunningStack.baseUrl());
        Process node = listing.start();
        node.getOutputStream().close();
        String output = new String(node.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        assertEquals(0, node.waitFor(), output);
        List<String> listed = new ArrayList<>();
        Json.parse(output).forEach(sid -> listed.add(sid.asText()));
        assertEquals(rare, listed);
    }

    @Test
    void twiliosJavaLibraryReadsEveryRareEventPageByPage() {
        TwilioRestClient twilio = new TwilioRestClient.Builder(account.sid(), account.authToken())
                .httpClient(new LocalHostHttpClient(RunningStack.baseUrl()))
                .build();
        EventReader reader = Event.reader()
                .setResourceSid(RESOURCE)
                .setEventType("phone-number.deleted")
                .setPageSize(1L);
        // What the README tells a Java caller: follow each page's next page, empty ones too.
        List<String> listed = new ArrayList<>();
        Page<Event> page = reader.firstPage(twilio);
        while (true) {
            page.getRecords().forEach(event -> listed.add(event.getSid()));
            if (!page.hasNextPage()) {
                break;
            }
            page = reader.nextPage(page, twilio);
        }
        assertEquals(rare, listed);
        // Its ResourceSet stops at the first empty page: what the README warns of.
        List<String> iterated = new ArrayList<>();
        reader.read(twilio).forEach(event -> iterated.add(event.getSid()));
        assertEquals(rare.subList(0, iterated.size()), iterated);
    }
}
