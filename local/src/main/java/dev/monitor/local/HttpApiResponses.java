package dev.monitor.local;

import com.fasterxml.jackson.databind.JsonNode;
import dev.monitor.jackson.Json;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/** Turns a function's payload 2.0 response, or API Gateway's own error, into what the gateway writes back. */
final class HttpApiResponses {
    /** The server frames the body itself; a handler's values for these would contradict it. */
    private static final Set<String> FRAMING_HEADERS = Set.of("content-length", "transfer-encoding", "connection");

    private static final Map<Integer, String> REASONS = Map.ofEntries(
            Map.entry(200, "OK"),
            Map.entry(201, "Created"),
            Map.entry(202, "Accepted"),
            Map.entry(204, "No Content"),
            Map.entry(301, "Moved Permanently"),
            Map.entry(302, "Found"),
            Map.entry(303, "See Other"),
            Map.entry(304, "Not Modified"),
            Map.entry(307, "Temporary Redirect"),
            Map.entry(308, "Permanent Redirect"),
            Map.entry(400, "Bad Request"),
            Map.entry(401, "Unauthorized"),
            Map.entry(403, "Forbidden"),
            Map.entry(404, "Not Found"),
            Map.entry(405, "Method Not Allowed"),
            Map.entry(408, "Request Timeout"),
            Map.entry(409, "Conflict"),
            Map.entry(410, "Gone"),
            Map.entry(413, "Payload Too Large"),
            Map.entry(415, "Unsupported Media Type"),
            Map.entry(422, "Unprocessable Entity"),
            Map.entry(429, "Too Many Requests"),
            Map.entry(431, "Request Header Fields Too Large"),
            Map.entry(500, "Internal Server Error"),
            Map.entry(502, "Bad Gateway"),
            Map.entry(503, "Service Unavailable"),
            Map.entry(504, "Gateway Timeout"));

    private HttpApiResponses() {}

    /**
     * An object with a {@code statusCode} is a response (status, headers, cookies, body); any other answer is, as API
     * Gateway takes it, a 200 whose JSON body is the answer itself.
     */
    static GatewayResponse from(JsonNode response) {
        List<Map.Entry<String, String>> headers = new ArrayList<>();
        if (!response.isObject() || !response.has("statusCode")) {
            headers.add(Map.entry("Content-Type", "application/json"));
            return new GatewayResponse(200, headers, Json.write(response).getBytes(StandardCharsets.UTF_8));
        }
        response.path("headers").properties().forEach(header -> {
            if (!FRAMING_HEADERS.contains(header.getKey().toLowerCase(Locale.ROOT))) {
                headers.add(Map.entry(header.getKey(), header.getValue().asText()));
            }
        });
        response.path("multiValueHeaders").properties().forEach(header -> {
            if (!FRAMING_HEADERS.contains(header.getKey().toLowerCase(Locale.ROOT))) {
                header.getValue().forEach(value -> headers.add(Map.entry(header.getKey(), value.asText())));
            }
        });
        response.path("cookies").forEach(cookie -> headers.add(Map.entry("Set-Cookie", cookie.asText())));
        JsonNode body = response.path("body");
        byte[] bytes = !body.isTextual()
                ? new byte[0]
                : response.path("isBase64Encoded").asBoolean()
                        ? Base64.getDecoder().decode(body.asText())
                        : body.asText().getBytes(StandardCharsets.UTF_8);
        int status = response.path("statusCode").asInt();
        return new GatewayResponse(status == 0 ? 200 : status, headers, bytes);
    }

    /** API Gateway's own answers: {@code {"message":"Not Found"}} and the like. */
    static GatewayResponse gatewayError(int status, String message) {
        return new GatewayResponse(
                status,
                List.of(Map.entry("Content-Type", "application/json")),
                ("{\"message\":\"" + message + "\"}").getBytes(StandardCharsets.UTF_8));
    }

    static String reason(int status) {
        return REASONS.getOrDefault(status, "Status " + status);
    }
}
