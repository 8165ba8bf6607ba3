package dev.monitor.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import dev.monitor.json.Json;
import dev.monitor.testing.ApiClient;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

/**
 * The README's run command ends in {@code java -jar local/target/monitor-local.jar}: the packaged jar
 * starts the whole stack on its own and serves the API, DynamoDB Local included.
 */
class LocalJarIT {
    private static final String READY = "Monitor local stack ready on ";
    /** What the stack prints after its ready line. */
    private final BlockingQueue<String> later = new LinkedBlockingQueue<>();

    private final List<String> printed = new ArrayList<>();

    @Test
    void thePackagedJarStartsTheStackAndServesTheApi() throws Exception {
        Path jar = Path.of("target", "monitor-local.jar");
        assertTrue(Files.isRegularFile(jar), jar + " is packaged");
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        String operatorKey = "local-jar-test-operator-key";
        ProcessBuilder builder = new ProcessBuilder(
                        Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar", jar.toString())
                .redirectErrorStream(true);
        builder.environment().put("MONITOR_PORT", Integer.toString(port));
        builder.environment().put("MONITOR_OPERATOR_KEY", operatorKey);
        builder.environment().remove("MONITOR_DATA_DIR");
        Process process = builder.start();
        try {
            CompletableFuture<String> ready = CompletableFuture.supplyAsync(() -> readUntilReady(process, later));
            String line = ready.get(90, TimeUnit.SECONDS);
            String baseUrl = "http://127.0.0.1:" + port;
            assertEquals(baseUrl + " (console: " + baseUrl + "/console/)", line);
            assertEquals(200, ApiClient.anonymous(baseUrl).get("/health").status());
            ApiClient.Response console = ApiClient.anonymous(baseUrl).get("/console/");
            assertEquals(200, console.status(), "the jar carries the console");
            assertTrue(console.text().contains("<script type=\"module\" src=\"/console/app-"), console.text());
            ApiClient.Response created = ApiClient.operator(baseUrl, operatorKey)
                    .postJson("/v1/Accounts", "{\"friendly_name\": \"From the jar\"}");
            assertEquals(201, created.status(), created.text());
            JsonNode account = created.json();
            ApiClient client = ApiClient.account(
                    baseUrl,
                    account.get("sid").asText(),
                    account.get("auth_token").asText());
            HttpServer receiver = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            receiver.createContext("/hook", exchange -> {
                exchange.getRequestBody().readAllBytes();
                exchange.sendResponseHeaders(204, -1);
                exchange.close();
            });
            receiver.start();
            try {
                ApiClient.Response alarm = client.postJson(
                        "/v2/Alarms",
                        "{\"friendlyName\": \"Any alert\", \"queryType\": \"ALL\", \"triggerValue\": 1,"
                                + " \"timeWindow\": \"FIVE_MINS\", \"webhook\": \"http://127.0.0.1:"
                                + receiver.getAddress().getPort() + "/hook\"}");
                assertEquals(201, alarm.status(), alarm.text());
                ApiClient.Response test =
                        client.postJson("/v2/Alarms/" + alarm.json().get("sid").asText() + "/Test", "");
                assertEquals(200, test.status(), test.text());
                JsonNode delivery = awaitLine(json -> json.has("deliverySid"));
                assertEquals("delivered", delivery.path("outcome").asText(), delivery.toString());
                assertEquals(1, delivery.path("attempt").asInt(), delivery.toString());
                assertEquals(204, delivery.path("statusCode").asInt(), delivery.toString());
            } finally {
                receiver.stop(0);
            }
            JsonNode logged = awaitLine(json -> json.path("method").asText().equals("GET")
                    && json.path("path").asText().equals("/health"));
            assertEquals("INFO", logged.path("level").asText(), logged.toString());
            assertEquals(200, logged.path("status").asInt(), logged.toString());
            assertTrue(logged.path("latencyMs").isIntegralNumber(), logged.toString());
            assertTrue(logged.path("message").isTextual(), logged.toString());
        } finally {
            process.destroy();
            process.waitFor(10, TimeUnit.SECONDS);
        }
    }

    /** A taken port is one line naming it and the setting to change, and the stack does not start. */
    @Test
    void aTakenPortIsOneLineNamingTheSetting() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            ProcessBuilder builder = new ProcessBuilder(
                            Path.of(System.getProperty("java.home"), "bin", "java")
                                    .toString(),
                            "-jar",
                            Path.of("target", "monitor-local.jar").toString())
                    .redirectErrorStream(true);
            builder.environment().put("MONITOR_PORT", Integer.toString(taken.getLocalPort()));
            Process process = builder.start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(process.waitFor(60, TimeUnit.SECONDS));
            assertEquals(1, process.exitValue(), output);
            assertEquals(
                    "Port " + taken.getLocalPort()
                            + " is taken: set MONITOR_PORT to a free port (MONITOR_PORT=3001 local/run).",
                    output.strip());
        }
    }

    /** Finds the first JSON line the stack printed after it was ready that is wanted, waiting for it if need be. */
    private JsonNode awaitLine(Predicate<JsonNode> wanted) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (true) {
            for (String line : printed) {
                if (line.startsWith("{")) {
                    JsonNode json = Json.parse(line);
                    if (wanted.test(json)) {
                        return json;
                    }
                }
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("No such log line in " + printed);
            }
            String next = later.poll(1, TimeUnit.SECONDS);
            if (next != null) {
                printed.add(next);
                later.drainTo(printed);
            }
        }
    }

    /**
     * Reads the stack's output until it says where it listens (the rest of the ready line); what comes after goes to
     * {@code later}, so the process never blocks.
     */
    private static String readUntilReady(Process process, BlockingQueue<String> later) {
        BufferedReader output =
                new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        StringBuilder seen = new StringBuilder();
        try {
            for (String line = output.readLine(); line != null; line = output.readLine()) {
                seen.append(line).append('\n');
                if (line.startsWith(READY)) {
                    Thread drain = new Thread(() -> output.lines().forEach(later::add));
                    drain.setDaemon(true);
                    drain.start();
                    return line.substring(READY.length()).trim();
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException("Reading the stack's output failed after:\n" + seen, e);
        }
        throw new IllegalStateException("The stack exited before it was ready:\n" + seen);
    }
}
