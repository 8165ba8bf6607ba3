package dev.monitor.api;

import com.fasterxml.jackson.databind.JsonNode;
import dev.monitor.errors.DomainException;
import dev.monitor.errors.FieldError;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The body of a batch endpoint ({@code POST /v1/Events}, {@code POST /v1/Alerts}): one object or an array of up to 100.
 */
final class JsonBatch {
    static final int MAX_ITEMS = 100;

    private JsonBatch() {}

    /** Reads one item of a batch into a value; its fields record each problem they find. */
    interface ItemParser<T> {
        T parse(JsonFields item);
    }

    /**
     * Parses every item, all or nothing: each item must be an object of known fields, and one 400 names
     * every problem of every item.
     */
    static <T> List<T> parse(JsonNode body, String noun, Set<String> knownFields, ItemParser<T> parser) {
        List<JsonNode> items = items(body, noun);
        List<T> parsed = new ArrayList<>(items.size());
        List<FieldError> errors = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            JsonNode item = items.get(i);
            List<FieldError> itemErrors = new ArrayList<>();
            if (item.isObject()) {
                parsed.add(parser.parse(new JsonFields(item, itemErrors).refusingUnknown(knownFields)));
            } else {
                itemErrors.add(FieldError.of("(item)", "must be a JSON object"));
            }
            int index = body.isArray() ? i : -1;
            itemErrors.forEach(error -> errors.add(error.at(index)));
        }
        if (!errors.isEmpty()) {
            throw DomainException.Invalid.fields(errors);
        }
        return parsed;
    }

    /**
     * The items, or a 400 naming what is wrong with the body as a whole; {@code noun} is the plural of what is
     * recorded.
     */
    private static List<JsonNode> items(JsonNode body, String noun) {
        List<JsonNode> items = new ArrayList<>();
        if (body.isArray()) {
            body.forEach(items::add);
            if (items.isEmpty()) {
                throw new DomainException.Invalid(
                        "The request body is an empty array: send 1 to " + MAX_ITEMS + " " + noun);
            }
            if (items.size() > MAX_ITEMS) {
                throw new DomainException.Invalid("The request body has " + items.size() + " " + noun + "; at most "
                        + MAX_ITEMS + " are accepted at once");
            }
        } else if (body.isObject()) {
            items.add(body);
        } else {
            throw new DomainException.Invalid("The request body must be a JSON object or an array of objects");
        }
        return items;
    }
}
