package dev.monitor.local;

import static dev.monitor.local.TemplateMaps.at;
import static dev.monitor.local.TemplateMaps.boolAt;
import static dev.monitor.local.TemplateMaps.list;
import static dev.monitor.local.TemplateMaps.map;

import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.CreateTableRequest;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndex;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.LocalSecondaryIndex;
import software.amazon.awssdk.services.dynamodb.model.Projection;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;
import software.amazon.awssdk.services.dynamodb.model.TableDescription;

/** Creates the template's tables, unless a kept data directory already has them. */
final class DynamoDbTables {
    private final DynamoDbClient dynamoDb;

    DynamoDbTables(DynamoDbClient dynamoDb) {
        this.dynamoDb = dynamoDb;
    }

    void createAll(Template template, Intrinsics intrinsics, LocalResources resources) {
        for (Template.Resource table : template.resourcesOfType(Template.TABLE)) {
            Map<String, Object> properties = table.properties();
            String name = intrinsics.text(properties.get("TableName")).orElse(table.logicalId());
            TableDescription description = describe(name);
            boolean kept = description != null;
            if (!kept) {
                dynamoDb.createTable(createRequest(name, properties));
                enableTimeToLive(name, properties);
                description = describe(name);
            }
            resources.addTable(
                    table.logicalId(),
                    new LocalResources.Table(name, description.tableArn(), description.latestStreamArn(), kept));
        }
    }

    private TableDescription describe(String name) {
        try {
            return dynamoDb.describeTable(request -> request.tableName(name)).table();
        } catch (ResourceNotFoundException e) {
            return null;
        }
    }

    /** Capacity means nothing locally, so every table is on-demand whatever the template says. */
    private static CreateTableRequest createRequest(String name, Map<String, Object> properties) {
        CreateTableRequest.Builder request = CreateTableRequest.builder()
                .tableName(name)
                .billingMode(BillingMode.PAY_PER_REQUEST)
                .attributeDefinitions(list(properties.get("AttributeDefinitions")).stream()
                        .map(TemplateMaps::map)
                        .map(definition -> AttributeDefinition.builder()
                                .attributeName(String.valueOf(definition.get("AttributeName")))
                                .attributeType(String.valueOf(definition.get("AttributeType")))
                                .build())
                        .toList())
                .keySchema(keySchema(properties.get("KeySchema")));
        List<Object> globalIndexes = list(properties.get("GlobalSecondaryIndexes"));
        if (!globalIndexes.isEmpty()) {
            request.globalSecondaryIndexes(globalIndexes.stream()
                    .map(TemplateMaps::map)
                    .map(index -> GlobalSecondaryIndex.builder()
                            .indexName(String.valueOf(index.get("IndexName")))
                            .keySchema(keySchema(index.get("KeySchema")))
                            .projection(projection(index.get("Projection")))
                            .build())
                    .toList());
        }
        List<Object> localIndexes = list(properties.get("LocalSecondaryIndexes"));
        if (!localIndexes.isEmpty()) {
            request.localSecondaryIndexes(localIndexes.stream()
                    .map(TemplateMaps::map)
                    .map(index -> LocalSecondaryIndex.builder()
                            .indexName(String.valueOf(index.get("IndexName")))
                            .keySchema(keySchema(index.get("KeySchema")))
                            .projection(projection(index.get("Projection")))
                            .build())
                    .toList());
        }
        Object streamViewType = at(properties, "StreamSpecification", "StreamViewType");
        if (streamViewType != null) {
            request.streamSpecification(
                    stream -> stream.streamEnabled(true).streamViewType(String.valueOf(streamViewType)));
        }
        return request.build();
    }

    private void enableTimeToLive(String name, Map<String, Object> properties) {
        Map<String, Object> timeToLive = map(properties.get("TimeToLiveSpecification"));
        if (timeToLive.isEmpty() || !boolAt(timeToLive, false, "Enabled")) {
            return;
        }
        try {
            dynamoDb.updateTimeToLive(request -> request.tableName(name)
                    .timeToLiveSpecification(specification -> specification
                            .attributeName(String.valueOf(timeToLive.get("AttributeName")))
                            .enabled(true)));
        } catch (DynamoDbException e) {
            Log.info("Table " + name + ": time to live not enabled locally (" + e.getMessage() + ")");
        }
    }

    private static List<KeySchemaElement> keySchema(Object keySchema) {
        return list(keySchema).stream()
                .map(TemplateMaps::map)
                .map(key -> KeySchemaElement.builder()
                        .attributeName(String.valueOf(key.get("AttributeName")))
                        .keyType(String.valueOf(key.get("KeyType")))
                        .build())
                .toList();
    }

    private static Projection projection(Object projection) {
        Map<String, Object> properties = map(projection);
        Projection.Builder builder =
                Projection.builder().projectionType(String.valueOf(properties.getOrDefault("ProjectionType", "ALL")));
        List<Object> nonKeyAttributes = list(properties.get("NonKeyAttributes"));
        if (!nonKeyAttributes.isEmpty()) {
            builder.nonKeyAttributes(
                    nonKeyAttributes.stream().map(String::valueOf).toList());
        }
        return builder.build();
    }
}
