package dev.monitor.json;

import java.util.Objects;

/**
 * A JSON value as text: what is JSON by nature (an event's {@code event_data}, a webhook's payload) crosses the domain
 * as this, unread. The edges parse and write it with their JSON library; the domain only carries it, or makes the few
 * objects of its own through {@link JsonObjectWriter}.
 *
 * @param text one JSON value (RFC 8259), checked when made
 */
public record RawJson(String text) {
    public RawJson {
        Objects.requireNonNull(text, "text");
        if (!JsonSyntax.isOneValue(text)) {
            throw new IllegalArgumentException("Not one JSON value");
        }
    }

    /** The JSON text itself. */
    @Override
    public String toString() {
        return text;
    }
}
