package dev.monitor.local.runtime;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The part of Lambda that a runtime talks to: the Runtime API ({@code /2018-06-01/runtime/...}), served on loopback for
 * one runtime process. {@link #invoke} queues an event and waits for what the runtime posts back: a response, or an
 * error with its type. An init error the runtime reports before its first {@code next} is kept and ends every waiting
 * call.
 */
public final class RuntimeApiStandIn implements AutoCloseable {
    private static final String PREFIX = "/2018-06-01/runtime/";

    /** What the runtime answered one invocation: {@code error} tells a response from an error report. */
    public record Answer(boolean error, String errorType, String body) {}

    private record Invocation(String requestId, String event, long deadlineMillis, CompletableFuture<Answer> answer) {}

    private final HttpServer server;
    private final ExecutorService threads = Executors.newCachedThreadPool(runnable -> {
        Thread thread = new Thread(runnable, "runtime-api");
        thread.setDaemon(true);
        return thread;
    });
    private final BlockingQueue<Invocation> pending = new LinkedBlockingQueue<>();
    private final Map<String, Invocation> inFlight = new ConcurrentHashMap<>();
    private final CompletableFuture<Answer> initError = new CompletableFuture<>();
    private final CompletableFuture<Long> firstNext = new CompletableFuture<>();
    private final String functionArn;

    public RuntimeApiStandIn(String functionArn) throws IOException {
        this.functionArn = functionArn;
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(threads);
        server.createContext(PREFIX, this::handle);
        server.start();
    }

    /** The value of {@code AWS_LAMBDA_RUNTIME_API}. */
    public String address() {
        return "127.0.0.1:" + server.getAddress().getPort();
    }

    /** When the runtime first asked for an invocation ({@link System#nanoTime()}): its init was over. */
    public long awaitInitDone(Duration timeout) throws Exception {
        CompletableFuture.anyOf(firstNext, initError).get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        if (initError.isDone()) {
            throw new IllegalStateException("The function's init failed: "
                    + initError.join().errorType() + ": " + initError.join().body());
        }
        return firstNext.join();
    }

    /** The init error the runtime reported, if it has. */
    public CompletableFuture<Answer> initError() {
        return initError;
    }

    /** Hands the runtime {@code event} as the next invocation and waits for its answer. */
    public Answer invoke(String event, Duration timeout) throws Exception {
        Invocation invocation = new Invocation(
                UUID.randomUUID().toString(),
                event,
                System.currentTimeMillis() + timeout.toMillis(),
                new CompletableFuture<>());
        pending.add(invocation);
        try {
            CompletableFuture.anyOf(invocation.answer(), initError).get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            throw new TimeoutException("No answer within " + timeout);
        }
        return invocation.answer().isDone() ? invocation.answer().join() : initError.join();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getPath().substring(PREFIX.length());
            byte[] body = exchange.getRequestBody().readAllBytes();
            String errorType = exchange.getRequestHeaders().getFirst("Lambda-Runtime-Function-Error-Type");
            if (path.equals("invocation/next")) {
                next(exchange);
            } else if (path.equals("init/error")) {
                initError.complete(new Answer(true, errorType, new String(body, StandardCharsets.UTF_8)));
                exchange.sendResponseHeaders(202, -1);
            } else if (path.startsWith("invocation/")) {
                String[] parts = path.split("/");
                Invocation invocation = inFlight.remove(parts[1]);
                if (invocation == null) {
                    exchange.sendResponseHeaders(400, -1);
                    return;
                }
                invocation
                        .answer()
                        .complete(new Answer(
                                parts[2].equals("error"), errorType, new String(body, StandardCharsets.UTF_8)));
                exchange.sendResponseHeaders(202, -1);
            } else {
                exchange.sendResponseHeaders(404, -1);
            }
        }
    }

    private void next(HttpExchange exchange) throws IOException {
        firstNext.complete(System.nanoTime());
        Invocation invocation;
        try {
            invocation = pending.take();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            exchange.sendResponseHeaders(500, -1);
            return;
        }
        inFlight.put(invocation.requestId(), invocation);
        byte[] event = invocation.event().getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.getResponseHeaders().set("Lambda-Runtime-Aws-Request-Id", invocation.requestId());
        exchange.getResponseHeaders().set("Lambda-Runtime-Deadline-Ms", Long.toString(invocation.deadlineMillis()));
        exchange.getResponseHeaders().set("Lambda-Runtime-Invoked-Function-Arn", functionArn);
        exchange.getResponseHeaders()
                .set("Lambda-Runtime-Trace-Id", "Root=1-00000000-000000000000000000000000;Sampled=0");
        exchange.sendResponseHeaders(200, event.length);
        exchange.getResponseBody().write(event);
    }

    @Override
    public void close() {
        server.stop(0);
        threads.shutdownNow();
    }
}
