package dev.monitor.bench;

import com.fasterxml.jackson.databind.JsonNode;
import dev.monitor.bench.SyntheticEvents.SyntheticEvent;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Predicate;

/**
 * Items DynamoDB reads per item returned, for each filter of {@code GET /v1/Events} and some combinations, paging
 * through each complete result set as a client following {@code next_page_url} does, over one account's realistic log.
 */
final class ReadAmplificationBenchmark {
    static final int PAGE_SIZE = 50;
    static final int EVENTS = 5_000;
    static final int ACTORS = 50;
    static final int RESOURCES = 500;
    static final int ADDRESSES = 30;
    static final Duration SPAN = Duration.ofDays(7);

    /** {@code query}: the filters, as a client writes them. */
    private record Case(String name, String query, Predicate<SyntheticEvent> matches) {}

    record Result(String name, long returned, long expected, int pages, ItemsReadCounter.ItemsRead read) {
        double amplification() {
            return read.total() / (double) returned;
        }
    }

    /** The account holding the data set, which the cold-start benchmark reads too. */
    record Results(AccountCredentials account, List<Result> cases) {}

    private ReadAmplificationBenchmark() {}

    static Results run(String operatorKey, Map<String, String> apiEnvironment) {
        ItemsReadCounter counter = new ItemsReadCounter();
        InProcessApi api = InProcessApi.start(apiEnvironment, counter);
        AccountCredentials account = api.createAccount(operatorKey, "Read amplification benchmark");
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        List<SyntheticEvent> log = record(api, account, now);

        // The page-token key is read once per function instance: not a cost of any one listing.
        api.call(HttpApiRequests.get("/v1/Events?PageSize=1", account.authorization()), 200);
        counter.take();

        List<Result> results = new ArrayList<>();
        for (Case listing : cases(log.get(0), now)) {
            results.add(list(
                    api,
                    counter,
                    account,
                    listing,
                    log.stream().filter(listing.matches()).count()));
        }
        return new Results(account, results);
    }

    /** Events dated uniformly over the last week, recorded through the api 100 at a time. */
    private static List<SyntheticEvent> record(InProcessApi api, AccountCredentials account, Instant now) {
        SyntheticEvents events = new SyntheticEvents(2, ACTORS, RESOURCES, ADDRESSES);
        Random dates = new Random(3);
        List<SyntheticEvent> log = new ArrayList<>(EVENTS);
        for (int i = 0; i < EVENTS; i++) {
            log.add(events.next(now.minusSeconds(60 + dates.nextLong(SPAN.toSeconds() - 60))));
        }
        for (int from = 0; from < EVENTS; from += IngestBenchmark.EVENTS_PER_REQUEST) {
            api.call(
                    HttpApiRequests.postJson(
                            "/v1/Events",
                            account.authorization(),
                            SyntheticEvents.jsonArray(log.subList(from, from + IngestBenchmark.EVENTS_PER_REQUEST))),
                    201);
        }
        return log;
    }

    /** Each filter on the values of one event of the log, so that none is empty. */
    private static List<Case> cases(SyntheticEvent sample, Instant now) {
        Instant start = now.minus(Duration.ofDays(5));
        Instant end = now.minus(Duration.ofDays(3));
        Instant lastTwoDays = now.minus(Duration.ofDays(2));
        Predicate<SyntheticEvent> actor = event -> event.actorSid().equals(sample.actorSid());
        Predicate<SyntheticEvent> type = event -> event.eventType().equals(sample.eventType());
        Predicate<SyntheticEvent> resource = event -> event.resourceSid().equals(sample.resourceSid());
        Predicate<SyntheticEvent> address = event -> event.sourceIpAddress().equals(sample.sourceIpAddress());
        return List.of(
                new Case("no filter", "", event -> true),
                new Case("ActorSid", "ActorSid=" + sample.actorSid(), actor),
                new Case("EventType", "EventType=" + sample.eventType(), type),
                new Case("ResourceSid", "ResourceSid=" + sample.resourceSid(), resource),
                new Case("SourceIpAddress", "SourceIpAddress=" + sample.sourceIpAddress(), address),
                new Case("StartDate+EndDate (2 days)", "StartDate=" + start + "&EndDate=" + end, between(start, end)),
                new Case(
                        "ResourceSid+EventType",
                        "ResourceSid=" + sample.resourceSid() + "&EventType=" + sample.eventType(),
                        resource.and(type)),
                new Case(
                        "ActorSid+StartDate",
                        "ActorSid=" + sample.actorSid() + "&StartDate=" + lastTwoDays,
                        actor.and(between(lastTwoDays, now))),
                new Case(
                        "ActorSid+EventType",
                        "ActorSid=" + sample.actorSid() + "&EventType=" + sample.eventType(),
                        actor.and(type)));
    }

    private static Predicate<SyntheticEvent> between(Instant start, Instant end) {
        return event -> !event.eventDate().isBefore(start) && !event.eventDate().isAfter(end);
    }

    private static Result list(
            InProcessApi api, ItemsReadCounter counter, AccountCredentials account, Case listing, long expected) {
        long returned = 0;
        int pages = 0;
        String next =
                "/v1/Events?" + (listing.query().isEmpty() ? "" : listing.query() + "&") + "PageSize=" + PAGE_SIZE;
        while (next != null) {
            JsonNode page = api.json(HttpApiRequests.get(next, account.authorization()), 200);
            returned += page.get("events").size();
            pages++;
            JsonNode nextUrl = page.get("meta").get("next_page_url");
            next = nextUrl.isNull() ? null : pathAndQuery(nextUrl.textValue());
        }
        return new Result(listing.name(), returned, expected, pages, counter.take());
    }

    private static String pathAndQuery(String url) {
        URI uri = URI.create(url);
        return uri.getRawPath() + "?" + uri.getRawQuery();
    }
}
