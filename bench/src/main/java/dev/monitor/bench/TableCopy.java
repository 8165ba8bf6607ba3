package dev.monitor.bench;

import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndex;
import software.amazon.awssdk.services.dynamodb.model.TableDescription;

/** An empty table with another's keys and indexes, for writes that must not land in the table being measured. */
final class TableCopy {
    private TableCopy() {}

    static String create(DynamoDbClient dynamoDb, String source, String copy) {
        TableDescription table =
                dynamoDb.describeTable(request -> request.tableName(source)).table();
        dynamoDb.createTable(request -> {
            request.tableName(copy)
                    .billingMode(BillingMode.PAY_PER_REQUEST)
                    .attributeDefinitions(table.attributeDefinitions())
                    .keySchema(table.keySchema());
            if (table.hasGlobalSecondaryIndexes()) {
                request.globalSecondaryIndexes(table.globalSecondaryIndexes().stream()
                        .map(index -> GlobalSecondaryIndex.builder()
                                .indexName(index.indexName())
                                .keySchema(index.keySchema())
                                .projection(index.projection())
                                .build())
                        .toList());
            }
        });
        return copy;
    }
}
