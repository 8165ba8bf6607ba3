package dev.monitor.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.monitor.alerts.AlertCodec;
import dev.monitor.events.EventCodec;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
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
        assertEquals(Map.of("Everything", new EventSource.HttpRoute(null, null)), definition.events());
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

    private static String packagedTemplate() throws IOException {
        try (InputStream in = MonitorTemplateTest.class.getResourceAsStream("/template.yaml")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
