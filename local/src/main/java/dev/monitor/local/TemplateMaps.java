package dev.monitor.local;

import java.util.List;
import java.util.Map;

/** Typed access to the maps and lists of a parsed template, where a missing entry is an empty one. */
final class TemplateMaps {
    private TemplateMaps() {}

    @SuppressWarnings("unchecked")
    static Map<String, Object> map(Object value) {
        return value instanceof Map<?, ?> map ? (Map<String, Object>) map : Map.of();
    }

    @SuppressWarnings("unchecked")
    static List<Object> list(Object value) {
        return value instanceof List<?> list ? (List<Object>) list : List.of();
    }

    static Object at(Map<String, Object> map, String... path) {
        Object value = map;
        for (String key : path) {
            value = map(value).get(key);
        }
        return value;
    }

    static int intAt(Map<String, Object> map, int fallback, String... path) {
        Object value = at(map, path);
        return value == null ? fallback : Integer.parseInt(value.toString());
    }

    static boolean boolAt(Map<String, Object> map, boolean fallback, String... path) {
        Object value = at(map, path);
        return value == null ? fallback : Boolean.parseBoolean(value.toString());
    }
}
