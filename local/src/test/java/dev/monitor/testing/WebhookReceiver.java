package dev.monitor.testing;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.function.IntUnaryOperator;

/**
 * A webhook receiver on 127.0.0.1 that records every request and answers with the status its
 * script gives for the n-th request (1-based).
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
    private final List<Received> received = new CopyOnWriteArrayList<>();

    private WebhookReceiver(IntUnaryOperator statusOfRequest, String retryAfter) throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            Map<String, List<String>> headers = new TreeMap<>();
            exchange.getRequestHeaders().forEach((name, values) -> headers.put(name.toLowerCase(Locale.ROOT), values));
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            received.add(new Received(
                    exchange.getRequestMethod(), exchange.getRequestURI().toString(), headers, body));
            byte[] answer = "ok".getBytes(StandardCharsets.UTF_8);
            int status = statusOfRequest.applyAsInt(received.size());
            if (retryAfter != null && status >= 400) {
                exchange.getResponseHeaders().add("Retry-After", retryAfter);
            }
            exchange.sendResponseHeaders(status, answer.length);
            exchange.getResponseBody().write(answer);
            exchange.close();
        });
        server.setExecutor(Executors.newFixedThreadPool(16));
        server.start();
    }

    public static WebhookReceiver answering(IntUnaryOperator statusOfRequest) {
        return answering(statusOfRequest, null);
    }

    /** Its failures ask to be tried again only after {@code retryAfter} (a {@code Retry-After} value). */
    public static WebhookReceiver answering(IntUnaryOperator statusOfRequest, String retryAfter) {
        try {
            return new WebhookReceiver(statusOfRequest, retryAfter);
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

    @Override
    public void close() {
        server.stop(0);
    }
}
