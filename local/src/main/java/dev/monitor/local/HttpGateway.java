package dev.monitor.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/** API Gateway's part: serves HTTP on the loopback interface and hands each request to the function of its route. */
final class HttpGateway implements AutoCloseable {
    private static final int WORKERS = 8;

    private final HttpServer server;
    private final ExecutorService workers;

    private HttpGateway(HttpServer server, ExecutorService workers) {
        this.server = server;
        this.workers = workers;
    }

    /** Port 0 takes a free port. */
    static HttpGateway start(int port, HttpRouter router) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 0);
        AtomicInteger threads = new AtomicInteger();
        ExecutorService workers = Executors.newFixedThreadPool(WORKERS, runnable -> {
            Thread thread = new Thread(runnable, "http-" + threads.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        server.setExecutor(workers);
        server.createContext("/", exchange -> handle(exchange, router));
        server.start();
        return new HttpGateway(server, workers);
    }

    int port() {
        return server.getAddress().getPort();
    }

    @Override
    public void close() {
        server.stop(0);
        workers.shutdownNow();
    }

    private static void handle(HttpExchange exchange, HttpRouter router) throws IOException {
        try (exchange) {
            byte[] body = exchange.getRequestBody().readAllBytes();
            Optional<HttpRouter.Match> route = router.match(
                    exchange.getRequestMethod(), exchange.getRequestURI().getRawPath());
            if (route.isEmpty()) {
                HttpApiResponses.writeGatewayError(exchange, 404, "Not Found");
                return;
            }
            LambdaFunction function = route.get().function();
            JsonNode response;
            try {
                response = function.invoke(HttpApiEvents.from(
                        exchange, body, route.get(), UUID.randomUUID().toString(), Instant.now()));
            } catch (Exception | Error e) {
                Log.error(
                        "Function " + function.name() + " failed on " + exchange.getRequestMethod() + " "
                                + exchange.getRequestURI(),
                        e);
                HttpApiResponses.writeGatewayError(exchange, 500, "Internal Server Error");
                return;
            }
            HttpApiResponses.write(exchange, response);
        }
    }
}
