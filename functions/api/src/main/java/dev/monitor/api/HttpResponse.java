package dev.monitor.api;

import com.fasterxml.jackson.databind.JsonNode;
import dev.monitor.jackson.Json;
import java.util.LinkedHashMap;
import java.util.Map;

public record HttpResponse(int status, Map<String, String> headers, String body) {
    /** Every answer's: a browser takes a body for its declared type only, never sniffs JSON into a page or script. */
    static final Map.Entry<String, String> NO_SNIFFING = Map.entry("X-Content-Type-Options", "nosniff");

    /** This answer with the headers every answer carries. */
    HttpResponse withStandardHeaders() {
        if (headers.containsKey(NO_SNIFFING.getKey())) {
            return this;
        }
        Map<String, String> all = new LinkedHashMap<>(headers);
        all.put(NO_SNIFFING.getKey(), NO_SNIFFING.getValue());
        return new HttpResponse(status, Map.copyOf(all), body);
    }

    public static HttpResponse json(int status, JsonNode body) {
        return new HttpResponse(status, Map.of("Content-Type", "application/json"), Json.write(body));
    }

    public static HttpResponse noContent() {
        return new HttpResponse(204, Map.of(), "");
    }
}
