package dev.monitor.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import dev.monitor.jackson.Json;
import dev.monitor.testing.ApiClient;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

/**
 * The README's run command ends in {@code java -jar local/target/monitor-local.jar}: the packaged jar
 * starts the whole stack on its own and serves the API, DynamoDB Local included.
 */
class LocalJarIT {
    /** What the stack prints after its ready line. */
    private BlockingQueue<String> later;

    private final List<String> printed = new ArrayList<>();

    @Test
    void thePackagedJarStartsTheStackAndServesTheApi() throws Exception {
        int port = PackagedStack.freePort();
        String operatorKey = "local-jar-test-operator-key";
        try (PackagedStack stack = PackagedStack.start(
                Map.of("MONITOR_PORT", Integer.toString(port), "MONITOR_OPERATOR_KEY", operatorKey))) {
            later = stack.later();
            String baseUrl = "http://127.0.0.1:" + port;
            assertEquals(baseUrl + " (console: " + baseUrl + "/console/)", stack.readyLine());
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
        }
    }

    /** A taken port is one line naming it and the setting to change, and the stack does not start. */
    @Test
    void aTakenPortIsOneLineNamingTheSetting() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            ProcessBuilder builder = new ProcessBuilder(PackagedStack.command()).redirectErrorStream(true);
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
}
