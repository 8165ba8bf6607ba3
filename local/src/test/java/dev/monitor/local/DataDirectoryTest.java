package dev.monitor.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;
import org.junit.jupiter.api.parallel.ResourceLock;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** With a data directory, a restart keeps the tables' items and the key that seals auth tokens. */
@Execution(ExecutionMode.CONCURRENT) // beside the other classes, on a stack of its own
@ResourceLock("the fixture template's handlers, which record what they get in static fields")
class DataDirectoryTest {
    @TempDir
    Path dataDir;

    @Test
    void aRestartKeepsItemsAndTheSealingKey() throws Exception {
        Map<String, AttributeValue> item =
                Map.of("pk", AttributeValue.fromS("AC#kept"), "sk", AttributeValue.fromS("1"));
        String sealingKey;
        try (LocalStack first = start()) {
            first.dynamoDb()
                    .putItem(request -> request.tableName("monitor-local-items").item(item));
            sealingKey = HttpEchoHandler.environment.get("MONITOR_AUTH_TOKEN_SEALING_KEY");
        }
        try (LocalStack second = start()) {
            assertEquals(
                    item,
                    second.dynamoDb()
                            .getItem(request ->
                                    request.tableName("monitor-local-items").key(item))
                            .item());
            assertEquals(sealingKey, HttpEchoHandler.environment.get("MONITOR_AUTH_TOKEN_SEALING_KEY"));
            assertTrue(second.dynamoDb().listTables().tableNames().contains("monitor-local-items"));
        }
    }

    private LocalStack start() throws Exception {
        Path template = Path.of(
                DataDirectoryTest.class.getResource("/fixture-template.yaml").toURI());
        return LocalStack.start(new LocalStack.Options(
                0, null, dataDir, template, URI.create("http://127.0.0.1:8999"), Duration.ofMillis(50), Map.of()));
    }
}
