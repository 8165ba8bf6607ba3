package dev.monitor.faults;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.monitor.faults.DynamoFaultProxy.Faults;
import dev.monitor.ids.Sids;
import dev.monitor.jackson.Json;
import dev.monitor.jackson.NotificationJobs;
import dev.monitor.local.AwsBackend;
import dev.monitor.local.LocalStack;
import dev.monitor.notify.NotificationJob;
import dev.monitor.testing.ApiClient;
import dev.monitor.testing.Eventually;
import dev.monitor.testing.TestAccount;
import dev.monitor.testing.WebhookReceiver;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;
import org.junit.jupiter.api.parallel.ResourceLock;

/**
 * The functions of the local stack with DynamoDB behind {@link DynamoFaultProxy}: under each fault, batches of events
 * and alerts are recorded and listed, and then, with the faults lifted, what a user sees is checked: an acknowledged
 * batch is stored whole and once, a refused one not at all, every answer came inside the api's timeout, the alert
 * counter's and the usage meter's counts are exact, and a notification is sent once. The figures go to
 * {@code target/fault-injection.txt}.
 */
@Order(3)
@Execution(ExecutionMode.CONCURRENT) // beside the other classes, on a stack of its own
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@ResourceLock("the fault proxy") // which its tests share, in their order
class FaultInjectionTest {
    private static final long SEED = 20261125L;
    /** The api function's timeout in template.yaml: every answer must come before it. */
    private static final Duration API_TIMEOUT = Duration.ofSeconds(29);

    private static final int EVENT_BATCHES = 4;
    private static final int EVENTS_PER_BATCH = 50;
    private static final int ALERT_BATCHES = 3;
    private static final int ALERTS_PER_BATCH = 25;
    private static final int LISTINGS = 3;
    /** A batch of jobs, as the local stack's queue poller receives them at most. */
    private static final int BATCH = 10;
    /** The attempts the functions' SDK clients make of one call (dev.monitor.aws.SdkTimeouts). */
    private static final int SDK_ATTEMPTS = 5;

    private record Row(String name, Faults faults) {}

    private static final List<Row> ROWS = List.of(
            new Row("none", Faults.NONE),
            new Row("throttle 30%", Faults.throttling(0.3)),
            new Row("throttle 60%", Faults.throttling(0.6)),
            new Row("unprocessed 50%", Faults.unprocessed(0.5)),
            new Row("500 before 10%", Faults.failingBefore(0.1)),
            new Row("500 after 10%", Faults.failingAfter(0.1)),
            new Row("latency +200 ms", Faults.slow(Duration.ofMillis(200))));

    /** Everything at once, for the stream consumers and the notifier. */
    private static final Faults MIXED = new Faults(0.2, 0.3, 0.05, 0.05, Duration.ofMillis(20));

    private DynamoFaultProxy proxy;
    private LocalStack stack;
    private final FaultTable table = new FaultTable();
    /** Per account of {@link #acknowledgedBatchesAreStoredWholeAndRefusedOnesNotAtAll}: events and alerts stored. */
    private final Map<TestAccount, long[]> stored = new HashMap<>();

    @BeforeAll
    void start() throws IOException {
        proxy = DynamoFaultProxy.start(SEED);
        LocalStack.Options defaults = LocalStack.Options.forTests();
        LocalStack.Options options = new LocalStack.Options(
                defaults.port(),
                null,
                null,
                null,
                defaults.sesEndpoint(),
                defaults.pollInterval(),
                Map.of("AWS_ENDPOINT_URL_DYNAMODB", proxy.url(), "MONITOR_NOTIFICATION_RETRY_SCHEDULE", "0s,1s,1s"));
        stack = LocalStack.start(options, () -> {
            AwsBackend backend = AwsBackend.embedded(null);
            // The stack itself (tables, stream pollers) reaches DynamoDB Local directly; only the functions pass the
            // proxy, from their init on (the api reads its page-token key there).
            proxy.forwardTo(backend.environment().get("AWS_ENDPOINT_URL_DYNAMODB"));
            return backend;
        });
    }

    @AfterAll
    void stop() {
        table.write(
                Path.of("target", "fault-injection.txt"),
                "Fault injection (seed " + SEED + "): DynamoDB behind a faulty proxy; stored = items a user sees "
                        + "afterwards, by what the request was answered.\nInjected: " + proxy.injected());
        if (stack != null) {
            stack.close();
        }
        if (proxy != null) {
            proxy.close();
        }
    }

    @Test
    @Order(1)
    void acknowledgedBatchesAreStoredWholeAndRefusedOnesNotAtAll() throws Exception {
        for (Row row : ROWS) {
            TestAccount account = newAccount();
            FaultTable.Answers events = new FaultTable.Answers();
            FaultTable.Answers alerts = new FaultTable.Answers();
            FaultTable.Answers listings = new FaultTable.Answers();
            Map<String, Integer> eventAnswers = new ConcurrentHashMap<>();
            Map<String, Integer> alertAnswers = new ConcurrentHashMap<>();
            List<Set<String>> listed = new ArrayList<>();
            ExecutorService clients = Executors.newFixedThreadPool(2);
            List<Future<?>> requests = new ArrayList<>();
            proxy.inject(row.faults());
            try {
                for (int b = 0; b < EVENT_BATCHES; b++) {
                    String batch = "e" + b;
                    requests.add(clients.submit(() -> eventAnswers.put(
                            batch,
                            timed(events, () -> account.client().postJson("/v1/Events", eventBatch(batch)))
                                    .status())));
                }
                for (int b = 0; b < ALERT_BATCHES; b++) {
                    String batch = "a" + b;
                    requests.add(clients.submit(() -> alertAnswers.put(
                            batch,
                            timed(alerts, () -> account.client().postJson("/v1/Alerts", alertBatch(batch)))
                                    .status())));
                }
                for (int l = 0; l < LISTINGS; l++) {
                    requests.add(clients.submit(() -> {
                        ApiClient.Response page =
                                timed(listings, () -> account.client().get("/v1/Events?PageSize=50"));
                        if (page.status() == 200) {
                            synchronized (listed) {
                                listed.add(markers(page.json().get("events"), "description"));
                            }
                        }
                        return page.status();
                    }));
                }
                for (Future<?> request : requests) {
                    request.get(2, TimeUnit.MINUTES);
                }
            } finally {
                proxy.inject(Faults.NONE);
                clients.shutdownNow();
            }

            Map<String, Integer> eventsStored =
                    storedByBatch(account, "/v1/Events?PageSize=1000", "events", "description");
            Map<String, Integer> alertsStored =
                    storedByBatch(account, "/v1/Alerts?PageSize=1000", "alerts", "alert_text");
            checkAllOrNothing(row, "events", eventAnswers, eventsStored, EVENTS_PER_BATCH);
            checkAllOrNothing(row, "alerts", alertAnswers, alertsStored, ALERTS_PER_BATCH);
            for (Set<String> page : listed) {
                for (String marker : page) {
                    assertEquals(201, eventAnswers.get(marker.split("-")[0]), row.name() + ": listed " + marker);
                }
            }
            for (FaultTable.Answers answers : List.of(events, alerts, listings)) {
                assertTrue(
                        answers.max() < API_TIMEOUT.toMillis(),
                        row.name() + ": an answer took " + answers.max() + " ms");
            }
            assertEquals(
                    LISTINGS, listings.count(200) + listings.count(503), row.name() + ": listings answered 200 or 503");
            long eventTotal =
                    eventsStored.values().stream().mapToLong(Integer::longValue).sum();
            long alertTotal =
                    alertsStored.values().stream().mapToLong(Integer::longValue).sum();
            stored.put(account, new long[] {eventTotal, alertTotal});
            table.add(row.name(), "POST /v1/Events ×" + EVENTS_PER_BATCH, events, eventTotal + " events");
            table.add(row.name(), "POST /v1/Alerts ×" + ALERTS_PER_BATCH, alerts, alertTotal + " alerts");
            table.add(row.name(), "GET /v1/Events", listings, "–");
        }
    }

    @Test
    @Order(2)
    void alertCountsAndUsageStayExact() throws Exception {
        proxy.inject(MIXED);
        try {
            Thread.sleep(3_000);
        } finally {
            proxy.inject(Faults.NONE);
        }
        for (Map.Entry<TestAccount, long[]> entry : stored.entrySet()) {
            TestAccount account = entry.getKey();
            long events = entry.getValue()[0];
            long alerts = entry.getValue()[1];
            Supplier<String> counted =
                    () -> alertCount(account) + " alerts counted, " + usage(account) + " writes metered";
            String expected = alerts + " alerts counted, " + (events + alerts) + " writes metered";
            Eventually.until("the counts of " + account.sid() + " to be " + expected, counted, expected::equals);
            Thread.sleep(300);
            assertEquals(expected, counted.get(), "the counts stay exact");
        }
    }

    @Test
    @Order(3)
    void eachNotificationIsSentOnce() throws Exception {
        List<String> codes = List.of("11100", "11200", "11205", "11206", "11210", "11215");
        TestAccount account = newAccount();
        try (WebhookReceiver receiver = WebhookReceiver.ok()) {
            for (String code : codes) {
                ApiClient.Response alarm =
                        account.client().postJson("/v2/Alarms", """
                        {"friendlyName": "Code %s", "queryType": "ERROR_CODE", "query": "%s", "triggerValue": 1,
                         "timeWindow": "FIVE_MINS", "webhook": "%s"}""".formatted(code, code, receiver.url("/" + code)));
                assertEquals(201, alarm.status(), alarm.text());
            }
            FaultTable.Answers answers = new FaultTable.Answers();
            proxy.inject(MIXED);
            try {
                for (String code : codes) {
                    // A refused batch stored nothing, so sending it again cannot count it twice.
                    Eventually.until(
                            "alert " + code + " to be recorded",
                            () -> timed(
                                            answers,
                                            () -> account.client()
                                                    .postJson(
                                                            "/v1/Alerts",
                                                            "{\"error_code\": \"" + code + "\", \"alert_text\": \"n-"
                                                                    + code + "\"}"))
                                    .status(),
                            status -> status == 201);
                }
                Thread.sleep(3_000);
            } finally {
                proxy.inject(Faults.NONE);
            }
            Eventually.until(
                    "a webhook for every alarm",
                    () -> receiver.received().stream()
                            .map(WebhookReceiver.Received::uri)
                            .distinct()
                            .count(),
                    count -> count == codes.size());
            Thread.sleep(2_000);
            List<WebhookReceiver.Received> received = receiver.received();
            Set<String> ids = new HashSet<>();
            for (WebhookReceiver.Received webhook : received) {
                assertTrue(ids.add(webhook.header("webhook-id")), "sent twice: " + webhook.uri());
            }
            assertEquals(codes.size(), received.size(), "one webhook per alarm");
            table.add(
                    "mixed",
                    "POST /v1/Alerts (alarms)",
                    answers,
                    received.size() + " webhooks for " + codes.size() + " alarms");
        }
    }

    /**
     * DynamoDB executes the claim of a batch of 10 jobs, and the answer to it is lost, and to each of the SDK's retries
     * of it, so that the SDK's call fails: the notifier must still find the claim made, deliver the 10 webhooks in this
     * invocation and record each as its first attempt, instead of handing the batch back to find its jobs claimed and
     * wait out the lease (7 minutes) before their first attempt.
     */
    @Test
    @Order(4)
    void aClaimWhoseAnswersAreLostIsNotLeftToWaitOutItsLease() throws Exception {
        TestAccount account = newAccount();
        try (WebhookReceiver receiver = WebhookReceiver.ok()) {
            ObjectNode event = Json.object();
            ArrayNode records = event.putArray("Records");
            for (int i = 0; i < BATCH; i++) {
                String alarm = Sids.random("AK");
                String url = receiver.url("/lost-answer/" + i);
                NotificationJob job = new NotificationJob(
                        NotificationJob.jobId(alarm, NotificationJob.Channel.WEBHOOK, url),
                        account.sid(),
                        new NotificationJob.Source(NotificationJob.SourceType.ALARM, alarm),
                        NotificationJob.Channel.WEBHOOK,
                        url,
                        new NotificationJob.StandardWebhook("alarm.triggered", Instant.now(), Json.raw(Json.object())),
                        Instant.now());
                records.addObject()
                        .put("messageId", "m" + i)
                        .put("receiptHandle", "r" + i)
                        .put("body", NotificationJobs.toJson(job))
                        .put("eventSource", "aws:sqs");
            }
            // Only the notifier's claims name the account in a TransactWriteItems.
            proxy.loseTheAnswersToNext(SDK_ATTEMPTS, "TransactWriteItems", account.sid());

            // The batch as Lambda hands it to the notifier: one invocation, one claim of the 10 jobs.
            JsonNode answer = stack.invoke("NotifierFunction", event);

            assertEquals(
                    Map.of("answer lost TransactWriteItems", (long) SDK_ATTEMPTS),
                    lostAnswers(),
                    "the claim's answers were lost");
            assertEquals("[]", answer.get("batchItemFailures").toString(), "every message done");
            assertEquals(
                    BATCH,
                    receiver.received().stream()
                            .map(WebhookReceiver.Received::uri)
                            .distinct()
                            .count(),
                    "each webhook");
            assertEquals(BATCH, receiver.received().size(), "each webhook once");
            JsonNode deliveries = account.client().get("/v1/Deliveries").json().get("deliveries");
            assertEquals(BATCH, deliveries.size());
            for (JsonNode delivery : deliveries) {
                assertEquals("delivered", delivery.get("status").asText(), delivery.toString());
                assertEquals(1, delivery.get("attempt_count").asInt(), "claimed once, attempted once: " + delivery);
            }
        }
    }

    private Map<String, Long> lostAnswers() {
        Map<String, Long> lost = new TreeMap<>(proxy.injected());
        lost.keySet().removeIf(kind -> !kind.startsWith("answer lost"));
        return lost;
    }

    private TestAccount newAccount() {
        ApiClient operator = ApiClient.operator(stack.baseUrl(), stack.operatorKey());
        ApiClient.Response response = operator.postJson("/v1/Accounts", "{\"friendly_name\": \"Faults\"}");
        assertEquals(201, response.status(), response.text());
        JsonNode json = response.json();
        String sid = json.get("sid").asText();
        String token = json.get("auth_token").asText();
        return new TestAccount(sid, token, ApiClient.account(stack.baseUrl(), sid, token));
    }

    private static ApiClient.Response timed(FaultTable.Answers answers, Supplier<ApiClient.Response> request) {
        long started = System.nanoTime();
        ApiClient.Response response = request.get();
        answers.add(response.status(), (System.nanoTime() - started) / 1_000_000);
        return response;
    }

    private static String eventBatch(String batch) {
        StringBuilder json = new StringBuilder("[");
        for (int i = 0; i < EVENTS_PER_BATCH; i++) {
            json.append(i == 0 ? "" : ",")
                    .append("{\"event_type\": \"phone-number.created\", \"source\": \"api\", \"description\": \"")
                    .append(batch)
                    .append('-')
                    .append(i)
                    .append("\"}");
        }
        return json.append(']').toString();
    }

    private static String alertBatch(String batch) {
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        StringBuilder json = new StringBuilder("[");
        for (int i = 0; i < ALERTS_PER_BATCH; i++) {
            json.append(i == 0 ? "" : ",")
                    .append("{\"error_code\": \"30001\", \"date_generated\": \"")
                    .append(now)
                    .append("\", \"alert_text\": \"")
                    .append(batch)
                    .append('-')
                    .append(i)
                    .append("\"}");
        }
        return json.append(']').toString();
    }

    private static Set<String> markers(JsonNode items, String field) {
        Set<String> markers = new HashSet<>();
        items.forEach(item -> markers.add(item.get(field).asText()));
        return markers;
    }

    /** The items a user sees, counted by the batch their marker names; an item seen twice fails. */
    private static Map<String, Integer> storedByBatch(TestAccount account, String path, String list, String field) {
        ApiClient.Response response = account.client().get(path);
        assertEquals(200, response.status(), response.text());
        JsonNode items = response.json().get(list);
        Set<String> markers = new HashSet<>();
        Map<String, Integer> byBatch = new HashMap<>();
        items.forEach(item -> {
            String marker = item.get(field).asText();
            assertTrue(markers.add(marker), "stored twice: " + marker);
            byBatch.merge(marker.split("-")[0], 1, Integer::sum);
        });
        return byBatch;
    }

    private static void checkAllOrNothing(
            Row row, String what, Map<String, Integer> answers, Map<String, Integer> storedByBatch, int size) {
        answers.forEach((batch, status) -> {
            int kept = storedByBatch.getOrDefault(batch, 0);
            if (status == 201) {
                assertEquals(size, kept, row.name() + ": acknowledged " + what + " batch " + batch);
            } else {
                assertEquals(503, status, row.name() + ": " + what + " batch " + batch + " answered " + status);
                assertEquals(0, kept, row.name() + ": refused " + what + " batch " + batch + " kept items");
            }
        });
    }

    private long alertCount(TestAccount account) {
        Instant now = Instant.now();
        JsonNode body = account.client()
                .get("/v1/AlertCounts?Interval=day&StartDate="
                        + now.minus(1, ChronoUnit.DAYS).toString().substring(0, 10) + "&EndDate="
                        + now.plus(1, ChronoUnit.DAYS).toString().substring(0, 10))
                .json();
        long total = 0;
        for (JsonNode count : body.path("counts")) {
            total += count.get("count").asLong();
        }
        return total;
    }

    private long usage(TestAccount account) {
        JsonNode records = account.client()
                .get("/2010-04-01/Accounts/" + account.sid() + "/Usage/Records/ThisMonth.json?Category=monitor-writes")
                .json()
                .path("usage_records");
        return records.isEmpty() ? 0 : records.get(0).get("count").asLong();
    }
}
