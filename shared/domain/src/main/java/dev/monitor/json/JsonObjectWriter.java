package dev.monitor.json;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One JSON object of the domain's own making (a webhook's payload, the properties of an audit event), its members in
 * the order first put; putting a name again replaces its value in place. Strings are escaped as Jackson escapes them,
 * so what the domain writes reads the same as what the adapters write.
 */
public final class JsonObjectWriter {
    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

    private final Map<String, Object> members = new LinkedHashMap<>();

    /** A string member; null writes {@code null}. */
    public JsonObjectWriter put(String name, String value) {
        members.put(name, value);
        return this;
    }

    public JsonObjectWriter put(String name, long value) {
        members.put(name, value);
        return this;
    }

    /** A new, empty object under {@code name}, to be filled in through what this returns. */
    public JsonObjectWriter object(String name) {
        JsonObjectWriter object = new JsonObjectWriter();
        members.put(name, object);
        return object;
    }

    public RawJson toJson() {
        StringBuilder text = new StringBuilder();
        write(text);
        return new RawJson(text.toString());
    }

    private void write(StringBuilder text) {
        text.append('{');
        boolean first = true;
        for (Map.Entry<String, Object> member : members.entrySet()) {
            if (!first) {
                text.append(',');
            }
            first = false;
            string(text, member.getKey());
            text.append(':');
            Object value = member.getValue();
            if (value == null) {
                text.append("null");
            } else if (value instanceof String string) {
                string(text, string);
            } else if (value instanceof JsonObjectWriter object) {
                object.write(text);
            } else {
                text.append(value);
            }
        }
        text.append('}');
    }

    private static void string(StringBuilder text, String value) {
        text.append('"');
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '"' -> text.append("\\\"");
                case '\\' -> text.append("\\\\");
                case '\b' -> text.append("\\b");
                case '\f' -> text.append("\\f");
                case '\n' -> text.append("\\n");
                case '\r' -> text.append("\\r");
                case '\t' -> text.append("\\t");
                default -> {
                    if (c < 0x20) {
                        text.append("\\u00").append(HEX[c >> 4]).append(HEX[c & 0xF]);
                    } else {
                        text.append(c);
                    }
                }
            }
        }
        text.append('"');
    }
}
