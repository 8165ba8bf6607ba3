package dev.monitor.testing;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.monitor.jackson.Json;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;

/** Every line the local stack's functions log while it is open, as their log groups on AWS would get them. */
public final class CapturedLogs implements AutoCloseable {
    private final List<String> lines = new CopyOnWriteArrayList<>();
    private final AutoCloseable listening;

    private CapturedLogs() {
        listening = RunningStack.get().functionLogs().listen(lines::add);
    }

    public static CapturedLogs start() {
        return new CapturedLogs();
    }

    /** The lines as written. */
    public List<String> lines() {
        return List.copyOf(lines);
    }

    /** Each line parsed; fails on a line that is not one JSON object. */
    public List<JsonNode> objects() {
        List<JsonNode> objects = new ArrayList<>();
        for (String line : lines) {
            try {
                JsonNode json = Json.parse(line);
                assertTrue(json.isObject(), "a log line that is no JSON object: " + line);
                objects.add(json);
            } catch (JsonProcessingException e) {
                fail("a log line that is no JSON: " + line, e);
            }
        }
        return objects;
    }

    public List<JsonNode> matching(Predicate<JsonNode> wanted) {
        return objects().stream().filter(wanted).toList();
    }

    /** Waits for a line that {@code wanted} accepts (a function logs after it answers) and returns the first. */
    public JsonNode await(String what, Predicate<JsonNode> wanted) {
        return Eventually.until(what, () -> matching(wanted), found -> !found.isEmpty())
                .get(0);
    }

    /** The metrics line (Embedded Metric Format) of the invocation that wrote {@code line}. */
    public JsonNode metricsOf(JsonNode line) {
        String requestId = line.get("requestId").asText();
        return await(
                "the metrics of invocation " + requestId,
                json -> json.has("_aws")
                        && requestId.equals(json.path("requestId").asText()));
    }

    @Override
    public void close() throws Exception {
        listening.close();
    }
}
