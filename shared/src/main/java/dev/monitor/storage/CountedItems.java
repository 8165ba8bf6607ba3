package dev.monitor.storage;

import static dev.monitor.storage.Attributes.n;

import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;

/**
 * Items of one kind an account may hold at most so many of (alarms, usage triggers): each put and each delete is one
 * transaction with the count item's {@code counter}, so concurrent requests cannot pass the limit, and the count never
 * drifts from the items.
 */
public final class CountedItems {
    private static final String CONDITION_FAILED = "ConditionalCheckFailed";

    private final DynamoDbClient dynamo;
    private final String table;
    private final String counter;

    public CountedItems(DynamoDbClient dynamo, String table, String counter) {
        this.dynamo = dynamo;
        this.table = table;
        this.counter = counter;
    }

    /** Puts the new item and counts it; false, putting nothing, when the count is at {@code limit} already. */
    public boolean put(Map<String, AttributeValue> item, Map<String, AttributeValue> countKey, int limit) {
        try {
            dynamo.transactWriteItems(request -> request.transactItems(
                    TransactWriteItem.builder()
                            .put(put -> put.tableName(table).item(item).conditionExpression("attribute_not_exists(pk)"))
                            .build(),
                    TransactWriteItem.builder()
                            .update(update -> update.tableName(table)
                                    .key(countKey)
                                    .updateExpression("ADD #count :one")
                                    .conditionExpression("attribute_not_exists(#count) OR #count < :limit")
                                    .expressionAttributeNames(Map.of("#count", counter))
                                    .expressionAttributeValues(Map.of(":one", n(1), ":limit", n(limit))))
                            .build()));
            return true;
        } catch (TransactionCanceledException e) {
            if (e.cancellationReasons().size() == 2
                    && CONDITION_FAILED.equals(e.cancellationReasons().get(1).code())) {
                return false;
            }
            throw e;
        }
    }

    /** Deletes the item and counts it off; false when there was no such item. */
    public boolean delete(Map<String, AttributeValue> key, Map<String, AttributeValue> countKey) {
        try {
            dynamo.transactWriteItems(request -> request.transactItems(
                    TransactWriteItem.builder()
                            .delete(delete ->
                                    delete.tableName(table).key(key).conditionExpression("attribute_exists(pk)"))
                            .build(),
                    TransactWriteItem.builder()
                            .update(update -> update.tableName(table)
                                    .key(countKey)
                                    .updateExpression("ADD #count :minusOne")
                                    .expressionAttributeNames(Map.of("#count", counter))
                                    .expressionAttributeValues(Map.of(":minusOne", n(-1))))
                            .build()));
            return true;
        } catch (TransactionCanceledException e) {
            if (!e.cancellationReasons().isEmpty()
                    && CONDITION_FAILED.equals(e.cancellationReasons().get(0).code())) {
                return false;
            }
            throw e;
        }
    }
}
