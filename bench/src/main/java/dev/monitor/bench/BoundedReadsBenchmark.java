package dev.monitor.bench;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintStream;
import java.net.URI;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;
import java.util.function.IntFunction;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * The most a single list request costs: for each list endpoint, a pair of filters whose second matches nothing among
 * many items of the first one's value (10,000 events, 10,000 alerts, 2,100 error codes' counters, 1,000 subaccounts,
 * 1,000 usage triggers), paged through to the end as a client following the next page's link does; the slowest
 * request of each walk and the most items it read. Goals: at most a second and the read budget. Then a main account's
 * usage records with 1,000 subaccounts against one.
 */
final class BoundedReadsBenchmark {
    static final int ITEMS = 10_000;
    static final int ERROR_CODES = 2_100;
    static final int SUBACCOUNTS = 1_000;
    static final int TRIGGERS = 1_000;
    private static final String RESOURCE = "PN" + "7".repeat(32);
    private static final String ACTOR = "US" + "7".repeat(32);
    private static final int USAGE_READS = 20;

    /** One list walked: how many pages, the items they held, and the worst of its requests. */
    record Walk(String list, int pages, long items, double worstMillis, long worstItemsRead) {}

    /** A main account's usage records: the median request's time and items read, with one and with many subaccounts. */
    record FamilyUsage(int subaccounts, double medianMillis, long itemsRead) {}

    record Results(List<Walk> walks, List<FamilyUsage> usage) {}

    private BoundedReadsBenchmark() {}

    static Results run(String operatorKey, Map<String, String> apiEnvironment, Consumer<String> progress)
            throws Exception {
        ItemsReadCounter counter = new ItemsReadCounter();
        InProcessApi api = InProcessApi.start(apiEnvironment, counter);
        AccountCredentials account = api.createAccount(operatorKey, "Bounded reads benchmark");
        progress.accept("bounded reads: recording " + ITEMS + " events of one resource, " + ITEMS
                + " alerts of one error code and " + ERROR_CODES + " alerts of as many codes");
        for (int from = 0; from < ITEMS; from += 100) {
            api.call(HttpApiRequests.postJson("/v1/Events", account.authorization(), events(from)), 201);
            api.call(HttpApiRequests.postJson("/v1/Alerts", account.authorization(), alerts(from, i -> "11200")), 201);
        }
        AccountCredentials codes = api.createAccount(operatorKey, "Many error codes");
        for (int from = 0; from < ERROR_CODES; from += 100) {
            api.call(
                    HttpApiRequests.postJson(
                            "/v1/Alerts", codes.authorization(), alerts(from, i -> Integer.toString(30_000 + i))),
                    201);
        }
        progress.accept("bounded reads: " + SUBACCOUNTS + " subaccounts and " + TRIGGERS + " usage triggers");
        List<String> subaccounts = subaccounts(api, account, SUBACCOUNTS);
        String triggers = "/2010-04-01/Accounts/" + account.accountSid() + "/Usage/Triggers.json";
        for (int i = 0; i < TRIGGERS; i++) {
            api.call(
                    HttpApiRequests.postForm(
                            triggers,
                            account.authorization(),
                            "UsageCategory=monitor-writes&TriggerValue=" + (1_000_000 + i)
                                    + "&CallbackUrl=http%3A%2F%2F127.0.0.1%3A9%2Fusage"),
                    201);
        }
        awaitCounted(api, codes);
        counter.take();

        Instant hourAgo = Instant.now().minus(1, ChronoUnit.HOURS).truncatedTo(ChronoUnit.SECONDS);
        String family = "/2010-04-01/Accounts.json?FriendlyName=nobody&Status=suspended";
        List<Walk> walks = new ArrayList<>();
        for (String[] list : List.of(
                new String[] {
                    "events", "/v1/Events?ResourceSid=" + RESOURCE + "&EventType=phone-number.deleted&PageSize=1"
                },
                new String[] {
                    "events", "/v1/Events?ResourceSid=" + RESOURCE + "&ActorSid=US" + "8".repeat(32) + "&PageSize=1"
                },
                new String[] {
                    "events", "/v1/Events?ResourceSid=" + RESOURCE + "&SourceIpAddress=198.51.100.1&PageSize=1"
                },
                new String[] {
                    "events", "/v1/Events?ResourceSid=" + RESOURCE + "&EventType=phone-number.deleted&PageSize=1000"
                },
                new String[] {"alerts", "/v1/Alerts?ErrorCode=11200&LogLevel=warning&PageSize=1"},
                new String[] {"alerts", "/v1/Alerts?ResourceSid=" + RESOURCE + "&LogLevel=warning&PageSize=1"},
                new String[] {"accounts", family + "&PageSize=1"},
                new String[] {"usage_triggers", triggers + "?UsageCategory=monitor-reads&Recurring=daily&PageSize=1"
                })) {
            progress.accept("bounded reads: " + list[1]);
            walks.add(walk(api, counter, account, list[0], list[1]));
        }
        String counts = "/v1/AlertCounts?Interval=minute&LogLevel=warning&PageSize=1&StartDate=" + hourAgo;
        progress.accept("bounded reads: " + counts);
        walks.add(walk(api, counter, codes, "counts", counts));

        progress.accept("bounded reads: usage records with 1 subaccount and with " + SUBACCOUNTS);
        AccountCredentials small = api.createAccount(operatorKey, "One subaccount");
        List<String> one = subaccounts(api, small, 1);
        recordOneEachAsTheOperator(api, operatorKey, one);
        recordOneEachAsTheOperator(api, operatorKey, subaccounts);
        Thread.sleep(5_000); // the usage meter counts them from the stream
        List<FamilyUsage> usage =
                List.of(familyUsage(api, counter, small, 1), familyUsage(api, counter, account, SUBACCOUNTS));
        return new Results(walks, usage);
    }

    private static String events(int from) {
        return IntStream.range(from, from + 100)
                .mapToObj(i -> """
                        {"event_type": "phone-number.updated", "resource_sid": "%s", "actor_sid": "%s",
                         "actor_type": "user", "source": "api", "source_ip_address": "203.0.113.7",
                         "description": "Updated a number", "event_data": {"request": %d}}""".formatted(RESOURCE, ACTOR, i))
                .collect(Collectors.joining(",", "[", "]"));
    }

    private static String alerts(int from, IntFunction<String> errorCode) {
        return IntStream.range(from, from + 100)
                .mapToObj(i -> """
                        {"error_code": "%s", "log_level": "error", "alert_text": "HTTP retrieval failure %d",
                         "resource_sid": "%s", "request_url": "https://example.com/voice", "request_method": "POST"}""".formatted(errorCode.apply(i), i, RESOURCE))
                .collect(Collectors.joining(",", "[", "]"));
    }

    /** Subaccounts of the account, made through the api from a few threads as an owner's script would. */
    private static List<String> subaccounts(InProcessApi api, AccountCredentials owner, int count) throws Exception {
        ExecutorService makers = Executors.newFixedThreadPool(4);
        try {
            List<Future<String>> made = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                int n = i;
                made.add(makers.submit(() -> api.json(
                                HttpApiRequests.postForm(
                                        "/2010-04-01/Accounts.json", owner.authorization(), "FriendlyName=sub" + n),
                                201)
                        .get("sid")
                        .asText()));
            }
            List<String> sids = new ArrayList<>();
            for (Future<String> sid : made) {
                sids.add(sid.get());
            }
            return sids;
        } finally {
            makers.shutdown();
        }
    }

    private static void recordOneEachAsTheOperator(InProcessApi api, String operatorKey, List<String> accounts) {
        for (String accountSid : accounts) {
            api.call(
                    HttpApiRequests.postJson(
                            "/v1/Events",
                            HttpApiRequests.bearer(operatorKey),
                            "{\"event_type\": \"usage.metered\", \"account_sid\": \"" + accountSid + "\"}"),
                    201);
        }
    }

    /** Waits until the alert counter has counted every alert of the many codes. */
    private static void awaitCounted(InProcessApi api, AccountCredentials codes) throws InterruptedException {
        String today = Instant.now().truncatedTo(ChronoUnit.DAYS).toString().substring(0, 10);
        for (int polls = 0; polls < 600; polls++) {
            long total = 0;
            for (String next = "/v1/AlertCounts?Interval=day&PageSize=1000&StartDate=" + today; next != null; ) {
                JsonNode page = api.json(HttpApiRequests.get(next, codes.authorization()), 200);
                for (JsonNode count : page.get("counts")) {
                    total += count.get("count").asLong();
                }
                JsonNode nextUrl = page.get("meta").get("next_page_url");
                next = nextUrl.isNull() ? null : pathAndQuery(nextUrl.textValue());
            }
            if (total >= ERROR_CODES) {
                return;
            }
            Thread.sleep(500);
        }
        throw new IllegalStateException("The alert counter did not count the alerts of " + ERROR_CODES + " codes");
    }

    private static Walk walk(
            InProcessApi api, ItemsReadCounter counter, AccountCredentials account, String key, String first) {
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
            // The Monitor APIs link absolute URLs in meta; the 2010-04-01 API relative ones beside the list.
            JsonNode nextLink = page.has("meta") ? page.get("meta").get("next_page_url") : page.get("next_page_uri");
            next = nextLink.isNull() ? null : pathAndQuery(nextLink.textValue());
        }
        return new Walk(first, pages, items, worstMillis, worstItemsRead);
    }

    private static FamilyUsage familyUsage(
            InProcessApi api, ItemsReadCounter counter, AccountCredentials main, int subaccounts) {
        String records = "/2010-04-01/Accounts/" + main.accountSid() + "/Usage/Records.json";
        List<Double> millis = new ArrayList<>();
        long itemsRead = 0;
        for (int i = 0; i < USAGE_READS; i++) {
            counter.take();
            long started = System.nanoTime();
            api.json(HttpApiRequests.get(records, main.authorization()), 200);
            millis.add((System.nanoTime() - started) / 1e6);
            itemsRead = counter.take().total();
        }
        Collections.sort(millis);
        return new FamilyUsage(subaccounts, millis.get(millis.size() / 2), itemsRead);
    }

    private static String pathAndQuery(String url) {
        URI uri = URI.create(url);
        return uri.getRawPath() + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
    }

    static void print(PrintStream out, Results results) {
        out.println();
        out.println("| list, filters that match nothing (or little) among many items | pages | items "
                + "| worst request ms | most items read |");
        out.println("|---|---|---|---|---|");
        for (Walk walk : results.walks()) {
            out.printf(
                    "| `%s` | %d | %d | %.0f | %,d |%n",
                    walk.list().replaceAll("([A-Z]{2})([0-9a-f])\\2{31}", "$1…").replaceAll("AC[0-9a-f]{32}", "AC…"),
                    walk.pages(),
                    walk.items(),
                    walk.worstMillis(),
                    walk.worstItemsRead());
        }
        out.println();
        out.println("| a main account's `Usage/Records.json` | median ms | items read |");
        out.println("|---|---|---|");
        for (FamilyUsage usage : results.usage()) {
            out.printf(
                    "| with %,d subaccount%s | %.1f | %d |%n",
                    usage.subaccounts(), usage.subaccounts() == 1 ? "" : "s", usage.medianMillis(), usage.itemsRead());
        }
    }
}
