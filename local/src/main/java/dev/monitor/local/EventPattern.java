package dev.monitor.local;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * An event source mapping's filter pattern (EventBridge syntax): nested objects name fields, arrays list the values
 * that match, as literals or as {@code prefix}, {@code suffix}, {@code equals-ignore-case}, {@code anything-but},
 * {@code numeric} and {@code exists} tests.
 */
final class EventPattern {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<String> TESTS =
            Set.of("prefix", "suffix", "equals-ignore-case", "anything-but", "numeric", "exists");

    private final JsonNode pattern;

    private EventPattern(JsonNode pattern) {
        this.pattern = pattern;
    }

    static EventPattern parse(String json) {
        try {
            JsonNode pattern = JSON.readTree(json);
            validate(pattern, "");
            return new EventPattern(pattern);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("Filter pattern is not JSON: " + json, e);
        }
    }

    boolean matches(JsonNode event) {
        return matchesObject(pattern, event);
    }

    private static boolean matchesObject(JsonNode pattern, JsonNode event) {
        for (Map.Entry<String, JsonNode> field : pattern.properties()) {
            JsonNode value = event.path(field.getKey());
            boolean matches = field.getValue().isObject()
                    ? matchesObject(field.getValue(), value)
                    : matchesAny(field.getValue(), value);
            if (!matches) {
                return false;
            }
        }
        return true;
    }

    private static boolean matchesAny(JsonNode tests, JsonNode value) {
        // A field whose value is an array matches when any of its elements does.
        List<JsonNode> candidates = new ArrayList<>();
        if (value.isArray()) {
            value.forEach(candidates::add);
        } else if (!value.isMissingNode()) {
            candidates.add(value);
        }
        for (JsonNode test : tests) {
            if (test.isObject() && test.has("exists")) {
                if (test.get("exists").asBoolean() != !value.isMissingNode()) {
                    continue;
                }
                return true;
            }
            for (JsonNode candidate : candidates) {
                if (test.isObject() ? passes(test, candidate) : equal(test, candidate)) {
                    return true;
                }
            }
        }
        return false;
    }

    private static boolean passes(JsonNode test, JsonNode value) {
        Map.Entry<String, JsonNode> only = test.properties().iterator().next();
        JsonNode operand = only.getValue();
        return switch (only.getKey()) {
            case "prefix" -> value.isTextual() && value.asText().startsWith(operand.asText());
            case "suffix" -> value.isTextual() && value.asText().endsWith(operand.asText());
            case "equals-ignore-case" -> value.isTextual() && value.asText().equalsIgnoreCase(operand.asText());
            case "anything-but" -> !anyOf(operand, value);
            case "numeric" -> value.isNumber() && numeric(operand, value.asDouble());
            default -> throw new IllegalStateException(only.getKey());
        };
    }

    private static boolean anyOf(JsonNode excluded, JsonNode value) {
        if (excluded.isObject()) {
            return passes(excluded, value);
        }
        if (excluded.isArray()) {
            for (JsonNode each : excluded) {
                if (equal(each, value)) {
                    return true;
                }
            }
            return false;
        }
        return equal(excluded, value);
    }

    private static boolean numeric(JsonNode comparisons, double value) {
        for (int i = 0; i + 1 < comparisons.size(); i += 2) {
            double bound = comparisons.get(i + 1).asDouble();
            boolean holds = switch (comparisons.get(i).asText()) {
                case "=" -> value == bound;
                case "!=" -> value != bound;
                case "<" -> value < bound;
                case "<=" -> value <= bound;
                case ">" -> value > bound;
                case ">=" -> value >= bound;
                default -> throw new IllegalStateException(comparisons.get(i).asText());
            };
            if (!holds) {
                return false;
            }
        }
        return true;
    }

    private static boolean equal(JsonNode expected, JsonNode value) {
        if (expected.isNumber() && value.isNumber()) {
            return expected.asDouble() == value.asDouble();
        }
        return expected.equals(value);
    }

    private static void validate(JsonNode pattern, String path) {
        if (!pattern.isObject()) {
            throw new IllegalArgumentException(
                    "Filter pattern " + (path.isEmpty() ? "" : "at " + path + " ") + "must be a JSON object");
        }
        for (Map.Entry<String, JsonNode> field : pattern.properties()) {
            String at = path + "/" + field.getKey();
            JsonNode value = field.getValue();
            if (value.isObject()) {
                validate(value, at);
            } else if (!value.isArray()) {
                throw new IllegalArgumentException(
                        "Filter pattern at " + at + " must be an object or an array of values");
            } else {
                for (JsonNode test : value) {
                    if (test.isObject()
                            && (test.size() != 1
                                    || !TESTS.contains(
                                            test.properties().iterator().next().getKey()))) {
                        throw new IllegalArgumentException(
                                "Filter pattern at " + at + " uses an unsupported test: " + test);
                    }
                }
            }
        }
    }
}
