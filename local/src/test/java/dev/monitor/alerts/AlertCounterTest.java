package dev.monitor.alerts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.monitor.alertcounter.AlertCounterFactory;
import dev.monitor.alertcounter.AlertStreamHandler;
import dev.monitor.aws.AwsClients;
import dev.monitor.cloudwatch.FunctionLog;
import dev.monitor.config.AlarmFunctionSettings;
import dev.monitor.config.Environment;
import dev.monitor.dynamo.alerts.AlertCodec;
import dev.monitor.dynamo.events.EventCodec;
import dev.monitor.jackson.Json;
import dev.monitor.sqs.SqsNotificationQueue;
import dev.monitor.testing.Polling;
import dev.monitor.testing.RunningStack;
import dev.monitor.testing.TestAccount;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.retries.DefaultRetryStrategy;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;

/**
 * The alert counter under Lambda's redelivery: the same batch twice, a batch that fails half way
 * and is retried from the record it reports, a batch split in halves. Batches are DynamoDB stream
 * events as Lambda hands them over; the counts are read back as a user reads them, from
 * {@code GET /v1/AlertCounts}.
 */
public class AlertCounterTest {
    private static final AtomicInteger SEQUENCE = new AtomicInteger();

    public static Map<String, String> environment() {
        Map<String, String> environment = new HashMap<>(RunningStack.get().awsEnvironment());
        environment.put("MONITOR_TABLE", "MonitorTable");
        environment.put(
                "MONITOR_NOTIFICATIONS_QUEUE_URL",
                RunningStack.get()
                        .sqs()
                        .getQueueUrl(request -> request.queueName("NotificationsQueue"))
                        .queueUrl());
        return environment;
    }

    /** A batch of new alert items of the account, as the table's stream delivers them: increasing sequence numbers. */
    private static List<ObjectNode> batch(String accountSid, Instant base, int size) {
        List<ObjectNode> records = new ArrayList<>();
        for (int i = 0; i < size; i++) {
            String code = i % 3 == 0 ? "11200" : "30003";
            String level = i % 4 == 0 ? "warning" : "error";
            Instant date = base.plus(i % 2, ChronoUnit.MINUTES);
            records.add(insert(accountSid, i % 3, code, level, date));
        }
        return records;
    }

    /** A stream record of a new alert item, in the JSON of Lambda's DynamoDB stream event. */
    public static ObjectNode insert(String accountSid, int shard, String code, String level, Instant date) {
        ObjectNode record = Json.object().put("eventName", "INSERT").put("eventSource", "aws:dynamodb");
        ObjectNode data = record.putObject("dynamodb")
                .put("ApproximateCreationDateTime", date.getEpochSecond())
                .put("SequenceNumber", Long.toString(900_000_000_000_000_000L + SEQUENCE.incrementAndGet()) + "00")
                .put("StreamViewType", "NEW_IMAGE");
        String pk = AlertCodec.KEYS.partitionKey(accountSid, shard);
        String sk = "NO" + "0".repeat(32);
        ObjectNode keys = data.putObject("Keys");
        keys.putObject("pk").put("S", pk);
        keys.putObject("sk").put("S", sk);
        ObjectNode image = data.putObject("NewImage");
        image.putObject("pk").put("S", pk);
        image.putObject("sk").put("S", sk);
        image.putObject("account_sid").put("S", accountSid);
        image.putObject("error_code").put("S", code);
        image.putObject("log_level").put("S", level);
        image.putObject("date_generated").put("S", date.toString());
        return record;
    }

    /** Lambda's DynamoDB stream event of these records. */
    public static ObjectNode event(List<ObjectNode> records) {
        ObjectNode event = Json.object();
        records.forEach(event.putArray("Records")::add);
        return event;
    }

    private static String sequenceNumber(JsonNode record) {
        return record.at("/dynamodb/SequenceNumber").asText();
    }

    private static List<String> failures(JsonNode answer) {
        List<String> failures = new ArrayList<>();
        answer.get("batchItemFailures")
                .forEach(failure -> failures.add(failure.get("itemIdentifier").asText()));
        return failures;
    }

    /** What the counts must be: per (code, level, minute), from the records themselves. */
    private static Map<String, Long> expected(List<ObjectNode> records) {
        Map<String, Long> counts = new TreeMap<>();
        for (ObjectNode record : records) {
            JsonNode image = record.at("/dynamodb/NewImage");
            counts.merge(
                    image.at("/error_code/S").asText() + "/"
                            + image.at("/log_level/S").asText() + "/"
                            + Instant.parse(image.at("/date_generated/S").asText())
                                    .truncatedTo(ChronoUnit.MINUTES),
                    1L,
                    Long::sum);
        }
        return counts;
    }

    static Map<String, Long> minuteCounts(TestAccount account, Instant base) {
        JsonNode body = account.client()
                .get("/v1/AlertCounts?Interval=minute&PageSize=1000&StartDate="
                        + base.minus(1, ChronoUnit.HOURS).truncatedTo(ChronoUnit.SECONDS) + "&EndDate="
                        + base.plus(1, ChronoUnit.HOURS).truncatedTo(ChronoUnit.SECONDS))
                .json();
        Map<String, Long> counts = new TreeMap<>();
        body.get("counts")
                .forEach(count -> counts.put(
                        count.get("error_code").asText() + "/"
                                + count.get("log_level").asText() + "/"
                                + count.get("interval_start").asText(),
                        count.get("count").asLong()));
        return counts;
    }

    static long dayTotal(TestAccount account, Instant base) {
        JsonNode body = account.client()
                .get("/v1/AlertCounts?Interval=day&StartDate="
                        + base.truncatedTo(ChronoUnit.DAYS).toString().substring(0, 10) + "&EndDate="
                        + base.toString().substring(0, 10))
                .json();
        long total = 0;
        for (JsonNode count : body.get("counts")) {
            total += count.get("count").asLong();
        }
        return total;
    }

    /** A minute about 20 minutes ago whose next two minutes lie in the same hour, as the hourly counts assume. */
    private static Instant base() {
        Instant minute = Instant.now().minus(20, ChronoUnit.MINUTES).truncatedTo(ChronoUnit.MINUTES);
        long minuteOfHour = minute.getEpochSecond() % 3600 / 60;
        return minuteOfHour > 57 ? minute.minus(minuteOfHour - 57, ChronoUnit.MINUTES) : minute;
    }

    @Test
    void theSameBatchTwiceCountsOnce() {
        TestAccount account = RunningStack.newAccount();
        Instant base = base();
        List<ObjectNode> records = batch(account.sid(), base, 40);
        AlertStreamHandler handler = new AlertStreamHandler(environment());

        assertEquals(List.of(), failures(handler.handle(event(records), null)));
        assertEquals(List.of(), failures(handler.handle(event(records), null)));

        assertEquals(expected(records), minuteCounts(account, base));
        assertEquals(40, dayTotal(account, base));
    }

    @Test
    void aBatchThatFailsHalfWayIsCountedExactlyOnceWhenRetriedFromTheRecordItReports() {
        TestAccount account = RunningStack.newAccount();
        Instant base = base();
        List<ObjectNode> records = batch(account.sid(), base, 60);
        AtomicInteger updates = new AtomicInteger();
        // DynamoDB refuses the third counter write of the first invocation, as a throttled request would be refused.
        AlarmFunctionSettings settings = AlarmFunctionSettings.from(Environment.of(environment()));
        DynamoDbClient failing = new AwsClients(
                        settings.aws(),
                        ClientOverrideConfiguration.builder()
                                .addExecutionInterceptor(new ExecutionInterceptor() {
                                    @Override
                                    public void beforeExecution(
                                            Context.BeforeExecution context, ExecutionAttributes attributes) {
                                        if (context.request() instanceof UpdateItemRequest
                                                && updates.incrementAndGet() == 3) {
                                            throw new IllegalStateException("injected: the third counter write fails");
                                        }
                                    }
                                })
                                .retryStrategy(DefaultRetryStrategy.doNotRetry())
                                .build())
                .dynamoDb();
        FunctionLog log = FunctionLog.toStdout(AlertStreamHandler.FUNCTION);
        AlertStreamHandler flaky = new AlertStreamHandler(
                AlertCounterFactory.create(
                        settings,
                        failing,
                        new SqsNotificationQueue(RunningStack.get().sqs(), settings.notificationsQueueUrl()),
                        Clock.systemUTC(),
                        log),
                log);

        List<String> failures = failures(flaky.handle(event(records), null));
        assertEquals(1, failures.size(), "the earliest record whose counter was not written");
        String firstFailed = failures.get(0);
        int from = 0;
        while (!sequenceNumber(records.get(from)).equals(firstFailed)) {
            from++;
        }
        long countedFirst = minuteCounts(account, base).values().stream()
                .mapToLong(Long::longValue)
                .sum();
        assertTrue(countedFirst > 0 && countedFirst < 60, "the first try counted part of the batch: " + countedFirst);

        // Lambda retries from the reported record to the end of the batch; the records before it are not sent again.
        AlertStreamHandler handler = new AlertStreamHandler(environment());
        assertEquals(List.of(), failures(handler.handle(event(records.subList(from, records.size())), null)));

        assertEquals(expected(records), minuteCounts(account, base));
        assertEquals(60, dayTotal(account, base));
    }

    @Test
    void aBisectedBatchAndItsHalvesRedeliveredCountOnce() {
        TestAccount account = RunningStack.newAccount();
        Instant base = base();
        List<ObjectNode> records = batch(account.sid(), base, 31);
        AlertStreamHandler handler = new AlertStreamHandler(environment());
        List<ObjectNode> firstHalf = records.subList(0, 15);
        List<ObjectNode> secondHalf = records.subList(15, records.size());

        // BisectBatchOnFunctionError: the halves come one after the other, each possibly more than once,
        // and the whole batch may come again after them (a duplicate invocation).
        handler.handle(event(firstHalf), null);
        handler.handle(event(firstHalf), null);
        handler.handle(event(secondHalf), null);
        handler.handle(event(records), null);
        handler.handle(event(secondHalf), null);

        assertEquals(expected(records), minuteCounts(account, base));
        assertEquals(31, dayTotal(account, base));
    }

    @Test
    void recordsOfOtherItemsAndUnreadableAlertsAreSkipped() {
        TestAccount account = RunningStack.newAccount();
        Instant base = base();
        ObjectNode event = insert(account.sid(), 0, "11200", "error", base);
        ((ObjectNode) event.at("/dynamodb/NewImage/pk")).put("S", EventCodec.KEYS.partitionKey(account.sid(), 0));
        ObjectNode unreadable = insert(account.sid(), 1, "11200", "fatal", base);
        ObjectNode counted = insert(account.sid(), 2, "11200", "error", base);
        JsonNode response =
                new AlertStreamHandler(environment()).handle(event(List.of(event, unreadable, counted)), null);
        assertEquals(List.of(), failures(response));
        assertEquals(Map.of("11200/error/" + base, 1L), minuteCounts(account, base));
    }

    @Test
    void alertsRecordedThroughTheApiAreCountedFromTheTablesStream() {
        TestAccount account = RunningStack.newAccount();
        Instant base = base();
        StringBuilder batch = new StringBuilder("[");
        for (int i = 0; i < 12; i++) {
            batch.append(i == 0 ? "" : ",")
                    .append("""
                    {"error_code": "%s", "date_generated": "%s"}""".formatted(i < 8 ? "11200" : "12200", base.plus(i % 3, ChronoUnit.MINUTES)));
        }
        assertEquals(201, account.client().postJson("/v1/Alerts", batch + "]").status());
        Map<String, Long> expected = new TreeMap<>(Map.of(
                "11200/error/" + base,
                3L,
                "11200/error/" + base.plus(1, ChronoUnit.MINUTES),
                3L,
                "11200/error/" + base.plus(2, ChronoUnit.MINUTES),
                2L,
                "12200/warning/" + base,
                1L,
                "12200/warning/" + base.plus(2, ChronoUnit.MINUTES),
                2L,
                "12200/warning/" + base.plus(1, ChronoUnit.MINUTES),
                1L));
        assertEquals(expected, Polling.until(() -> minuteCounts(account, base), expected::equals));

        JsonNode filtered = account.client()
                .get("/v1/AlertCounts?Interval=hour&ErrorCode=12200&StartDate="
                        + base.truncatedTo(ChronoUnit.HOURS).toString().replace(":00Z", ":00"))
                .json();
        assertEquals(1, filtered.get("counts").size(), filtered.toString());
        assertEquals(4, filtered.get("counts").get(0).get("count").asLong());
        assertEquals("counts", filtered.get("meta").get("key").asText());
    }
}
