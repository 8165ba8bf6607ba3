package dev.monitor.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.monitor.testing.ApiClient;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The README's run command ends in {@code java -jar local/target/monitor-local.jar}: the packaged jar
 * starts the whole stack on its own and serves the API, DynamoDB Local included.
 */
class LocalJarIT {
    private static final String READY = "Monitor local stack ready on ";

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
            CompletableFuture<String> ready = CompletableFuture.supplyAsync(() -> readUntilReady(process));
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
        } finally {
            process.destroy();
            process.waitFor(10, TimeUnit.SECONDS);
        }
    }

    /**
     * Reads the stack's output until it says where it listens (the rest of the ready line); the rest of the output is
     * drained so the process never blocks.
     */
    private static String readUntilReady(Process process) {
        BufferedReader output =
                new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        StringBuilder seen = new StringBuilder();
        try {
            for (String line = output.readLine(); line != null; line = output.readLine()) {
                seen.append(line).append('\n');
                if (line.startsWith(READY)) {
                    Thread drain = new Thread(() -> output.lines().forEach(ignored -> {}));
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
