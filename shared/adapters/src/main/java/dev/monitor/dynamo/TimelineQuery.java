package dev.monitor.dynamo;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
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
 * @param thinnedByFilter whether the filter expression checks more than expiry, so that it may keep few of the items
 *     a read evaluates
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
        Map<String, AttributeValue> expressionValues,
        boolean thinnedByFilter) {

    /**
     * The newest-first read of a log ({@link TimelineKeys#log}) by its filters, given most selective
     * first: the first chooses the index, the others are checked within its partitions, and items that
     * expired by {@code now} are never returned.
     */
    public static TimelineQuery filtered(
            String log,
            List<IndexedValue> filters,
            IntFunction<String> tablePartitionKeyOfShard,
            UnaryOperator<String> tablePartitionKeyOfSortKey,
            String lowestSortKey,
            String highestSortKey,
            Instant now) {
        Map<String, String> names = new HashMap<>();
        Map<String, AttributeValue> values = new HashMap<>();
        List<String> conditions = new ArrayList<>();
        conditions.add(TimelineCodec.EXPIRES_AT + " > :now");
        values.put(":now", AttributeValue.fromN(Long.toString(now.getEpochSecond())));
        for (IndexedValue other : filters.subList(Math.min(1, filters.size()), filters.size())) {
            String tag = other.index().tag();
            conditions.add("#" + tag + " = :" + tag);
            names.put("#" + tag, other.index().attribute());
            values.put(":" + tag, AttributeValue.fromS(other.value()));
        }
        Optional<IndexedValue> keyed = filters.stream().findFirst();
        return new TimelineQuery(
                keyed.map(value -> value.index().indexName()),
                keyed.map(value -> value.index().keyAttribute()).orElse("pk"),
                keyed.<IntFunction<String>>map(value -> shard -> value.partitionKey(log, shard))
                        .orElse(tablePartitionKeyOfShard),
                tablePartitionKeyOfSortKey,
                lowestSortKey,
                highestSortKey,
                String.join(" AND ", conditions),
                names,
                values,
                filters.size() > 1);
    }
}
