package dev.monitor.testing;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntUnaryOperator;

/**
 * A webhook receiver on 127.0.0.1 that records every request as it arrives and answers with the status its
 * script gives for the n-th request (1-based), at once or, for a slow one, after a while.
 */
public final class WebhookReceiver implements AutoCloseable {
    /** One request as the receiver saw it; header names lowercase. */
    public record Received(String method, String uri, Map<String, List<String>> headers, String body) {
        public String header(String name) {
            List<String> values = headers.get(name);
            return values == null ? null : values.get(0);
        }
    }

    private final HttpServer server;
    private final ExecutorService threads;
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private final AtomicInteger answered = new AtomicInteger();
    private final CountDownLatch hurry = new CountDownLatch(1);

    private WebhookReceiver(IntUnaryOperator statusOfRequest, String retryAfter, Duration answerAfter)
            throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            Map<String, List<String>> headers = new TreeMap<>();
            exchange.getRequestHeaders().forEach((name, values) -> headers.put(name.toLowerCase(Locale.ROOT), values));
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            received.add(new Received(
                    exchange.getRequestMethod(), exchange.getRequestURI().toString(), headers, body));
            try {
                hurry.await(answerAfter.toMillis(), TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            byte[] answer = "ok".getBytes(StandardCharsets.UTF_8);
            int status = statusOfRequest.applyAsInt(received.size());
            if (retryAfter != null && status >= 400) {
                exchange.getResponseHeaders().add("Retry-After", retryAfter);
            }
            exchange.sendResponseHeaders(status, answer.length);
            exchange.getResponseBody().write(answer);
            exchange.close();
            answered.incrementAndGet();
        });
        // A slow receiver holds a thread per request it is answering.
        threads = answerAfter.isZero() ? Executors.newFixedThreadPool(16) : Executors.newCachedThreadPool();
        server.setExecutor(threads);
        server.start();
    }

    public static WebhookReceiver answering(IntUnaryOperator statusOfRequest) {
        return answering(statusOfRequest, null);
    }

    /** Its failures ask to be tried again only after {@code retryAfter} (a {@code Retry-After} value). */
    public static WebhookReceiver answering(IntUnaryOperator statusOfRequest, String retryAfter) {
        return start(statusOfRequest, retryAfter, Duration.ZERO);
    }

    /** Answers 200 to every request, each {@code answerAfter} after it arrived, until {@link #answerAtOnce}. */
    public static WebhookReceiver slow(Duration answerAfter) {
        return start(n -> 200, null, answerAfter);
    }

    private static WebhookReceiver start(IntUnaryOperator statusOfRequest, String retryAfter, Duration answerAfter) {
        try {
            return new WebhookReceiver(statusOfRequest, retryAfter, answerAfter);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static WebhookReceiver ok() {
        return answering(n -> 200);
    }

    public String url(String path) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + path;
    }

    public List<Received> received() {
        return List.copyOf(received);
    }

    /** How many requests have had their answer. */
    public int answered() {
        return answered.get();
    }

    /** From now on answers at once, the requests waiting for theirs too. */
    public void answerAtOnce() {
        hurry.countDown();
    }

    @Override
    public void close() {
        hurry.countDown();
        server.stop(0);
        threads.shutdown();
    }
}
