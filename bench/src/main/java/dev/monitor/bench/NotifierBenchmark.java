package dev.monitor.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpServer;
import dev.monitor.aws.AwsClients;
import dev.monitor.config.Environment;
import dev.monitor.jackson.Json;
import dev.monitor.jackson.NotificationJobs;
import dev.monitor.local.LocalStack;
import dev.monitor.notifier.NotificationQueueHandler;
import dev.monitor.notifier.NotifierSettings;
import dev.monitor.notify.DeliveryShare;
import dev.monitor.notify.NotificationJob;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;

/**
 * Deliveries per second of one notifier invocation: batches of signed Standard Webhooks (the
 * template's batch size) of ten accounts, ten jobs each (an invocation delivers at most
 * {@link DeliveryShare#JOBS_PER_SLOT} of one account's), handed to the notifier's handler as Lambda would, against
 * DynamoDB Local, to a receiver on loopback, with the AWS requests each delivery costs. Also prints the size of the
 * notifier's Lambda jar.
 *
 * <p>Run from the repository root after {@code mvn -B -DskipTests package}:
 * {@code java -cp bench/target/monitor-bench.jar:local/target/monitor-local.jar dev.monitor.bench.NotifierBenchmark
 * [batch size] [batches]}
 */
public final class NotifierBenchmark {
    /** Jobs of each account in a batch. */
    private static final int JOBS_PER_ACCOUNT = 10;

    private static final Set<String> WRITES =
            Set.of("PutItem", "UpdateItem", "DeleteItem", "BatchWriteItem", "TransactWriteItems");

    private NotifierBenchmark() {}

    public static void main(String[] args) throws Exception {
        int batchSize = args.length > 0 ? Integer.parseInt(args[0]) : 100;
        int batches = args.length > 1 ? Integer.parseInt(args[1]) : 10;
        AtomicInteger received = new AtomicInteger();
        HttpServer receiver = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 200);
        receiver.createContext("/", exchange -> {
            exchange.getRequestBody().readAllBytes();
            received.incrementAndGet();
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        ExecutorService receiverThreads = Executors.newFixedThreadPool(32);
        receiver.setExecutor(receiverThreads);
        receiver.start();
        try (LocalStack stack = LocalStack.start(LocalStack.Options.forTests())) {
            List<String> accounts = new ArrayList<>();
            for (int i = 0; i < Math.max(1, batchSize / JOBS_PER_ACCOUNT); i++) {
                accounts.add(newAccount(stack));
            }
            DynamoCallTimer requests = new DynamoCallTimer();
            NotifierSettings settings = NotifierSettings.from(Environment.of(notifierEnvironment(stack)));
            NotificationQueueHandler handler = new NotificationQueueHandler(
                    settings,
                    new AwsClients(
                            settings.aws(),
                            ClientOverrideConfiguration.builder()
                                    .addExecutionInterceptor(requests)
                                    .build()));
            String url = "http://127.0.0.1:" + receiver.getAddress().getPort() + "/hook";

            handler.handle(event(accounts, url, batchSize), null); // warm-up: JIT, connections, the signing secret
            received.set(0);
            requests.take();
            List<Double> rates = new ArrayList<>();
            long started = System.nanoTime();
            for (int i = 0; i < batches; i++) {
                JsonNode event = event(accounts, url, batchSize);
                long invocation = System.nanoTime();
                JsonNode response = handler.handle(event, null);
                double seconds = (System.nanoTime() - invocation) / 1e9;
                if (!response.get("batchItemFailures").isEmpty()) {
                    throw new IllegalStateException(
                            response.get("batchItemFailures").size() + " deliveries failed");
                }
                rates.add(batchSize / seconds);
            }
            double total = (System.nanoTime() - started) / 1e9;
            Map<String, DynamoCallTimer.Calls> calls = requests.take();
            rates.sort(Double::compare);
            System.out.printf(
                    "Notifier: %d invocations of %d signed webhooks each, of %d accounts, to a loopback receiver"
                            + " (DynamoDB Local)%n",
                    batches, batchSize, accounts.size());
            System.out.printf(
                    "  deliveries/s per invocation: median %.0f, min %.0f, max %.0f%n",
                    rates.get(rates.size() / 2), rates.get(0), rates.get(rates.size() - 1));
            System.out.printf(
                    "  overall: %d deliveries in %.2f s = %.0f/s; the receiver got %d%n",
                    batches * batchSize, total, batches * batchSize / total, received.get());
            int deliveries = batches * batchSize;
            long writes = calls.entrySet().stream()
                    .filter(call -> WRITES.contains(call.getKey()))
                    .mapToLong(call -> call.getValue().count())
                    .sum();
            System.out.printf(
                    "  AWS requests per delivery: %s; DynamoDB write requests per delivery: %.2f%n",
                    calls.entrySet().stream()
                            .map(call -> String.format(
                                    "%s %.2f (%d ms in calls an invocation)",
                                    call.getKey(),
                                    call.getValue().count() / (double) deliveries,
                                    call.getValue().time().toMillis() / batches))
                            .collect(Collectors.joining(", ")),
                    writes / (double) deliveries);
        } finally {
            receiver.stop(0);
            receiverThreads.shutdown();
        }
        Path jar = Path.of("functions", "notifier", "target", "monitor-notifier.jar");
        System.out.println(
                Files.exists(jar)
                        ? String.format("Notifier Lambda jar: %s, %.1f MB", jar, Files.size(jar) / 1_048_576.0)
                        : "Notifier Lambda jar: not built (run mvn -B -DskipTests package from the repository root)");
        // The embedded DynamoDB Local and ElasticMQ keep threads of their own running after close.
        System.exit(0);
    }

    private static String newAccount(LocalStack stack) throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create(stack.baseUrl() + "/v1/Accounts"))
                                .header("Authorization", "Bearer " + stack.operatorKey())
                                .header("Content-Type", "application/json")
                                .POST(HttpRequest.BodyPublishers.ofString("{\"friendly_name\": \"benchmark\"}"))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        JsonNode account = new ObjectMapper().readTree(response.body());
        if (response.statusCode() != 201) {
            throw new IllegalStateException("Creating the account failed: " + response.body());
        }
        return account.get("sid").asText();
    }

    /** What the template gives the notifier, pointed at this stack; the benchmark seals with a key of its own. */
    private static Map<String, String> notifierEnvironment(LocalStack stack) {
        String queues = stack.sqs()
                .getQueueUrl(request -> request.queueName("NotificationsQueue"))
                .queueUrl();
        String deadLetters = stack.sqs()
                .getQueueUrl(request -> request.queueName("NotificationsDeadLetterQueue"))
                .queueUrl();
        Map<String, String> environment = new HashMap<>(stack.awsEnvironment());
        environment.put("MONITOR_TABLE", "MonitorTable");
        environment.put("MONITOR_NOTIFICATIONS_QUEUE_URL", queues);
        environment.put("MONITOR_NOTIFICATIONS_DLQ_URL", deadLetters);
        environment.put("MONITOR_NOTIFICATION_SENDER", "notifications@monitor.localhost");
        environment.put("MONITOR_ALLOW_PRIVATE_WEBHOOK_TARGETS", "true");
        environment.put(
                "MONITOR_AUTH_TOKEN_SEALING_KEY",
                Base64.getEncoder().encodeToString(new SecureRandom().generateSeed(32)));
        return environment;
    }

    /** The SQS event Lambda would send the notifier for {@code size} webhook jobs, of the accounts in turn. */
    private static JsonNode event(List<String> accounts, String url, int size) {
        ObjectNode event = Json.object();
        ArrayNode records = event.putArray("Records");
        for (int i = 0; i < size; i++) {
            String occurrence = UUID.randomUUID().toString();
            NotificationJob job = new NotificationJob(
                    NotificationJob.jobId(occurrence, NotificationJob.Channel.WEBHOOK, url),
                    accounts.get(i % accounts.size()),
                    new NotificationJob.Source(NotificationJob.SourceType.ALARM, "AL" + occurrence.replace("-", "")),
                    NotificationJob.Channel.WEBHOOK,
                    url,
                    new NotificationJob.StandardWebhook(
                            "alarm.triggered",
                            Instant.now(),
                            Json.raw(Json.object().put("value", i))),
                    Instant.now());
            records.addObject()
                    .put("messageId", occurrence)
                    .put("receiptHandle", occurrence)
                    .put("body", NotificationJobs.toJson(job))
                    .put("eventSource", "aws:sqs");
        }
        return event;
    }
}
