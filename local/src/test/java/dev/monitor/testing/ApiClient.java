package dev.monitor.testing;

import com.fasterxml.jackson.databind.JsonNode;
import dev.monitor.jackson.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;

/** What a user's HTTP client sees of the API: status, headers and JSON. */
public final class ApiClient {
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private final String baseUrl;
    private final String authorization;

    private ApiClient(String baseUrl, String authorization) {
        this.baseUrl = baseUrl;
        this.authorization = authorization;
    }

    public static ApiClient operator(String baseUrl, String operatorKey) {
        return new ApiClient(baseUrl, "Bearer " + operatorKey);
    }

    public static ApiClient account(String baseUrl, String accountSid, String authToken) {
        return new ApiClient(baseUrl, basic(accountSid, authToken));
    }

    public static ApiClient anonymous(String baseUrl) {
        return new ApiClient(baseUrl, null);
    }

    public static ApiClient withAuthorization(String baseUrl, String authorization) {
        return new ApiClient(baseUrl, authorization);
    }

    public static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    public record Response(int status, Map<String, List<String>> headers, String text) {
        public JsonNode json() {
            try {
                return Json.parse(text);
            } catch (IOException e) {
                throw new AssertionError("Not JSON (" + status + "): " + text, e);
            }
        }
    }

    public Response get(String pathAndQuery) {
        return send(builder(pathAndQuery).GET());
    }

    public Response delete(String pathAndQuery) {
        return send(builder(pathAndQuery).DELETE());
    }

    public Response postJson(String path, String json) {
        return postJson(path, json, Map.of());
    }

    public Response postJson(String path, String json, Map<String, String> headers) {
        HttpRequest.Builder builder = builder(path)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json));
        headers.forEach(builder::header);
        return send(builder);
    }

    public Response postForm(String path, String form) {
        return send(builder(path)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)));
    }

    public Response send(String method, String path, String contentType, String body) {
        return send(builder(path)
                .header("Content-Type", contentType)
                .method(method, HttpRequest.BodyPublishers.ofString(body)));
    }

    /** Follows an absolute URL the API returned, as a client following next_page_url does. */
    public Response getUrl(String url) {
        return send(withAuthorization(HttpRequest.newBuilder(URI.create(url))).GET());
    }

    private HttpRequest.Builder builder(String pathAndQuery) {
        return withAuthorization(HttpRequest.newBuilder(URI.create(baseUrl + pathAndQuery)));
    }

    private HttpRequest.Builder withAuthorization(HttpRequest.Builder builder) {
        return authorization == null ? builder : builder.header("Authorization", authorization);
    }

    private static Response send(HttpRequest.Builder builder) {
        try {
            HttpResponse<String> response = HTTP.send(builder.build(), HttpResponse.BodyHandlers.ofString());
            return new Response(response.statusCode(), response.headers().map(), response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
