package dev.monitor.dynamo;

import static dev.monitor.dynamo.Attributes.n;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;

/**
 * Items of one kind an account may hold at most so many of (alarms, usage triggers): each put and each delete is one
 * transaction with the count item's {@code counter}, and with what else the change writes ({@code alongside}: its
 * events), so concurrent requests cannot pass the limit, and the count never drifts from the items.
 */
public final class CountedItems {
    private final String table;
    private final String counter;
    private final Transactions transactions;

    public CountedItems(DynamoDbClient dynamo, String table, String counter) {
        this.table = table;
        this.counter = counter;
        this.transactions = new Transactions(dynamo);
    }

    /** Puts the new item and counts it; false, putting nothing, when the count is at {@code limit} already. */
    public boolean put(
            Map<String, AttributeValue> item,
            Map<String, AttributeValue> countKey,
            int limit,
            List<TransactWriteItem> alongside) {
        List<TransactWriteItem> items = new ArrayList<>(List.of(
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
        items.addAll(alongside);
        OptionalInt failed = transactions.write(items);
        if (failed.isPresent() && failed.getAsInt() != 1) {
            throw new IllegalStateException("An item of this Sid exists already");
        }
        return failed.isEmpty();
    }

    /** Deletes the item and counts it off; false, writing nothing, when there was no such item. */
    public boolean delete(
            Map<String, AttributeValue> key, Map<String, AttributeValue> countKey, List<TransactWriteItem> alongside) {
        List<TransactWriteItem> items = new ArrayList<>(List.of(
                TransactWriteItem.builder()
                        .delete(delete -> delete.tableName(table).key(key).conditionExpression("attribute_exists(pk)"))
                        .build(),
                TransactWriteItem.builder()
                        .update(update -> update.tableName(table)
                                .key(countKey)
                                .updateExpression("ADD #count :minusOne")
                                .expressionAttributeNames(Map.of("#count", counter))
                                .expressionAttributeValues(Map.of(":minusOne", n(-1))))
                        .build()));
        items.addAll(alongside);
        return transactions.write(items).isEmpty();
    }
}
