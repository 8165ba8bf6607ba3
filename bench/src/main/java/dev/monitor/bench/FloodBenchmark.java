package dev.monitor.bench;

import com.fasterxml.jackson.databind.JsonNode;
import dev.monitor.jackson.Json;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * One account floods the api with ingest requests from 16 clients, each sending as fast as it can and waiting out a
 * 429's Retry-After as Twilio's libraries and SDKs do; meanwhile another account reads a page of its events, one
 * request after another. Its median latency against its idle median, over HTTP through the local stack's gateway.
 */
final class FloodBenchmark {
    static final int FLOODING_CLIENTS = 16;
    private static final Duration FLOOD = Duration.ofSeconds(20);
    private static final int IDLE_READS = 60;
    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    /** The quiet account's medians, idle and flooded, and what the flooding account's requests were answered. */
    record Result(
            double idleMedianMillis, double floodedMedianMillis, int floodedReads, Map<String, Long> floodAnswers) {
        double ratio() {
            return floodedMedianMillis / idleMedianMillis;
        }
    }

    private FloodBenchmark() {}

    static Result run(String baseUrl, String operatorKey, Consumer<String> progress) throws Exception {
        AccountCredentials quiet = account(baseUrl, operatorKey, "Quiet account");
        AccountCredentials flooder = account(baseUrl, operatorKey, "Flooding account");
        for (int i = 0; i < 2; i++) {
            send(post(baseUrl, quiet, batch()));
        }
        progress.accept("flood: the quiet account's idle reads, after as many to warm up");
        reads(baseUrl, quiet, IDLE_READS, () -> true);
        List<Double> idle = reads(baseUrl, quiet, IDLE_READS, () -> true);

        progress.accept("flood: " + FLOODING_CLIENTS + " clients of one account for " + FLOOD.toSeconds() + " s");
        AtomicBoolean flooding = new AtomicBoolean(true);
        Map<String, LongAdder> answers = new ConcurrentHashMap<>();
        ExecutorService clients = Executors.newFixedThreadPool(FLOODING_CLIENTS);
        String body = batch();
        for (int i = 0; i < FLOODING_CLIENTS; i++) {
            clients.execute(() -> {
                while (flooding.get()) {
                    try {
                        HttpResponse<String> response = send(post(baseUrl, flooder, body));
                        answers.computeIfAbsent(Integer.toString(response.statusCode()), key -> new LongAdder())
                                .increment();
                        if (response.statusCode() == 429) {
                            long wait = response.headers()
                                    .firstValueAsLong("Retry-After")
                                    .orElse(1);
                            Thread.sleep(TimeUnit.SECONDS.toMillis(wait));
                        }
                    } catch (IOException e) {
                        answers.computeIfAbsent("no answer", key -> new LongAdder())
                                .increment();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        return;
                    }
                }
            });
        }
        Thread.sleep(2_000); // the flood under way before the first read
        long end = System.nanoTime() + FLOOD.toNanos();
        List<Double> flooded = reads(baseUrl, quiet, Integer.MAX_VALUE, () -> System.nanoTime() < end);
        flooding.set(false);
        clients.shutdown();
        clients.awaitTermination(30, TimeUnit.SECONDS);
        Map<String, Long> totals = new TreeMap<>();
        answers.forEach((status, count) -> totals.put(status, count.sum()));
        return new Result(median(idle), median(flooded), flooded.size(), totals);
    }

    private static List<Double> reads(String baseUrl, AccountCredentials account, int most, BooleanSupplier more)
            throws Exception {
        List<Double> millis = new ArrayList<>();
        while (millis.size() < most && more.getAsBoolean()) {
            long started = System.nanoTime();
            HttpResponse<String> response = send(HttpRequest.newBuilder(URI.create(baseUrl + "/v1/Events?PageSize=50"))
                    .header("Authorization", account.authorization())
                    .timeout(Duration.ofSeconds(30))
                    .GET()
                    .build());
            if (response.statusCode() != 200) {
                throw new IllegalStateException("The quiet account's read answered " + response.statusCode());
            }
            millis.add((System.nanoTime() - started) / 1e6);
        }
        return millis;
    }

    private static AccountCredentials account(String baseUrl, String operatorKey, String name) throws Exception {
        HttpResponse<String> created = send(HttpRequest.newBuilder(URI.create(baseUrl + "/v1/Accounts"))
                .header("Authorization", HttpApiRequests.bearer(operatorKey))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"friendly_name\": \"" + name + "\"}"))
                .build());
        JsonNode json = Json.parse(created.body());
        return new AccountCredentials(
                json.get("sid").asText(), json.get("auth_token").asText());
    }

    private static HttpRequest post(String baseUrl, AccountCredentials account, String body) {
        return HttpRequest.newBuilder(URI.create(baseUrl + "/v1/Events"))
                .header("Authorization", account.authorization())
                .header("Content-Type", "application/json")
                .timeout(Duration.ofSeconds(30))
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build();
    }

    private static String batch() {
        return IntStream.range(0, IngestBenchmark.EVENTS_PER_REQUEST)
                .mapToObj(i -> "{\"event_type\": \"flood.sent\", \"resource_sid\": \"PN" + "3".repeat(32)
                        + "\", \"description\": \"event " + i + "\"}")
                .collect(Collectors.joining(",", "[", "]"));
    }

    private static HttpResponse<String> send(HttpRequest request) throws IOException, InterruptedException {
        return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
    }

    private static double median(List<Double> values) {
        List<Double> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        return sorted.get(sorted.size() / 2);
    }

    static void print(PrintStream out, Result result, String limits) {
        out.println();
        out.println("| another account's `GET /v1/Events?PageSize=50` (" + limits + ") | figure |");
        out.println("|---|---|");
        out.printf("| median, idle (%d reads) | %.1f ms |%n", IDLE_READS, result.idleMedianMillis());
        out.printf(
                "| median, while %d clients of one account flood `POST /v1/Events` (%d reads) | %.1f ms |%n",
                FLOODING_CLIENTS, result.floodedReads(), result.floodedMedianMillis());
        out.printf("| flooded ÷ idle (goal ≤ 1.5) | %.2f |%n", result.ratio());
        out.println("| the flooding account's answers | " + result.floodAnswers() + " |");
    }
}
