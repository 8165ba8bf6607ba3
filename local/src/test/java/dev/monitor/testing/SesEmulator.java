package dev.monitor.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * aws-ses-v2-local, the SES v2 emulator the local stack sends mail through, run from
 * {@code local/node_modules} (CI runs {@code npm ci --prefix local} first). Its {@code /store} lists
 * the mail it was given.
 */
public final class SesEmulator implements AutoCloseable {
    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final Process process;
    private final URI endpoint;

    private SesEmulator(Process process, URI endpoint) {
        this.process = process;
        this.endpoint = endpoint;
    }

    public static SesEmulator start() {
        Path executable = Path.of("node_modules", ".bin", "aws-ses-v2-local").toAbsolutePath();
        if (!Files.isExecutable(executable)) {
            throw new IllegalStateException(executable + " is missing: run npm ci --prefix local");
        }
        try {
            int port;
            try (ServerSocket socket = new ServerSocket(0)) {
                port = socket.getLocalPort();
            }
            Process process = new ProcessBuilder(
                            executable.toString(), "--host", "127.0.0.1", "--port", Integer.toString(port))
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .start();
            SesEmulator emulator = new SesEmulator(process, URI.create("http://127.0.0.1:" + port));
            emulator.awaitReady();
            return emulator;
        } catch (IOException e) {
            throw new IllegalStateException("aws-ses-v2-local did not start", e);
        }
    }

    /**
     * LocalStack's SES, for the tests of {@code mvn -Plocalstack}: it keeps what it was sent at {@code /_aws/ses},
     * which {@link #store()} reads into the emulator's shape.
     */
    public static SesEmulator localStack(URI endpoint) {
        return new SesEmulator(null, endpoint);
    }

    public URI endpoint() {
        return endpoint;
    }

    /**
     * Every email the emulator holds: {@code {"emails": [{"from", "destination", "subject", "body": {"text", "html"},
     * ...}]}}.
     */
    public JsonNode store() {
        try {
            HttpResponse<String> response = HTTP.send(
                    HttpRequest.newBuilder(endpoint.resolve(process == null ? "/_aws/ses" : "/store"))
                            .GET()
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            JsonNode store = new ObjectMapper().readTree(response.body());
            return process == null ? fromLocalStack(store) : store;
        } catch (IOException e) {
            throw new IllegalStateException("Reading the SES emulator's store failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /**
     * LocalStack's {@code {"messages": [{"Source", "Destination", "Subject", "Body": {"text_part", "html_part"}}]}}.
     */
    private static JsonNode fromLocalStack(JsonNode store) {
        ObjectNode converted = JsonNodeFactory.instance.objectNode();
        ArrayNode emails = converted.putArray("emails");
        for (JsonNode message : store.path("messages")) {
            ObjectNode email = emails.addObject();
            email.set("from", message.path("Source"));
            email.set("destination", message.path("Destination"));
            email.set("subject", message.path("Subject"));
            ObjectNode body = email.putObject("body");
            body.set("text", message.path("Body").path("text_part"));
            body.set("html", message.path("Body").path("html_part"));
        }
        return converted;
    }

    private void awaitReady() throws IOException {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IOException("aws-ses-v2-local exited with " + process.exitValue());
            }
            try {
                HTTP.send(
                        HttpRequest.newBuilder(endpoint.resolve("/store")).GET().build(),
                        HttpResponse.BodyHandlers.discarding());
                return;
            } catch (IOException e) {
                sleep();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException(e);
            }
        }
        close();
        throw new IOException("aws-ses-v2-local did not answer within 20 s");
    }

    private static void sleep() {
        try {
            Thread.sleep(100);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        if (process == null) {
            return;
        }
        process.descendants().forEach(ProcessHandle::destroy);
        process.destroy();
    }
}
