package dev.monitor.validation;

import com.fasterxml.jackson.databind.JsonNode;
import dev.monitor.errors.FieldError;
import java.util.List;
import java.util.function.Predicate;

/** Reads optional string fields of one JSON object, recording a problem for a wrong type or a value that fails its check. */
public record JsonFields(JsonNode item, List<FieldError> errors) {

    /** The value, or null when absent, null, or invalid (then a problem is recorded). */
    public String text(String name, Predicate<String> valid, String problem) {
        JsonNode value = item.get(name);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isTextual()) {
            errors.add(FieldError.of(name, "must be a string"));
            return null;
        }
        if (!valid.test(value.textValue())) {
            errors.add(FieldError.of(name, problem + " (got '" + abbreviate(value.textValue()) + "')"));
            return null;
        }
        return value.textValue();
    }

    private static String abbreviate(String value) {
        return value.length() <= 64 ? value : value.substring(0, 61) + "...";
    }
}
