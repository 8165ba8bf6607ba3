package dev.monitor.faults;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.monitor.jackson.Json;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;

/**
 * An HTTP proxy in front of DynamoDB Local that does what production DynamoDB does and DynamoDB Local never does:
 * throttles, leaves batch items and keys unprocessed, fails with a 500 before or after executing a request, and
 * answers late, each at a configurable rate drawn from one seeded random source. The functions' SDK clients point at
 * it, so their own retries meet the faults.
 */
public final class DynamoFaultProxy implements AutoCloseable {
    private static final String PREFIX = "com.amazonaws.dynamodb.v20120810#";
    private static final Set<String> UNFORWARDED_HEADERS =
            Set.of("host", "content-length", "connection", "expect", "upgrade", "transfer-encoding");

    /** The faults in force; {@link #NONE} injects nothing. Rates are fractions of requests (or of batch items). */
    record Faults(double throttle, double unprocessed, double failBefore, double failAfter, Duration latency) {
        static final Faults NONE = new Faults(0, 0, 0, 0, Duration.ZERO);

        static Faults throttling(double rate) {
            return new Faults(rate, 0, 0, 0, Duration.ZERO);
        }

        static Faults unprocessed(double rate) {
            return new Faults(0, rate, 0, 0, Duration.ZERO);
        }

        static Faults failingBefore(double rate) {
            return new Faults(0, 0, rate, 0, Duration.ZERO);
        }

        static Faults failingAfter(double rate) {
            return new Faults(0, 0, 0, rate, Duration.ZERO);
        }

        static Faults slow(Duration latency) {
            return new Faults(0, 0, 0, 0, latency);
        }
    }

    private final HttpServer server;
    private final ExecutorService workers = Executors.newFixedThreadPool(16);
    private final HttpClient client =
            HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private final Random random;
    private final Map<String, AtomicLong> injected = new ConcurrentHashMap<>();
    private volatile URI upstream;
    private volatile Faults faults = Faults.NONE;
    private volatile String withheldText;
    private LostAnswers lostAnswers;

    /**
     * The answers to lose: to the first request of {@code operation} whose body holds {@code text}, then to the repeats
     * of that request (the same body: the SDK's retries of one call), {@code left} in all.
     */
    private record LostAnswers(String operation, String text, String request, int left) {}

    private DynamoFaultProxy(HttpServer server, long seed) {
        this.server = server;
        this.random = new Random(seed);
    }

    public static DynamoFaultProxy start(long seed) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 64);
        DynamoFaultProxy proxy = new DynamoFaultProxy(server, seed);
        server.createContext("/", proxy::handle);
        server.setExecutor(proxy.workers);
        server.start();
        return proxy;
    }

    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    public void forwardTo(String upstreamUrl) {
        this.upstream = URI.create(upstreamUrl);
    }

    void inject(Faults faults) {
        this.faults = faults;
    }

    /** From now on, every batch-written item holding this text stays unprocessed, however often it is sent. */
    public void withholdItemsHolding(String text) {
        this.withheldText = text;
    }

    /**
     * The next request of {@code operation} whose body holds {@code text}, and its repeats (the same request sent
     * again), {@code count} in all, are executed by DynamoDB and answered 500, as if each answer were lost on the way
     * back, whatever else is injected.
     */
    public synchronized void loseTheAnswersToNext(int count, String operation, String text) {
        this.lostAnswers = new LostAnswers(operation, text, null, count);
    }

    /** How many faults of each kind were injected, by "kind operation". */
    Map<String, Long> injected() {
        Map<String, Long> counts = new TreeMap<>();
        injected.forEach((kind, count) -> counts.put(kind, count.get()));
        return counts;
    }

    private double draw() {
        synchronized (random) {
            return random.nextDouble();
        }
    }

    private void count(String kind, String operation) {
        injected.computeIfAbsent(kind + " " + operation, key -> new AtomicLong())
                .incrementAndGet();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            byte[] body = exchange.getRequestBody().readAllBytes();
            String target = exchange.getRequestHeaders().getFirst("X-Amz-Target");
            String operation = target == null ? "" : target.substring(target.indexOf('.') + 1);
            Faults now = faults;
            if (!now.latency().isZero()) {
                Thread.sleep(now.latency().toMillis());
            }
            if (draw() < now.throttle()) {
                count("throttled", operation);
                String type = draw() < 0.5 ? "ProvisionedThroughputExceededException" : "ThrottlingException";
                reply(exchange, 400, error(type, "Rate exceeded"));
                return;
            }
            if (draw() < now.failBefore()) {
                count("500-before", operation);
                reply(exchange, 500, error("InternalServerError", "Internal server error"));
                return;
            }
            Withheld withheld = withhold(operation, body, now.unprocessed(), withheldText);
            if (withheld.count() > 0) {
                count("unprocessed x" + withheld.count(), operation);
            }
            HttpResponse<byte[]> answer;
            if (withheld.forwarded() == null) {
                answer = null;
            } else {
                answer = forward(exchange, withheld.forwarded());
            }
            if (losesItsAnswer(operation, body)) {
                count("answer lost", operation);
                reply(exchange, 500, error("InternalServerError", "Internal server error"));
                return;
            }
            if (draw() < now.failAfter()) {
                count("500-after", operation);
                reply(exchange, 500, error("InternalServerError", "Internal server error"));
                return;
            }
            byte[] text = answer == null ? "{}".getBytes(StandardCharsets.UTF_8) : answer.body();
            int status = answer == null ? 200 : answer.statusCode();
            if (withheld.count() > 0 && status == 200) {
                text = withheld.addTo(text);
            }
            reply(exchange, status, text);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private synchronized boolean losesItsAnswer(String operation, byte[] body) {
        LostAnswers lost = lostAnswers;
        if (lost == null || !lost.operation().equals(operation)) {
            return false;
        }
        String request = new String(body, StandardCharsets.UTF_8);
        if (lost.request() == null ? !request.contains(lost.text()) : !request.equals(lost.request())) {
            return false;
        }
        lostAnswers = lost.left() > 1 ? new LostAnswers(operation, lost.text(), request, lost.left() - 1) : null;
        return true;
    }

    private HttpResponse<byte[]> forward(HttpExchange exchange, byte[] body) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(upstream.resolve(exchange.getRequestURI()))
                .method(exchange.getRequestMethod(), HttpRequest.BodyPublishers.ofByteArray(body));
        exchange.getRequestHeaders().forEach((name, values) -> {
            if (!UNFORWARDED_HEADERS.contains(name.toLowerCase(Locale.ROOT))) {
                // The JDK's server hands names lower-cased after the first letter; DynamoDB Local reads X-Amz-Target as
                // written.
                values.forEach(value -> request.header(canonical(name), value));
            }
        });
        return client.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    private static String canonical(String name) {
        StringBuilder canonical = new StringBuilder(name.length());
        boolean upper = true;
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            canonical.append(upper ? Character.toUpperCase(c) : Character.toLowerCase(c));
            upper = c == '-';
        }
        return canonical.toString();
    }

    private static void reply(HttpExchange exchange, int status, byte[] body) throws IOException {
        // No x-amz-crc32: the body may be rewritten, and the SDK checks the checksum only when it is sent.
        exchange.getResponseHeaders().set("Content-Type", "application/x-amz-json-1.0");
        exchange.sendResponseHeaders(status, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    private static byte[] error(String type, String message) {
        return Json.write(Json.object().put("__type", PREFIX + type).put("message", message))
                .getBytes(StandardCharsets.UTF_8);
    }

    /**
     * What a batch request sends on and what it holds back, to be reported unprocessed as DynamoDB does under load.
     * {@code forwarded} is null when every item was held back.
     */
    private record Withheld(byte[] forwarded, ObjectNode unprocessed, String field, int count) {
        byte[] addTo(byte[] answer) {
            ObjectNode json = (ObjectNode) parse(answer);
            ObjectNode existing = json.has(field) ? (ObjectNode) json.get(field) : json.putObject(field);
            unprocessed.properties().forEach(entry -> {
                JsonNode there = existing.get(entry.getKey());
                if (there == null) {
                    existing.set(entry.getKey(), entry.getValue());
                } else if (there.isArray()) {
                    ((ArrayNode) there).addAll((ArrayNode) entry.getValue());
                } else {
                    ((ArrayNode) there.get("Keys"))
                            .addAll((ArrayNode) entry.getValue().get("Keys"));
                }
            });
            if (field.equals("UnprocessedKeys") && !json.has("Responses")) {
                json.putObject("Responses");
            }
            return Json.write(json).getBytes(StandardCharsets.UTF_8);
        }
    }

    /**
     * For BatchWriteItem and BatchGetItem, holds back each item or key at {@code rate}, and each written item holding
     * {@code text}; other requests pass whole.
     */
    private Withheld withhold(String operation, byte[] body, double rate, String text) {
        boolean writes = operation.equals("BatchWriteItem");
        if ((rate <= 0 && (text == null || !writes)) || (!writes && !operation.equals("BatchGetItem"))) {
            return new Withheld(body, null, null, 0);
        }
        ObjectNode request = (ObjectNode) parse(body);
        ObjectNode items = (ObjectNode) request.get("RequestItems");
        ObjectNode unprocessed = Json.object();
        int held = 0;
        int left = 0;
        List<String> emptied = new ArrayList<>();
        for (Map.Entry<String, JsonNode> table : items.properties()) {
            ArrayNode list =
                    (ArrayNode) (writes ? table.getValue() : table.getValue().get("Keys"));
            ArrayNode kept = Json.array();
            ArrayNode back = Json.array();
            list.forEach(entry -> (draw() < rate
                                    || (writes
                                            && text != null
                                            && entry.toString().contains(text))
                            ? back
                            : kept)
                    .add(entry));
            held += back.size();
            left += kept.size();
            if (!back.isEmpty()) {
                if (writes) {
                    unprocessed.set(table.getKey(), back);
                } else {
                    ObjectNode keys = table.getValue().deepCopy();
                    keys.set("Keys", back);
                    unprocessed.set(table.getKey(), keys);
                }
            }
            if (kept.isEmpty()) {
                emptied.add(table.getKey());
            } else if (writes) {
                table.setValue(kept);
            } else {
                ((ObjectNode) table.getValue()).set("Keys", kept);
            }
        }
        items.remove(emptied);
        byte[] forwarded = left == 0 ? null : Json.write(request).getBytes(StandardCharsets.UTF_8);
        return new Withheld(forwarded, unprocessed, writes ? "UnprocessedItems" : "UnprocessedKeys", held);
    }

    private static JsonNode parse(byte[] json) {
        try {
            return Json.parse(new String(json, StandardCharsets.UTF_8));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("DynamoDB's JSON did not parse", e);
        }
    }

    @Override
    public void close() {
        server.stop(0);
        workers.shutdownNow();
    }
}
