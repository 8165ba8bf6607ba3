package dev.monitor.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.monitor.dynamo.alerts.AlertCodec;
import dev.monitor.dynamo.events.EventCodec;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

/** Monitor's own template, as packaged with the runner, wires the way the runner expects. */
class MonitorTemplateTest {
    @Test
    void theApiFunctionServesEveryRequestWithItsEnvironmentResolvedLocally() throws IOException {
        Template template = Template.parse(packagedTemplate());
        LocalResources resources = new LocalResources();
        resources.addTable("MonitorTable", new LocalResources.Table("MonitorTable", "arn:table", "arn:stream", false));
        Intrinsics intrinsics = new Intrinsics(template, Map.of("OperatorKeySha256", "ab12"), resources, "us-east-1");
        Template.Resource api = template.resources().get("ApiFunction");

        FunctionDefinition definition =
                FunctionDefinition.from(template, api, intrinsics, Map.of("AWS_REGION", "us-east-1"));

        assertEquals("dev.monitor.api.ApiGatewayHandler::handleRequest", definition.handler());
        assertEquals(29, definition.timeoutSeconds());
        assertEquals(1024, definition.memoryMb());
        assertEquals("MonitorTable", definition.environment().get("MONITOR_TABLE"));
        assertEquals("ab12", definition.environment().get("MONITOR_OPERATOR_KEY_SHA256"));
        assertFalse(
                definition.environment().containsKey("MONITOR_AUTH_TOKEN_KMS_KEY_ID"),
                "a KMS key has no local meaning");
        assertFalse(definition.environment().containsKey("JAVA_TOOL_OPTIONS"));
        assertEquals(
                Map.of("Everything", new EventSource.HttpRoute("MonitorHttpApi", null, null)), definition.events());
        assertTrue(template.resourcesOfType(Template.TABLE).stream()
                .anyMatch(table -> table.logicalId().equals("MonitorTable")));
    }

    @Test
    void theAlertCounterTakesOnlyNewAlertItemsFromTheTablesStream() throws IOException {
        Template template = Template.parse(packagedTemplate());
        LocalResources resources = new LocalResources();
        resources.addTable("MonitorTable", new LocalResources.Table("MonitorTable", "arn:table", "arn:stream", false));
        resources.addQueue(
                "NotificationsQueue",
                new LocalResources.Queue("NotificationsQueue", "http://queue/notifications", "arn:notifications"));
        resources.addQueue(
                "AlertCounterFailuresQueue",
                new LocalResources.Queue("AlertCounterFailuresQueue", "http://queue/failures", "arn:failures"));
        Intrinsics intrinsics = new Intrinsics(template, Map.of("OperatorKeySha256", "ab12"), resources, "us-east-1");

        FunctionDefinition definition = FunctionDefinition.from(
                template,
                template.resources().get("AlertCounterFunction"),
                intrinsics,
                Map.of("AWS_REGION", "us-east-1"));

        assertEquals("dev.monitor.alertcounter.AlertStreamHandler::handleRequest", definition.handler());
        assertEquals("http://queue/notifications", definition.environment().get("MONITOR_NOTIFICATIONS_QUEUE_URL"));
        EventSource.Stream stream = (EventSource.Stream) definition.events().get("NewAlerts");
        assertEquals("arn:stream", stream.streamArn());
        assertTrue(stream.reportBatchItemFailures());
        assertEquals(5, stream.maximumRetryAttempts());
        assertEquals(Optional.of("arn:failures"), stream.onFailureArn());
        com.fasterxml.jackson.databind.ObjectMapper json = new com.fasterxml.jackson.databind.ObjectMapper();
        assertTrue(stream.filters()
                .get(0)
                .matches(json.readTree("{\"eventName\": \"INSERT\", \"dynamodb\": {\"Keys\": {\"pk\": {\"S\": \""
                        + AlertCodec.KEYS.partitionKey("AC1", 0) + "\"}}}}")));
        assertFalse(stream.filters()
                .get(0)
                .matches(json.readTree("{\"eventName\": \"MODIFY\", \"dynamodb\": {\"Keys\": {\"pk\": {\"S\": \""
                        + AlertCodec.KEYS.partitionKey("AC1", 0) + "\"}}}}")));
        assertFalse(stream.filters()
                .get(0)
                .matches(json.readTree("{\"eventName\": \"INSERT\", \"dynamodb\": {\"Keys\": {\"pk\": {\"S\": \""
                        + EventCodec.KEYS.partitionKey("AC1", 0) + "\"}}}}")));
    }

    /** The outer bounds: the stage's throttle and the api function's reserved concurrency, each a parameter. */
    @Test
    void theApiIsBoundedByTheStagesThrottleAndTheFunctionsReservedConcurrency() throws IOException {
        Template template = Template.parse(packagedTemplate());
        LocalResources resources = new LocalResources();
        resources.addTable("MonitorTable", new LocalResources.Table("MonitorTable", "arn:table", "arn:stream", false));
        Template.Resource api = template.resources().get("ApiFunction");
        Map<String, String> region = Map.of("AWS_REGION", "us-east-1");

        Intrinsics defaults = new Intrinsics(template, Map.of("OperatorKeySha256", "ab12"), resources, "us-east-1");
        assertEquals(
                OptionalInt.of(200),
                FunctionDefinition.from(template, api, defaults, region).reservedConcurrency());
        RouteThrottle stage =
                RouteThrottle.forRouteOf("MonitorHttpApi", template, defaults).orElseThrow();
        long now = System.nanoTime();
        for (int i = 0; i < 200; i++) {
            assertTrue(stage.tryTake(now), "request " + i + " of the default burst of 200");
        }
        assertFalse(stage.tryTake(now));
        assertTrue(stage.tryTake(now + 1_000_000), "a millisecond at 2,000 a second: 2 more");

        Intrinsics unreserved = new Intrinsics(
                template, Map.of("OperatorKeySha256", "ab12", "ApiReservedConcurrency", "-1"), resources, "us-east-1");
        assertEquals(
                OptionalInt.empty(),
                FunctionDefinition.from(template, api, unreserved, region).reservedConcurrency());
        template.resourcesOfType(Template.FUNCTION).stream()
                .filter(function -> !function.logicalId().equals("ApiFunction"))
                .forEach(function -> assertFalse(
                        template.functionProperties(function).containsKey("ReservedConcurrentExecutions"),
                        function.logicalId() + " draws on the account's unreserved concurrency"));
    }

    private static String packagedTemplate() throws IOException {
        try (InputStream in = MonitorTemplateTest.class.getResourceAsStream("/template.yaml")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
