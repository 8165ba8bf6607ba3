package dev.monitor.storage;

import java.util.Map;
import java.util.Optional;
import java.util.function.IntFunction;
import java.util.function.UnaryOperator;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * A newest-first read of a sharded timeline: one partition per shard, items sorted by {@code sk}.
 *
 * @param indexName the GSI to read, or empty for the table
 * @param partitionKeyAttribute {@code pk} on the table, the index's partition key attribute otherwise
 * @param partitionKeyOfShard the partition key value of each shard
 * @param tablePartitionKeyOfSortKey on an index, the table's {@code pk} of the item with this sort key
 *     (a page cursor must name the table's key too); unused on the table
 * @param lowestSortKey lowest sort key to return, inclusive
 * @param highestSortKey highest sort key to return, inclusive
 * @param filterExpression what the key cannot select; it never widens the key range
 */
public record TimelineQuery(
        Optional<String> indexName,
        String partitionKeyAttribute,
        IntFunction<String> partitionKeyOfShard,
        UnaryOperator<String> tablePartitionKeyOfSortKey,
        String lowestSortKey,
        String highestSortKey,
        String filterExpression,
        Map<String, String> expressionNames,
        Map<String, AttributeValue> expressionValues) {
}
