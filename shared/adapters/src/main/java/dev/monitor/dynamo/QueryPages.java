package dev.monitor.dynamo;

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
import software.amazon.awssdk.services.dynamodb.model.ReturnConsumedCapacity;

/**
 * Pages of one Query, both ways. A page reads one item more than it returns, so it knows whether a
 * next page exists; the page before reads in the opposite order from the page's first item, so a
 * previous page costs what a next page does. A filter may leave a DynamoDB page short: reading goes
 * on, asking for eight times more while the filter keeps less than half, until the page is full, the
 * items end, or the request's {@link ReadBudget} does; then the page holds what was found and its
 * cursor reads on from where DynamoDB stopped evaluating.
 *
 * @param <T> what an item decodes to
 */
public final class QueryPages<T> {
    private static final int GROWTH = 8;

    private final DynamoDbClient dynamo;
    private final Function<Map<String, AttributeValue>, String> positionOf;
    private final Function<String, Map<String, AttributeValue>> startKeyOf;
    private final Function<Map<String, AttributeValue>, T> decode;

    /**
     * @param positionOf the position in the list of an item, or of the key DynamoDB stopped at, as a cursor names it:
     *     it reads only the key attributes of the Query's table or index
     * @param startKeyOf the exclusive start key of a position, with every key attribute the Query's table or index
     *     needs
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
        boolean filtered = query.filterExpression() != null;
        ReadBudget budget = new ReadBudget();
        List<Map<String, AttributeValue>> items = new ArrayList<>(pageSize + 1);
        Map<String, AttributeValue> start =
                from.map(position -> startKeyOf.apply(position.position())).orElse(null);
        int limit = 0;
        do {
            int wanted = pageSize + 1 - items.size();
            int before = items.size();
            limit = Math.max(1, Math.min(budget.itemsLeft(), filtered && limit > 0 ? limit * GROWTH : wanted));
            QueryRequest.Builder request = query.toBuilder()
                    .scanIndexForward(forward != backward)
                    .limit(limit)
                    .returnConsumedCapacity(ReturnConsumedCapacity.TOTAL);
            if (start != null) {
                request.exclusiveStartKey(start);
            }
            QueryResponse response = dynamo.query(request.build());
            budget.spend(response);
            items.addAll(response.items());
            start = response.hasLastEvaluatedKey()
                            && !response.lastEvaluatedKey().isEmpty()
                    ? response.lastEvaluatedKey()
                    : null;
            if (items.size() - before >= limit / 2) {
                limit = 0; // the filter kept enough: ask for what the page still wants next time
            }
        } while (start != null && items.size() <= pageSize && !budget.spent());
        // The budget ended the reading before the page filled: what DynamoDB evaluated up to its last key is known.
        Optional<String> stoppedAt =
                start != null && items.size() <= pageSize ? Optional.of(positionOf.apply(start)) : Optional.empty();
        boolean moreThisWay = items.size() > pageSize || stoppedAt.isPresent();
        List<Map<String, AttributeValue>> kept = new ArrayList<>(items.subList(0, Math.min(pageSize, items.size())));
        if (backward) {
            Collections.reverse(kept);
        }
        if (kept.isEmpty() && stoppedAt.isEmpty()) {
            return new Page<>(List.of(), Optional.empty(), Optional.empty());
        }
        List<String> cursorsAfter =
                kept.stream().map(item -> Cursor.after(positionOf.apply(item))).toList();
        Optional<String> next;
        Optional<String> previous;
        if (backward) {
            // Read backwards, this page is followed by the one the cursor came from.
            next = kept.isEmpty() ? stoppedAt.map(Cursor::after) : Optional.of(cursorsAfter.get(kept.size() - 1));
            previous = stoppedAt
                    .or(() -> Optional.of(positionOf.apply(kept.get(0))))
                    .map(Cursor::before);
        } else {
            next = !moreThisWay
                    ? Optional.empty()
                    : stoppedAt.map(Cursor::after).or(() -> Optional.of(cursorsAfter.get(kept.size() - 1)));
            previous = kept.isEmpty() ? Optional.empty() : Optional.of(Cursor.before(positionOf.apply(kept.get(0))));
        }
        return new Page<>(kept.stream().map(decode).toList(), next, previous, cursorsAfter);
    }
}
