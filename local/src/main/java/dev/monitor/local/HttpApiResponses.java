package dev.monitor.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import dev.monitor.json.Json;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Locale;
import java.util.Set;

/** Writes a function's payload 2.0 response, or API Gateway's own error, back to the HTTP client. */
final class HttpApiResponses {
    /** The server frames the body itself; a handler's values for these would contradict it. */
    private static final Set<String> FRAMING_HEADERS = Set.of("content-length", "transfer-encoding", "connection");

    private HttpApiResponses() {}

    /**
     * An object with a {@code statusCode} is a response (status, headers, cookies, body); any other answer is, as API
     * Gateway takes it, a 200 whose JSON body is the answer itself.
     */
    static void write(HttpExchange exchange, JsonNode response) throws IOException {
        if (!response.isObject() || !response.has("statusCode")) {
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            send(exchange, 200, Json.write(response).getBytes(StandardCharsets.UTF_8));
            return;
        }
        Headers headers = exchange.getResponseHeaders();
        response.path("headers").properties().forEach(header -> {
            if (!FRAMING_HEADERS.contains(header.getKey().toLowerCase(Locale.ROOT))) {
                headers.set(header.getKey(), header.getValue().asText());
            }
        });
        response.path("multiValueHeaders").properties().forEach(header -> {
            if (!FRAMING_HEADERS.contains(header.getKey().toLowerCase(Locale.ROOT))) {
                header.getValue().forEach(value -> headers.add(header.getKey(), value.asText()));
            }
        });
        response.path("cookies").forEach(cookie -> headers.add("Set-Cookie", cookie.asText()));
        JsonNode body = response.path("body");
        byte[] bytes = !body.isTextual()
                ? new byte[0]
                : response.path("isBase64Encoded").asBoolean()
                        ? Base64.getDecoder().decode(body.asText())
                        : body.asText().getBytes(StandardCharsets.UTF_8);
        int status = response.path("statusCode").asInt();
        send(exchange, status == 0 ? 200 : status, bytes);
    }

    /** API Gateway's own answers: {@code {"message":"Not Found"}} and the like. */
    static void writeGatewayError(HttpExchange exchange, int status, String message) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        send(exchange, status, ("{\"message\":\"" + message + "\"}").getBytes(StandardCharsets.UTF_8));
    }

    private static void send(HttpExchange exchange, int status, byte[] body) throws IOException {
        boolean bodiless =
                body.length == 0 || exchange.getRequestMethod().equals("HEAD") || status == 204 || status == 304;
        exchange.sendResponseHeaders(status, bodiless ? -1 : body.length);
        if (!bodiless) {
            exchange.getResponseBody().write(body);
        }
    }
}
