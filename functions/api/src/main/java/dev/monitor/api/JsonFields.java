package dev.monitor.api;

import com.fasterxml.jackson.databind.JsonNode;
import dev.monitor.errors.FieldError;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Reads the fields of one JSON object, recording a problem for each field that is missing, of the wrong type or fails
 * its check, so that one 400 names them all. Every parser of a JSON request body reads through it. A field sent as
 * {@code null} is absent.
 */
record JsonFields(JsonNode item, List<FieldError> errors) {

    /** Records every field of {@code item} that is not one of {@code known}. */
    JsonFields refusingUnknown(Set<String> known) {
        item.fieldNames().forEachRemaining(name -> {
            if (!known.contains(name)) {
                errors.add(FieldError.of(name, "is not a known field"));
            }
        });
        return this;
    }

    /** The value, or null when absent or invalid (then a problem is recorded). */
    String text(String name, Predicate<String> valid, String problem) {
        String value = anyText(name);
        if (value != null && !valid.test(value)) {
            errors.add(FieldError.of(name, problem + " (got '" + abbreviate(value) + "')"));
            return null;
        }
        return value;
    }

    /** As {@link #text}, and a problem when absent. */
    String requiredText(String name, Predicate<String> valid, String problem) {
        if (absent(name)) {
            errors.add(FieldError.of(name, "is required"));
            return null;
        }
        return text(name, valid, problem);
    }

    /** Any string, or empty when absent or not a string (then a problem is recorded). */
    Optional<String> optionalText(String name) {
        return Optional.ofNullable(anyText(name));
    }

    boolean bool(String name, boolean fallback) {
        if (absent(name)) {
            return fallback;
        }
        JsonNode value = item.get(name);
        if (!value.isBoolean()) {
            errors.add(FieldError.of(name, "must be true or false"));
            return fallback;
        }
        return value.booleanValue();
    }

    /** A required whole number from {@code min} to {@code max}; a larger one is refused, never wrapped or rounded. */
    OptionalLong requiredWholeNumber(String name, long min, long max) {
        if (absent(name)) {
            errors.add(FieldError.of(name, "is required"));
            return OptionalLong.empty();
        }
        JsonNode value = item.get(name);
        if (!value.isIntegralNumber()
                || !value.canConvertToLong()
                || value.longValue() < min
                || value.longValue() > max) {
            errors.add(FieldError.of(name, "must be a whole number from " + min + " to " + max));
            return OptionalLong.empty();
        }
        return OptionalLong.of(value.longValue());
    }

    /**
     * An array of at most {@code maxItems} strings, each passing {@code valid}, without repeats; empty when absent.
     * {@code plural} and {@code singular} name what they are: "email addresses", "an email address".
     */
    List<String> texts(String name, int maxItems, Predicate<String> valid, String plural, String singular) {
        List<String> texts = new ArrayList<>();
        if (absent(name)) {
            return texts;
        }
        JsonNode value = item.get(name);
        if (!value.isArray() || value.size() > maxItems) {
            errors.add(FieldError.of(name, "must be an array of at most " + maxItems + " " + plural));
            return texts;
        }
        for (JsonNode element : value) {
            if (!element.isTextual() || !valid.test(element.textValue())) {
                errors.add(
                        FieldError.of(name, "holds '" + abbreviate(element.asText()) + "', which is not " + singular));
            } else if (!texts.contains(element.textValue())) {
                texts.add(element.textValue());
            }
        }
        return texts;
    }

    boolean absent(String name) {
        JsonNode value = item.get(name);
        return value == null || value.isNull();
    }

    private String anyText(String name) {
        if (absent(name)) {
            return null;
        }
        JsonNode value = item.get(name);
        if (!value.isTextual()) {
            errors.add(FieldError.of(name, "must be a string"));
            return null;
        }
        return value.textValue();
    }

    private static String abbreviate(String value) {
        return value.length() <= 64 ? value : value.substring(0, 61) + "...";
    }
}
