package dev.monitor.local;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.monitor.jackson.Json;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * The runner's own messages on stderr, beside the functions' logs: one JSON object per line ({@code level},
 * {@code message} and the fields of the message), as Lambda's JSON log format writes them, so they can be filtered
 * with jq.
 */
final class Log {
    private static final List<Consumer<String>> LISTENERS = new CopyOnWriteArrayList<>();

    private Log() {}

    /**
     * {@code listener} gets every line written from now until the returned handle is closed, as a test that reads what
     * the stack logged gets them; lines of every stack of this JVM.
     */
    static AutoCloseable listen(Consumer<String> listener) {
        LISTENERS.add(listener);
        return () -> LISTENERS.remove(listener);
    }

    static void info(String message) {
        write(line("INFO", message));
    }

    static void error(String message, Throwable error) {
        StringWriter trace = new StringWriter();
        error.printStackTrace(new PrintWriter(trace));
        write(line("ERROR", message).put("error", error.toString()).put("stackTrace", trace.toString()));
    }

    /** One line per request the gateway answered. */
    static void request(String requestId, String method, String path, int status, Duration latency) {
        write(line("INFO", method + " " + path + " " + status)
                .put("requestId", requestId)
                .put("method", method)
                .put("path", path)
                .put("status", status)
                .put("latencyMs", latency.toMillis()));
    }

    /** A function's own log line: passed through when it is already a JSON object, else wrapped in one. */
    static void function(String function, String message) {
        String text = message.stripTrailing();
        if (text.startsWith("{") && text.endsWith("}") && !text.contains("\n")) {
            print(text);
            return;
        }
        write(line("INFO", text).put("function", function));
    }

    private static ObjectNode line(String level, String message) {
        return Json.object()
                .put("timestamp", Instant.now().toString())
                .put("level", level)
                .put("message", message);
    }

    private static void write(ObjectNode line) {
        print(Json.write(line));
    }

    private static void print(String line) {
        System.err.println(line);
        LISTENERS.forEach(listener -> listener.accept(line));
    }
}
