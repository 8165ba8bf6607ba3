package dev.monitor.validation;

import com.fasterxml.jackson.databind.JsonNode;
import dev.monitor.errors.ApiException;
import java.util.ArrayList;
import java.util.List;

/** The body of a batch endpoint ({@code POST /v1/Events}, {@code POST /v1/Alerts}): one object or an array of up to 100. */
public final class JsonBatch {
    public static final int MAX_ITEMS = 100;

    private JsonBatch() {
    }

    /** The items, or a 400 naming what is wrong with the body as a whole; {@code noun} is the plural of what is recorded. */
    public static List<JsonNode> items(JsonNode body, String noun) {
        List<JsonNode> items = new ArrayList<>();
        if (body.isArray()) {
            body.forEach(items::add);
            if (items.isEmpty()) {
                throw ApiException.badRequest("The request body is an empty array: send 1 to " + MAX_ITEMS + " " + noun);
            }
            if (items.size() > MAX_ITEMS) {
                throw ApiException.badRequest("The request body has " + items.size() + " " + noun + "; at most " + MAX_ITEMS + " are accepted at once");
            }
        } else if (body.isObject()) {
            items.add(body);
        } else {
            throw ApiException.badRequest("The request body must be a JSON object or an array of objects");
        }
        return items;
    }
}
