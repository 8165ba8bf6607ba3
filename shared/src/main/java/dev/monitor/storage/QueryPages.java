package dev.monitor.storage;

import dev.monitor.paging.Cursor;
import dev.monitor.paging.Page;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;

/**
 * Pages of one Query, both ways. A page reads one item more than it returns, so it knows whether a
 * next page exists; the page before reads in the opposite order from the page's first item, so a
 * previous page costs what a next page does. A filter may leave a DynamoDB page short: reading goes
 * on until the page is full or the items end.
 *
 * @param <T> what an item decodes to
 */
public final class QueryPages<T> {
    private final DynamoDbClient dynamo;
    private final Function<Map<String, AttributeValue>, String> positionOf;
    private final Function<String, Map<String, AttributeValue>> startKeyOf;
    private final Function<Map<String, AttributeValue>, T> decode;

    /**
     * @param positionOf an item's position in the list, as a cursor names it
     * @param startKeyOf the exclusive start key of a position, with every key attribute the Query's table or index
     * needs
     */
    public QueryPages(
            DynamoDbClient dynamo,
            Function<Map<String, AttributeValue>, String> positionOf,
            Function<String, Map<String, AttributeValue>> startKeyOf,
            Function<Map<String, AttributeValue>, T> decode) {
        this.dynamo = dynamo;
        this.positionOf = positionOf;
        this.startKeyOf = startKeyOf;
        this.decode = decode;
    }

    /**
     * Reads one page of the query from {@code cursor}.
     *
     * @param query the Query without its order, limit or start key
     * @param forward the list's own order: ascending sort keys when true
     */
    public Page<T> read(QueryRequest query, boolean forward, int pageSize, Optional<String> cursor) {
        Optional<Cursor> from = Cursor.parse(cursor);
        boolean backward = from.map(Cursor::backward).orElse(false);
        List<Map<String, AttributeValue>> items = new ArrayList<>(pageSize + 1);
        Map<String, AttributeValue> start =
                from.map(position -> startKeyOf.apply(position.position())).orElse(null);
        do {
            QueryRequest.Builder request =
                    query.toBuilder().scanIndexForward(forward != backward).limit(pageSize + 1 - items.size());
            if (start != null) {
                request.exclusiveStartKey(start);
            }
            QueryResponse response = dynamo.query(request.build());
            items.addAll(response.items());
            start = response.hasLastEvaluatedKey()
                            && !response.lastEvaluatedKey().isEmpty()
                    ? response.lastEvaluatedKey()
                    : null;
        } while (start != null && items.size() <= pageSize);
        boolean moreThisWay = items.size() > pageSize;
        List<Map<String, AttributeValue>> kept = new ArrayList<>(items.subList(0, Math.min(pageSize, items.size())));
        if (backward) {
            Collections.reverse(kept);
        }
        if (kept.isEmpty()) {
            return new Page<>(List.of(), Optional.empty(), Optional.empty());
        }
        // Read backwards, this page is followed by the one the cursor came from.
        Optional<String> next = moreThisWay || backward
                ? Optional.of(Cursor.after(positionOf.apply(kept.get(kept.size() - 1))))
                : Optional.empty();
        Optional<String> previous = Optional.of(Cursor.before(positionOf.apply(kept.get(0))));
        return new Page<>(kept.stream().map(decode).toList(), next, previous);
    }
}
