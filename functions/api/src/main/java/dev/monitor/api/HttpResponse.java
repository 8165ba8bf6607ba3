package dev.monitor.api;

import com.fasterxml.jackson.databind.JsonNode;
import dev.monitor.json.Json;
import java.util.Map;

public record HttpResponse(int status, Map<String, String> headers, String body) {

    public static HttpResponse json(int status, JsonNode body) {
        return new HttpResponse(status, Map.of("Content-Type", "application/json"), Json.write(body));
    }

    public static HttpResponse noContent() {
        return new HttpResponse(204, Map.of(), "");
    }
}
