package dev.monitor.cloudwatch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.Context;
import com.fasterxml.jackson.databind.JsonNode;
import dev.monitor.jackson.Json;
import dev.monitor.metrics.Metric;
import java.lang.reflect.Proxy;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FunctionLogTest {
    private static final Instant NOW = Instant.parse("2026-11-25T20:00:00.123Z");

    private final List<String> lines = new ArrayList<>();
    private final FunctionLog log = new FunctionLog("api", lines::add, Clock.fixed(NOW, ZoneOffset.UTC));

    @Test
    void aLineIsOneJsonObjectWithTheInvocationsRequestIdFunctionAndFields() throws Exception {
        log.begin(context("req-1", "monitor-ApiFunction"));
        log.put("accountSid", "AC123");
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("attempt", 2);
        fields.put("outcome", "delivered");
        log.info("Quotes \" and\nnew lines \u2028 stay inside the line", fields);

        assertEquals(1, lines.size());
        assertFalse(lines.get(0).contains("\n"), lines.get(0));
        JsonNode line = Json.parse(lines.get(0));
        assertEquals("2026-11-25T20:00:00.123Z", line.get("timestamp").asText());
        assertEquals("INFO", line.get("level").asText());
        assertEquals(
                "Quotes \" and\nnew lines \u2028 stay inside the line",
                line.get("message").asText());
        assertEquals("req-1", line.get("requestId").asText());
        assertEquals("monitor-ApiFunction", line.get("function").asText());
        assertEquals("AC123", line.get("accountSid").asText());
        assertEquals(2, line.get("attempt").asInt());
        assertTrue(line.get("attempt").isIntegralNumber());
        assertEquals("delivered", line.get("outcome").asText());
    }

    @Test
    void anExceptionIsItsTypeMessageAndStackTraceAsFields() throws Exception {
        log.begin(context("req-2", "fn"));
        log.error("Unhandled failure", new IllegalStateException("the table is gone"));

        JsonNode line = Json.parse(lines.get(0));
        assertEquals("ERROR", line.get("level").asText());
        assertEquals("java.lang.IllegalStateException", line.get("errorType").asText());
        assertEquals("the table is gone", line.get("errorMessage").asText());
        assertTrue(line.get("stackTrace").asText().contains("FunctionLogTest"), line.toString());
    }

    @Test
    void theInvocationsMetricsAreOneEmbeddedMetricFormatLineWhenItEnds() throws Exception {
        log.begin(context("req-3", "fn"));
        log.statusClass("2xx");
        log.add(Metric.API_REQUESTS, 1);
        log.add(Metric.LATENCY, 12);
        log.add(Metric.EVENTS_RECORDED, 2);
        log.add(Metric.EVENTS_RECORDED, 3);
        assertTrue(lines.isEmpty(), "nothing before the invocation ends");
        log.end();

        assertEquals(1, lines.size());
        JsonNode emf = Json.parse(lines.get(0));
        assertEquals("INFO", emf.get("level").asText());
        assertEquals("req-3", emf.get("requestId").asText());
        assertEquals(NOW.toEpochMilli(), emf.at("/_aws/Timestamp").asLong());
        JsonNode directives = emf.at("/_aws/CloudWatchMetrics");
        assertEquals(2, directives.size());
        assertEquals("Monitor", directives.get(0).get("Namespace").asText());
        assertEquals("[[\"Function\"]]", Json.write(directives.get(0).get("Dimensions")));
        assertEquals(
                "[{\"Name\":\"EventsRecorded\",\"Unit\":\"Count\"}]",
                Json.write(directives.get(0).get("Metrics")));
        assertEquals(
                "[[\"Function\",\"StatusClass\"],[\"Function\"]]",
                Json.write(directives.get(1).get("Dimensions")));
        assertEquals(
                "[{\"Name\":\"ApiRequests\",\"Unit\":\"Count\"},{\"Name\":\"Latency\",\"Unit\":\"Milliseconds\"}]",
                Json.write(directives.get(1).get("Metrics")));
        assertEquals("api", emf.get("Function").asText());
        assertEquals("2xx", emf.get("StatusClass").asText());
        assertEquals(5, emf.get("EventsRecorded").asLong());
        assertEquals(1, emf.get("ApiRequests").asLong());
        assertEquals(12, emf.get("Latency").asLong());
    }

    @Test
    void timesKeepEachValueAndCountsAddUp() throws Exception {
        log.begin(context("req-4", "fn"));
        log.add(Metric.DELIVERY_LATENCY, 40);
        log.add(Metric.DELIVERY_LATENCY, 250);
        log.add(Metric.NOTIFICATIONS_DELIVERED, 0);
        log.add(Metric.NOTIFICATIONS_DELIVERED, 1);
        log.add(Metric.NOTIFICATIONS_DELIVERED, 1);
        log.end();

        JsonNode emf = Json.parse(lines.get(0));
        assertEquals("[40,250]", Json.write(emf.get("DeliveryLatency")));
        assertEquals(2, emf.get("NotificationsDelivered").asLong());
    }

    @Test
    void outsideAnInvocationLinesCarryNoRequestIdAndMetricsAreDropped() throws Exception {
        log.add(Metric.API_REQUESTS, 1);
        log.warn("Before the first invocation");
        log.end();

        assertEquals(1, lines.size());
        JsonNode line = Json.parse(lines.get(0));
        assertFalse(line.has("requestId"));
        assertEquals("api", line.get("function").asText());
    }

    @Test
    void aLaterInvocationStartsWithNoneOfTheEarliersFields() throws Exception {
        log.begin(context("req-5", "fn"));
        log.put("accountSid", "AC1");
        log.end();
        log.begin(context("req-6", "fn"));
        log.info("Next");

        JsonNode line = Json.parse(lines.get(0));
        assertEquals("req-6", line.get("requestId").asText());
        assertFalse(line.has("accountSid"));
    }

    private static Context context(String requestId, String functionName) {
        return (Context) Proxy.newProxyInstance(
                Context.class.getClassLoader(),
                new Class<?>[] {Context.class},
                (proxy, method, args) -> switch (method.getName()) {
                    case "getAwsRequestId" -> requestId;
                    case "getFunctionName" -> functionName;
                    default -> null;
                });
    }
}
