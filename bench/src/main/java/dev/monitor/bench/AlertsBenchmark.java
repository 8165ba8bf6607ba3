package dev.monitor.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import dev.monitor.alertcounter.AlertCounterFactory;
import dev.monitor.alertcounter.AlertStreamHandler;
import dev.monitor.alertcounter.AlertStreamProcessor;
import dev.monitor.alerts.LogLevel;
import dev.monitor.alerts.StreamedAlert;
import dev.monitor.aws.AwsClients;
import dev.monitor.cloudwatch.FunctionLog;
import dev.monitor.config.AlarmFunctionSettings;
import dev.monitor.config.Environment;
import dev.monitor.dynamo.alerts.AlertCodec;
import dev.monitor.local.LocalStack;
import dev.monitor.sqs.SqsNotificationQueue;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Clock;
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
import java.util.concurrent.atomic.AtomicInteger;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemRequest;
import software.amazon.awssdk.services.dynamodb.model.DeleteItemRequest;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;

/**
 * Prints two figures of the alert counter on the local stack: DynamoDB write requests per 1,000
 * alert records (against the distinct counter items they touch plus the alarm's writes), and the
 * time from {@code POST /v1/Alerts} to the alarm's notification job on the queue.
 *
 * <p>{@code java -cp bench/target/monitor-bench.jar:local/target/monitor-local.jar dev.monitor.bench.AlertsBenchmark}
 */
public final class AlertsBenchmark {
    private static final int RECORDS = 1000;
    private static final int LATENCY_RUNS = 20;

    private AlertsBenchmark() {}

    public static void main(String[] args) throws Exception {
        try (LocalStack stack = LocalStack.start(LocalStack.Options.inMemory())) {
            writesPerThousand(stack);
            postToWebhook(stack);
        }
    }

    /** One batch of 1,000 records (the template's BatchSize) through the counter, with every write request counted. */
    private static void writesPerThousand(LocalStack stack) throws Exception {
        String[] account = newAccount(stack);
        createAlarm(stack, account, "11200", 1, "http://127.0.0.1:9/hook");
        Map<String, String> environment = environment(stack);
        Map<String, AtomicInteger> writes = new HashMap<>();
        AlarmFunctionSettings settings = AlarmFunctionSettings.from(Environment.of(environment));
        DynamoDbClient counting = new AwsClients(
                        settings.aws(),
                        ClientOverrideConfiguration.builder()
                                .addExecutionInterceptor(new ExecutionInterceptor() {
                                    @Override
                                    public void beforeExecution(
                                            Context.BeforeExecution context, ExecutionAttributes attributes) {
                                        Object request = context.request();
                                        if (request instanceof PutItemRequest
                                                || request instanceof UpdateItemRequest
                                                || request instanceof DeleteItemRequest
                                                || request instanceof BatchWriteItemRequest) {
                                            writes.computeIfAbsent(
                                                            request.getClass()
                                                                    .getSimpleName()
                                                                    .replace("Request", ""),
                                                            name -> new AtomicInteger())
                                                    .incrementAndGet();
                                        }
                                    }
                                })
                                .build())
                .dynamoDb();
        AlertStreamProcessor processor = AlertCounterFactory.create(
                settings,
                counting,
                new SqsNotificationQueue(stack.sqs(), settings.notificationsQueueUrl()),
                Clock.systemUTC(),
                FunctionLog.toStdout(AlertStreamHandler.FUNCTION));
        // Ten error codes, two levels, spread over the last three minutes and the four alert partitions.
        Instant base = Instant.now().minus(3, ChronoUnit.MINUTES);
        List<StreamedAlert> alerts = new ArrayList<>();
        Set<String> counterItems = new HashSet<>();
        for (int i = 0; i < RECORDS; i++) {
            String code = Integer.toString(11200 + i % 10);
            LogLevel level = i % 7 == 0 ? LogLevel.WARNING : LogLevel.ERROR;
            Instant date = base.plusMillis(i * 180L);
            alerts.add(new StreamedAlert(
                    AlertCodec.KEYS.partitionKey(account[0], i % 4),
                    String.format("%021d", 1_000_000 + i),
                    account[0],
                    code,
                    level,
                    date));
            counterItems.add("H" + code + level + date.truncatedTo(ChronoUnit.HOURS));
            counterItems.add("D" + code + level + date.truncatedTo(ChronoUnit.DAYS));
        }
        long started = System.nanoTime();
        AlertStreamProcessor.Result first = processor.process(alerts);
        long firstMillis = (System.nanoTime() - started) / 1_000_000;
        Map<String, Integer> firstWrites = snapshot(writes);
        writes.clear();
        processor.process(alerts);
        Map<String, Integer> redelivered = snapshot(writes);
        int total = firstWrites.values().stream().mapToInt(Integer::intValue).sum();
        System.out.println(
                "Alert counter, one batch of " + RECORDS + " alert records (10 error codes x 2 levels, 3 minutes):");
        System.out.println("  distinct counter items touched:        " + counterItems.size());
        System.out.println("  DynamoDB write requests:               " + total + " " + firstWrites + " (counter writes "
                + first.counterWrites() + ", the rest is the alarm's firing: log + notified mark)");
        System.out.println("  write requests per 1,000 records:      " + total * 1000 / RECORDS);
        System.out.println("  the same batch delivered again:        "
                + redelivered.values().stream().mapToInt(Integer::intValue).sum() + " write requests " + redelivered
                + " (conditional checks that fail, nothing counted twice)");
        System.out.println("  time to count and evaluate the batch:  " + firstMillis + " ms");
    }

    /**
     * POST one alert that reaches an alarm's trigger value, and time it until the alarm's webhook reaches a local
     * receiver.
     */
    private static void postToWebhook(LocalStack stack) throws Exception {
        Map<String, Long> arrivals = new ConcurrentHashMap<>();
        HttpServer receiver = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        receiver.createContext("/", exchange -> {
            arrivals.putIfAbsent(exchange.getRequestURI().getPath(), System.nanoTime());
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        receiver.start();
        List<Long> millis = new ArrayList<>();
        try {
            for (int run = 0; run < LATENCY_RUNS; run++) {
                String path = "/run" + run;
                String[] account = newAccount(stack);
                createAlarm(
                        stack,
                        account,
                        "11200",
                        1,
                        "http://127.0.0.1:" + receiver.getAddress().getPort() + path);
                long started = System.nanoTime();
                StackHttp.send(
                        stack, "POST", "/v1/Alerts", StackHttp.basic(account), "{\"error_code\": \"11200\"}", 201);
                while (!arrivals.containsKey(path)
                        && System.nanoTime() - started < Duration.ofSeconds(30).toNanos()) {
                    Thread.sleep(5);
                }
                if (arrivals.containsKey(path)) {
                    millis.add((arrivals.get(path) - started) / 1_000_000);
                }
            }
        } finally {
            receiver.stop(0);
        }
        millis.sort(Long::compare);
        System.out.println(
                "POST /v1/Alerts to the alarm's webhook at a local receiver (local stack, stream and queue polled every "
                        + LocalStack.Options.DEFAULT_POLL_INTERVAL.toMillis() + " ms), " + millis.size() + " of "
                        + LATENCY_RUNS + " runs:");
        System.out.println("  median " + millis.get(millis.size() / 2) + " ms, p90 "
                + millis.get(millis.size() * 9 / 10 - 1) + " ms, max " + millis.get(millis.size() - 1) + " ms");
    }

    private static Map<String, Integer> snapshot(Map<String, AtomicInteger> writes) {
        Map<String, Integer> copy = new TreeMap<>();
        writes.forEach((name, count) -> copy.put(name, count.get()));
        return copy;
    }

    private static Map<String, String> environment(LocalStack stack) {
        Map<String, String> environment = new HashMap<>(stack.awsEnvironment());
        environment.put("MONITOR_TABLE", "MonitorTable");
        environment.put(
                "MONITOR_NOTIFICATIONS_QUEUE_URL",
                stack.sqs()
                        .getQueueUrl(request -> request.queueName("NotificationsQueue"))
                        .queueUrl());
        return environment;
    }

    /** Sid and auth token of a new account. */
    private static String[] newAccount(LocalStack stack) throws Exception {
        JsonNode account = StackHttp.send(
                stack, "POST", "/v1/Accounts", "Bearer " + stack.operatorKey(), "{\"friendly_name\": \"bench\"}", 201);
        return new String[] {
            account.get("sid").asText(), account.get("auth_token").asText()
        };
    }

    private static String createAlarm(LocalStack stack, String[] account, String code, int triggerValue, String webhook)
            throws Exception {
        return StackHttp.send(
                        stack,
                        "POST",
                        "/v2/Alarms",
                        StackHttp.basic(account),
                        """
                {"friendlyName": "bench", "queryType": "ERROR_CODE", "query": "%s", "triggerValue": %d, "timeWindow": "FIVE_MINS",
                 "webhook": "%s"}""".formatted(code, triggerValue, webhook),
                        201)
                .get("sid")
                .asText();
    }
}
