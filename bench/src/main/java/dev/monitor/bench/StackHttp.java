package dev.monitor.bench;

import com.fasterxml.jackson.databind.JsonNode;
import dev.monitor.jackson.Json;
import dev.monitor.local.LocalStack;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/** A benchmark's requests to the local stack over HTTP, through its gateway, as a client sends them. */
final class StackHttp {
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private StackHttp() {}

    /** HTTP Basic of an account's Sid and auth token, {@code {sid, token}}. */
    static String basic(String[] account) {
        return "Basic "
                + Base64.getEncoder().encodeToString((account[0] + ":" + account[1]).getBytes(StandardCharsets.UTF_8));
    }

    /** The JSON answer to a request with a JSON body; any other status than {@code expected} fails the benchmark. */
    static JsonNode send(LocalStack stack, String method, String path, String authorization, String json, int expected)
            throws Exception {
        HttpResponse<String> response = HTTP.send(
                HttpRequest.newBuilder(URI.create(stack.baseUrl() + path))
                        .header("Authorization", authorization)
                        .header("Content-Type", "application/json")
                        .method(method, HttpRequest.BodyPublishers.ofString(json))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != expected) {
            throw new IllegalStateException(
                    method + " " + path + " answered " + response.statusCode() + ": " + response.body());
        }
        return Json.parse(response.body());
    }
}
