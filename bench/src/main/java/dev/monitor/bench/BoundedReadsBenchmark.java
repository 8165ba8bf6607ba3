package dev.monitor.bench;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintStream;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * The most a single list request costs: for each list endpoint, a pair of filters whose second matches nothing among
 * 10,000 items of the first one's value, paged through to the end as a client following {@code next_page_url} does;
 * the slowest request of each walk and the most items it read. Goals: at most a second and the read budget.
 */
final class BoundedReadsBenchmark {
    static final int ITEMS = 10_000;
    private static final String RESOURCE = "PN" + "7".repeat(32);
    private static final String ACTOR = "US" + "7".repeat(32);

    /** One list walked: how many pages, the items they held, and the worst of its requests. */
    record Walk(String list, int pages, long items, double worstMillis, long worstItemsRead) {}

    private BoundedReadsBenchmark() {}

    static List<Walk> run(String operatorKey, Map<String, String> apiEnvironment, Consumer<String> progress) {
        ItemsReadCounter counter = new ItemsReadCounter();
        InProcessApi api = InProcessApi.start(apiEnvironment, counter);
        AccountCredentials account = api.createAccount(operatorKey, "Bounded reads benchmark");
        progress.accept("bounded reads: recording " + ITEMS + " events of one resource and " + ITEMS
                + " alerts of one error code");
        for (int from = 0; from < ITEMS; from += 100) {
            api.call(HttpApiRequests.postJson("/v1/Events", account.authorization(), events(from)), 201);
            api.call(HttpApiRequests.postJson("/v1/Alerts", account.authorization(), alerts(from)), 201);
        }
        counter.take();
        List<Walk> walks = new ArrayList<>();
        for (String query : List.of(
                "/v1/Events?ResourceSid=" + RESOURCE + "&EventType=phone-number.deleted&PageSize=1",
                "/v1/Events?ResourceSid=" + RESOURCE + "&ActorSid=US" + "8".repeat(32) + "&PageSize=1",
                "/v1/Events?ResourceSid=" + RESOURCE + "&SourceIpAddress=198.51.100.1&PageSize=1",
                "/v1/Events?ResourceSid=" + RESOURCE + "&EventType=phone-number.deleted&PageSize=1000",
                "/v1/Alerts?ErrorCode=11200&LogLevel=warning&PageSize=1",
                "/v1/Alerts?ErrorCode=11200&ResourceSid=PN" + "8".repeat(32) + "&PageSize=1")) {
            progress.accept("bounded reads: " + query);
            walks.add(walk(api, counter, account, query));
        }
        return walks;
    }

    private static String events(int from) {
        return IntStream.range(from, from + 100)
                .mapToObj(i -> """
                        {"event_type": "phone-number.updated", "resource_sid": "%s", "actor_sid": "%s",
                         "actor_type": "user", "source": "api", "source_ip_address": "203.0.113.7",
                         "description": "Updated a number", "event_data": {"request": %d}}""".formatted(RESOURCE, ACTOR, i))
                .collect(Collectors.joining(",", "[", "]"));
    }

    private static String alerts(int from) {
        return IntStream.range(from, from + 100)
                .mapToObj(i -> """
                        {"error_code": "11200", "log_level": "error", "alert_text": "HTTP retrieval failure %d",
                         "resource_sid": "%s", "request_url": "https://example.com/voice", "request_method": "POST"}""".formatted(i, RESOURCE))
                .collect(Collectors.joining(",", "[", "]"));
    }

    private static Walk walk(InProcessApi api, ItemsReadCounter counter, AccountCredentials account, String first) {
        String key = first.startsWith("/v1/Events") ? "events" : "alerts";
        int pages = 0;
        long items = 0;
        double worstMillis = 0;
        long worstItemsRead = 0;
        for (String next = first; next != null; ) {
            long started = System.nanoTime();
            JsonNode page = api.json(HttpApiRequests.get(next, account.authorization()), 200);
            worstMillis = Math.max(worstMillis, (System.nanoTime() - started) / 1e6);
            worstItemsRead = Math.max(worstItemsRead, counter.take().total());
            pages++;
            items += page.get(key).size();
            JsonNode nextUrl = page.get("meta").get("next_page_url");
            next = nextUrl.isNull() ? null : pathAndQuery(nextUrl.textValue());
        }
        return new Walk(first, pages, items, worstMillis, worstItemsRead);
    }

    private static String pathAndQuery(String url) {
        URI uri = URI.create(url);
        return uri.getRawPath() + "?" + uri.getRawQuery();
    }

    static void print(PrintStream out, List<Walk> walks) {
        out.println();
        out.println("| list, filters that match nothing (or little) among " + ITEMS
                + " items | pages | items | worst request ms | most items read |");
        out.println("|---|---|---|---|---|");
        for (Walk walk : walks) {
            out.printf(
                    "| `%s` | %d | %d | %.0f | %,d |%n",
                    walk.list().replaceAll("[A-Z]{2}([0-9a-f])\\1{31}", "…"),
                    walk.pages(),
                    walk.items(),
                    walk.worstMillis(),
                    walk.worstItemsRead());
        }
    }
}
