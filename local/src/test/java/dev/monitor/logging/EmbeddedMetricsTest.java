package dev.monitor.logging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.monitor.testing.ApiClient;
import dev.monitor.testing.CapturedLogs;
import dev.monitor.testing.RunningStack;
import dev.monitor.testing.TestAccount;
import dev.monitor.testing.WebhookReceiver;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.ResourceLock;

/**
 * The functions' metrics for a small scenario (three events, two alerts that fire an alarm, its webhook delivered), as
 * CloudWatch would extract them: each invocation's one Embedded Metric Format line, valid, with the names and values
 * the scenario makes.
 */
// Alone on the shared stack, after the classes that run beside the others there: reads the metrics of whole
// invocations, which would count other tests' work too.
@Order(Order.DEFAULT + 1)
@ResourceLock(RunningStack.ALL_ACCOUNTS)
class EmbeddedMetricsTest {
    @Test
    void aSmallScenariosMetricsAreValidEmbeddedMetricFormatWithTheirValues() throws Exception {
        try (CapturedLogs logs = CapturedLogs.start();
                WebhookReceiver receiver = WebhookReceiver.ok()) {
            TestAccount account = RunningStack.newAccount();
            ApiClient.Response events = account.client().postJson("/v1/Events", """
                    [{"event_type": "user.updated", "source": "web"}, {"event_type": "user.updated", "source": "web"},
                     {"event_type": "user.created", "source": "api"}]""");
            assertEquals(201, events.status(), events.text());
            JsonNode recorded = metricsOfRequest(logs, account, "POST", "/v1/Events");
            assertEquals("api", recorded.get("Function").asText());
            assertEquals("2xx", recorded.get("StatusClass").asText());
            assertEquals(3, recorded.get("EventsRecorded").asInt());
            assertEquals(1, recorded.get("ApiRequests").asInt());
            assertTrue(recorded.get("Latency").isNumber(), recorded.toString());
            assertTrue(
                    dimensionSetsOf(recorded, "ApiRequests").contains(List.of("Function", "StatusClass")),
                    recorded.toString());
            assertTrue(dimensionSetsOf(recorded, "EventsRecorded").contains(List.of("Function")), recorded.toString());

            assertEquals(
                    404,
                    account.client()
                            .get("/v1/Alerts/NO0123456789abcdef0123456789abcdef")
                            .status());
            JsonNode missing = metricsOfRequest(logs, account, "GET", "/v1/Alerts/{Sid}");
            assertEquals("4xx", missing.get("StatusClass").asText());
            assertEquals(1, missing.get("ApiRequests").asInt());
            assertFalse(missing.has("EventsRecorded"), missing.toString());

            ApiClient.Response alarm = account.client().postJson("/v2/Alarms", """
                    {"friendlyName": "metrics", "queryType": "ERROR_CODE", "query": "11200", "triggerValue": 2,
                     "timeWindow": "FIVE_MINS", "webhook": "%s"}""".formatted(receiver.url("/alarm")));
            assertEquals(201, alarm.status(), alarm.text());
            String alarmSid = alarm.json().get("sid").asText();
            Instant date = Instant.now().truncatedTo(ChronoUnit.SECONDS);
            ApiClient.Response alerts = account.client()
                    .postJson(
                            "/v1/Alerts",
                            "[{\"error_code\": \"11200\", \"date_generated\": \"" + date + "\"},"
                                    + " {\"error_code\": \"11200\", \"date_generated\": \"" + date + "\"}]");
            assertEquals(201, alerts.status(), alerts.text());
            assertEquals(
                    2,
                    metricsOfRequest(logs, account, "POST", "/v1/Alerts")
                            .get("AlertsRecorded")
                            .asInt());

            JsonNode fired = logs.metricsOf(logs.await(
                    "the alarm's firing",
                    line -> line.path("message").asText().equals("Alarm fired")
                            && line.path("alarmSid").asText().equals(alarmSid)));
            assertValid(fired);
            assertEquals("alert-counter", fired.get("Function").asText());
            assertEquals(1, fired.get("AlarmsFired").asInt());
            assertEquals(1, fired.get("StreamBatches").asInt());
            assertEquals(0, fired.get("BatchItemFailures").asInt());

            JsonNode delivered = logs.metricsOf(logs.await(
                    "the webhook's delivery",
                    line -> line.path("message").asText().equals("Delivery attempted")
                            && line.path("accountSid").asText().equals(account.sid())));
            assertValid(delivered);
            assertEquals("notifier", delivered.get("Function").asText());
            assertEquals(1, delivered.get("NotificationsDelivered").asInt());
            assertEquals(0, delivered.get("NotificationsFailed").asInt());
            assertEquals(0, delivered.get("NotificationsRetried").asInt());
            assertEquals(0, delivered.get("BatchItemFailures").asInt());
            assertTrue(delivered.get("DeliveryLatency").isNumber(), delivered.toString());
            assertEquals(List.of(List.of("Function")), dimensionSetsOf(delivered, "NotificationsFailed"));

            for (JsonNode line : logs.matching(json -> json.has("_aws"))) {
                assertValid(line);
            }
        }
    }

    private static JsonNode metricsOfRequest(CapturedLogs logs, TestAccount account, String method, String route) {
        JsonNode metrics = logs.metricsOf(logs.await(
                method + " " + route + "'s line",
                line -> line.path("message").asText().equals("Request answered")
                        && line.path("accountSid").asText().equals(account.sid())
                        && line.path("method").asText().equals(method)
                        && line.path("route").asText().equals(route)));
        assertValid(metrics);
        return metrics;
    }

    /** The Embedded Metric Format specification's rules for the root, the metadata and each directive. */
    private static void assertValid(JsonNode emf) {
        String line = emf.toString();
        JsonNode aws = emf.get("_aws");
        assertTrue(aws != null && aws.isObject(), line);
        long timestamp = aws.path("Timestamp").asLong(-1);
        assertTrue(aws.path("Timestamp").isIntegralNumber(), line);
        assertTrue(
                Math.abs(timestamp - System.currentTimeMillis())
                        < Duration.ofMinutes(5).toMillis(),
                "a timestamp in milliseconds since the epoch: " + line);
        JsonNode directives = aws.path("CloudWatchMetrics");
        assertTrue(directives.isArray() && !directives.isEmpty(), line);
        Set<String> names = new HashSet<>();
        for (JsonNode directive : directives) {
            assertEquals("Monitor", directive.path("Namespace").asText(), line);
            JsonNode dimensionSets = directive.path("Dimensions");
            assertTrue(dimensionSets.isArray() && !dimensionSets.isEmpty(), line);
            for (JsonNode dimensions : dimensionSets) {
                assertTrue(dimensions.isArray() && dimensions.size() <= 30, line);
                for (JsonNode dimension : dimensions) {
                    assertTrue(emf.path(dimension.asText()).isTextual(), "dimension " + dimension + " in " + line);
                }
            }
            JsonNode metrics = directive.path("Metrics");
            assertTrue(metrics.isArray() && !metrics.isEmpty() && metrics.size() <= 100, line);
            for (JsonNode metric : metrics) {
                String name = metric.path("Name").asText();
                assertTrue(names.add(name), "each metric once: " + line);
                assertTrue(
                        List.of("Count", "Milliseconds")
                                .contains(metric.path("Unit").asText()),
                        line);
                JsonNode value = emf.get(name);
                assertTrue(value != null, "the value of " + name + " in " + line);
                if (value.isArray()) {
                    assertTrue(value.size() >= 1 && value.size() <= 100, line);
                    value.forEach(element -> assertTrue(element.isNumber(), line));
                } else {
                    assertTrue(value.isNumber(), line);
                }
            }
        }
    }

    private static List<List<String>> dimensionSetsOf(JsonNode emf, String metric) {
        for (JsonNode directive : emf.at("/_aws/CloudWatchMetrics")) {
            for (JsonNode named : directive.get("Metrics")) {
                if (named.get("Name").asText().equals(metric)) {
                    List<List<String>> sets = new ArrayList<>();
                    directive.get("Dimensions").forEach(set -> {
                        List<String> dimensions = new ArrayList<>();
                        set.forEach(dimension -> dimensions.add(dimension.asText()));
                        sets.add(dimensions);
                    });
                    return sets;
                }
            }
        }
        return List.of();
    }
}
