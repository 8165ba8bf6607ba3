package dev.monitor.alerts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import com.amazonaws.services.lambda.runtime.events.models.dynamodb.AttributeValue;
import com.amazonaws.services.lambda.runtime.events.models.dynamodb.StreamRecord;
import com.fasterxml.jackson.databind.JsonNode;
import dev.monitor.alertcounter.AlertCounterFactory;
import dev.monitor.alertcounter.AlertCounterHandler;
import dev.monitor.aws.AwsClients;
import dev.monitor.config.Settings;
import dev.monitor.notify.SqsNotificationQueue;
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
        environment.put("MONITOR_NOTIFICATIONS_QUEUE_URL",
                RunningStack.get().sqs().getQueueUrl(request -> request.queueName("NotificationsQueue")).queueUrl());
        return environment;
    }

    /** A batch of new alert items of the account, as the table's stream delivers them: increasing sequence numbers. */
    private static List<DynamodbEvent.DynamodbStreamRecord> batch(String accountSid, Instant base, int size) {
        List<DynamodbEvent.DynamodbStreamRecord> records = new ArrayList<>();
        for (int i = 0; i < size; i++) {
            String code = i % 3 == 0 ? "11200" : "30003";
            String level = i % 4 == 0 ? "warning" : "error";
            Instant date = base.plus(i % 2, ChronoUnit.MINUTES);
            records.add(insert(accountSid, i % 3, code, level, date));
        }
        return records;
    }

    public static DynamodbEvent.DynamodbStreamRecord insert(String accountSid, int shard, String code, String level, Instant date) {
        Map<String, AttributeValue> image = new HashMap<>();
        String pk = "NO#" + accountSid + "#" + shard;
        image.put("pk", new AttributeValue().withS(pk));
        image.put("sk", new AttributeValue().withS("NO" + "0".repeat(32)));
        image.put("account_sid", new AttributeValue().withS(accountSid));
        image.put("error_code", new AttributeValue().withS(code));
        image.put("log_level", new AttributeValue().withS(level));
        image.put("date_generated", new AttributeValue().withS(date.toString()));
        StreamRecord data = new StreamRecord();
        data.setKeys(Map.of("pk", image.get("pk"), "sk", image.get("sk")));
        data.setNewImage(image);
        data.setSequenceNumber(Long.toString(900_000_000_000_000_000L + SEQUENCE.incrementAndGet()) + "00");
        DynamodbEvent.DynamodbStreamRecord record = new DynamodbEvent.DynamodbStreamRecord();
        record.setEventName("INSERT");
        record.setDynamodb(data);
        return record;
    }

    private static DynamodbEvent event(List<DynamodbEvent.DynamodbStreamRecord> records) {
        DynamodbEvent event = new DynamodbEvent();
        event.setRecords(records);
        return event;
    }

    /** What the counts must be: per (code, level, minute), from the records themselves. */
    private static Map<String, Long> expected(List<DynamodbEvent.DynamodbStreamRecord> records) {
        Map<String, Long> counts = new TreeMap<>();
        for (DynamodbEvent.DynamodbStreamRecord record : records) {
            Map<String, AttributeValue> image = record.getDynamodb().getNewImage();
            counts.merge(image.get("error_code").getS() + "/" + image.get("log_level").getS() + "/"
                    + Instant.parse(image.get("date_generated").getS()).truncatedTo(ChronoUnit.MINUTES), 1L, Long::sum);
        }
        return counts;
    }

    static Map<String, Long> minuteCounts(TestAccount account, Instant base) {
        JsonNode body = account.client().get("/v1/AlertCounts?Interval=minute&PageSize=1000&StartDate="
                + base.minus(1, ChronoUnit.HOURS).truncatedTo(ChronoUnit.SECONDS) + "&EndDate=" + base.plus(1, ChronoUnit.HOURS).truncatedTo(ChronoUnit.SECONDS)).json();
        Map<String, Long> counts = new TreeMap<>();
        body.get("counts").forEach(count -> counts.put(count.get("error_code").asText() + "/" + count.get("log_level").asText() + "/"
                + count.get("interval_start").asText(), count.get("count").asLong()));
        return counts;
    }

    static long dayTotal(TestAccount account, Instant base) {
        JsonNode body = account.client().get("/v1/AlertCounts?Interval=day&StartDate=" + base.truncatedTo(ChronoUnit.DAYS).toString().substring(0, 10)
                + "&EndDate=" + base.toString().substring(0, 10)).json();
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
        List<DynamodbEvent.DynamodbStreamRecord> records = batch(account.sid(), base, 40);
        AlertCounterHandler handler = new AlertCounterHandler(environment());

        assertEquals(List.of(), handler.handleRequest(event(records), null).getBatchItemFailures());
        assertEquals(List.of(), handler.handleRequest(event(records), null).getBatchItemFailures());

        assertEquals(expected(records), minuteCounts(account, base));
        assertEquals(40, dayTotal(account, base));
    }

    @Test
    void aBatchThatFailsHalfWayIsCountedExactlyOnceWhenRetriedFromTheRecordItReports() {
        TestAccount account = RunningStack.newAccount();
        Instant base = base();
        List<DynamodbEvent.DynamodbStreamRecord> records = batch(account.sid(), base, 60);
        AtomicInteger updates = new AtomicInteger();
        // DynamoDB refuses the third counter write of the first invocation, as a throttled request would be refused.
        Settings settings = Settings.from(environment());
        DynamoDbClient failing = new AwsClients(settings, ClientOverrideConfiguration.builder()
                .addExecutionInterceptor(new ExecutionInterceptor() {
                    @Override
                    public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
                        if (context.request() instanceof UpdateItemRequest && updates.incrementAndGet() == 3) {
                            throw new IllegalStateException("injected: the third counter write fails");
                        }
                    }
                })
                .retryStrategy(DefaultRetryStrategy.doNotRetry())
                .build()).dynamoDb();
        AlertCounterHandler flaky = new AlertCounterHandler(AlertCounterFactory.create(settings, failing,
                new SqsNotificationQueue(RunningStack.get().sqs(), settings.requiredNotificationsQueueUrl()), Clock.systemUTC()));

        List<StreamsEventResponse.BatchItemFailure> failures = flaky.handleRequest(event(records), null).getBatchItemFailures();
        assertEquals(1, failures.size(), "the earliest record whose counter was not written");
        String firstFailed = failures.get(0).getItemIdentifier();
        int from = 0;
        while (!records.get(from).getDynamodb().getSequenceNumber().equals(firstFailed)) {
            from++;
        }
        long countedFirst = minuteCounts(account, base).values().stream().mapToLong(Long::longValue).sum();
        assertTrue(countedFirst > 0 && countedFirst < 60, "the first try counted part of the batch: " + countedFirst);

        // Lambda retries from the reported record to the end of the batch; the records before it are not sent again.
        AlertCounterHandler handler = new AlertCounterHandler(environment());
        assertEquals(List.of(), handler.handleRequest(event(records.subList(from, records.size())), null).getBatchItemFailures());

        assertEquals(expected(records), minuteCounts(account, base));
        assertEquals(60, dayTotal(account, base));
    }

    @Test
    void aBisectedBatchAndItsHalvesRedeliveredCountOnce() {
        TestAccount account = RunningStack.newAccount();
        Instant base = base();
        List<DynamodbEvent.DynamodbStreamRecord> records = batch(account.sid(), base, 31);
        AlertCounterHandler handler = new AlertCounterHandler(environment());
        List<DynamodbEvent.DynamodbStreamRecord> firstHalf = records.subList(0, 15);
        List<DynamodbEvent.DynamodbStreamRecord> secondHalf = records.subList(15, records.size());

        // BisectBatchOnFunctionError: the halves come one after the other, each possibly more than once,
        // and the whole batch may come again after them (a duplicate invocation).
        handler.handleRequest(event(firstHalf), null);
        handler.handleRequest(event(firstHalf), null);
        handler.handleRequest(event(secondHalf), null);
        handler.handleRequest(event(records), null);
        handler.handleRequest(event(secondHalf), null);

        assertEquals(expected(records), minuteCounts(account, base));
        assertEquals(31, dayTotal(account, base));
    }

    @Test
    void recordsOfOtherItemsAndUnreadableAlertsAreSkipped() {
        TestAccount account = RunningStack.newAccount();
        Instant base = base();
        DynamodbEvent.DynamodbStreamRecord event = insert(account.sid(), 0, "11200", "error", base);
        event.getDynamodb().getNewImage().put("pk", new AttributeValue().withS("EV#" + account.sid() + "#0"));
        DynamodbEvent.DynamodbStreamRecord unreadable = insert(account.sid(), 1, "11200", "fatal", base);
        DynamodbEvent.DynamodbStreamRecord counted = insert(account.sid(), 2, "11200", "error", base);
        StreamsEventResponse response = new AlertCounterHandler(environment()).handleRequest(event(List.of(event, unreadable, counted)), null);
        assertEquals(List.of(), response.getBatchItemFailures());
        assertEquals(Map.of("11200/error/" + base, 1L), minuteCounts(account, base));
    }

    @Test
    void alertsRecordedThroughTheApiAreCountedFromTheTablesStream() {
        TestAccount account = RunningStack.newAccount();
        Instant base = base();
        StringBuilder batch = new StringBuilder("[");
        for (int i = 0; i < 12; i++) {
            batch.append(i == 0 ? "" : ",").append("""
                    {"error_code": "%s", "date_generated": "%s"}""".formatted(i < 8 ? "11200" : "12200", base.plus(i % 3, ChronoUnit.MINUTES)));
        }
        assertEquals(201, account.client().postJson("/v1/Alerts", batch + "]").status());
        Map<String, Long> expected = new TreeMap<>(Map.of(
                "11200/error/" + base, 3L, "11200/error/" + base.plus(1, ChronoUnit.MINUTES), 3L,
                "11200/error/" + base.plus(2, ChronoUnit.MINUTES), 2L,
                "12200/warning/" + base, 1L, "12200/warning/" + base.plus(2, ChronoUnit.MINUTES), 2L,
                "12200/warning/" + base.plus(1, ChronoUnit.MINUTES), 1L));
        assertEquals(expected, Polling.until(() -> minuteCounts(account, base), expected::equals));

        JsonNode filtered = account.client().get("/v1/AlertCounts?Interval=hour&ErrorCode=12200&StartDate="
                + base.truncatedTo(ChronoUnit.HOURS).toString().replace(":00Z", ":00")).json();
        assertEquals(1, filtered.get("counts").size(), filtered.toString());
        assertEquals(4, filtered.get("counts").get(0).get("count").asLong());
        assertEquals("counts", filtered.get("meta").get("key").asText());
    }
}
