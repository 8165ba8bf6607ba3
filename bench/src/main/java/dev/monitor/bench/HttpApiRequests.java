package dev.monitor.bench;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.monitor.jackson.Json;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;

/**
 * The HTTP API events (payload 2.0) API Gateway would send the api function, as JSON. Only the JDK and what the api's
 * jar holds, because the cold-start probe carries this class into a JVM that has nothing but the function's jar.
 */
final class HttpApiRequests {
    private static final String HOST = "api.monitor.test";
    private static final String SOURCE_IP = "192.0.2.10";

    private HttpApiRequests() {}

    static String basic(String accountSid, String authToken) {
        return "Basic "
                + Base64.getEncoder().encodeToString((accountSid + ":" + authToken).getBytes(StandardCharsets.UTF_8));
    }

    static String bearer(String key) {
        return "Bearer " + key;
    }

    /** {@code pathAndQuery} as a client sends it, such as {@code /v1/Events?PageSize=50}. */
    static ObjectNode get(String pathAndQuery, String authorization) {
        int question = pathAndQuery.indexOf('?');
        String path = question < 0 ? pathAndQuery : pathAndQuery.substring(0, question);
        String query = question < 0 ? "" : pathAndQuery.substring(question + 1);
        return event("GET", path, query, Map.of("authorization", authorization, "host", HOST), null);
    }

    static ObjectNode postJson(String path, String authorization, String json) {
        return event(
                "POST",
                path,
                "",
                Map.of("authorization", authorization, "host", HOST, "content-type", "application/json"),
                json);
    }

    static ObjectNode postForm(String path, String authorization, String form) {
        return event(
                "POST",
                path,
                "",
                Map.of(
                        "authorization",
                        authorization,
                        "host",
                        HOST,
                        "content-type",
                        "application/x-www-form-urlencoded"),
                form);
    }

    private static ObjectNode event(
            String method, String path, String query, Map<String, String> headers, String body) {
        ObjectNode event = Json.object()
                .put("version", "2.0")
                .put("routeKey", "$default")
                .put("rawPath", path)
                .put("rawQueryString", query);
        ObjectNode headerObject = event.putObject("headers");
        headers.forEach(headerObject::put);
        event.putObject("requestContext")
                .put("domainName", HOST)
                .put("stage", "$default")
                .putObject("http")
                .put("method", method)
                .put("path", path)
                .put("protocol", "HTTP/1.1")
                .put("sourceIp", SOURCE_IP);
        if (body != null) {
            event.put("body", body);
        }
        return event.put("isBase64Encoded", false);
    }
}
