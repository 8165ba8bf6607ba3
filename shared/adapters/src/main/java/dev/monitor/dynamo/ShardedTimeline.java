package dev.monitor.dynamo;

import static dev.monitor.dynamo.Attributes.s;

import dev.monitor.paging.Cursor;
import dev.monitor.paging.Page;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.ReturnConsumedCapacity;

/**
 * Reads a timeline that writes spread over several partitions (so that one busy account never makes
 * a hot partition) as one newest-first list: a k-way merge that asks each shard only for about its
 * share of the page, so DynamoDB reads little more than the page returns. A read that a filter
 * thins out asks for eight times more each time, so that sparse matches cost few requests; every
 * read is within the request's {@link ReadBudget}, and a page the budget ends early holds the items
 * known to come first, with a cursor that reads on from where each shard stopped.
 *
 * <p>A next page's cursor names, per shard, the sort key after which reading resumes, or that the shard is
 * done; a previous page's names the sort key of the page's first item, before which it reads.
 */
public final class ShardedTimeline {
    private static final String DONE = "~";
    /** How much more a shard is asked for each time a filter kept less than half of its last read. */
    private static final int GROWTH = 8;

    private final DynamoDbClient dynamo;
    private final String table;
    private final int shards;

    public ShardedTimeline(DynamoDbClient dynamo, String table, int shards) {
        this.dynamo = dynamo;
        this.table = table;
        this.shards = shards;
    }

    public Page<Map<String, AttributeValue>> newestFirst(TimelineQuery query, int pageSize, Optional<String> cursor) {
        Optional<Cursor> from = Cursor.parse(cursor);
        if (from.isPresent() && from.get().backward()) {
            return pageBefore(query, pageSize, from.get().position());
        }
        List<Shard> state = start(from.map(Cursor::position));
        List<Map<String, AttributeValue>> page = merge(query, state, pageSize, Direction.OLDER);
        return new Page<>(page, next(state), previous(page), cursorsAfter(page));
    }

    /**
     * The page before the item with sort key {@code first}, newest first: the same merge as a next
     * page's, upwards from there and oldest first, then reversed. Its next page resumes after its
     * oldest item in every shard, since sort keys order items across shards.
     */
    private Page<Map<String, AttributeValue>> pageBefore(TimelineQuery query, int pageSize, String first) {
        // A start key must lie inside the key condition's range; below it, every item in range is newer.
        String from = first.compareTo(query.lowestSortKey()) < 0 ? null : first;
        List<Shard> state = new ArrayList<>(shards);
        for (int i = 0; i < shards; i++) {
            state.add(new Shard(i, from, false));
        }
        List<Map<String, AttributeValue>> page = merge(query, state, pageSize, Direction.NEWER);
        Collections.reverse(page);
        if (page.isEmpty()) {
            return new Page<>(page, Optional.empty(), Optional.empty());
        }
        return new Page<>(
                page, Optional.of(resumeAfter(page.get(page.size() - 1))), previous(page), cursorsAfter(page));
    }

    /** Which way a merge reads: towards older items for a next page, towards newer ones for a previous page. */
    private enum Direction {
        OLDER(-1, false),
        NEWER(1, true);

        private final int sign;
        final boolean scanIndexForward;

        Direction(int sign, boolean scanIndexForward) {
            this.sign = sign;
            this.scanIndexForward = scanIndexForward;
        }

        /** Orders sort keys as the merge takes them: below zero when {@code a} is taken before {@code b}. */
        int compare(String a, String b) {
            return sign * a.compareTo(b);
        }
    }

    /**
     * Takes items from the shards in {@code direction} until the page is full, the shards end, or the budget does. An
     * item is taken only when it comes before everything its shards have not read yet; once the page is full, a shard
     * that ran dry without reaching its end is read once more, so that a next page is offered only when it holds an
     * item (DynamoDB says a read that filled its limit has more, whether or not it has).
     */
    private List<Map<String, AttributeValue>> merge(
            TimelineQuery query, List<Shard> state, int pageSize, Direction direction) {
        ReadBudget budget = new ReadBudget();
        List<Map<String, AttributeValue>> page = new ArrayList<>(pageSize);
        while (true) {
            readDryShards(query, state, pageSize, page.size(), direction, budget);
            boolean dry = state.stream().anyMatch(Shard::needsRead);
            if (dry && !budget.spent()) {
                continue; // a shard read only filtered-out items: read on before merging
            }
            if (page.size() == pageSize) {
                return page;
            }
            Shard first = null;
            for (Shard shard : state) {
                if (!shard.buffer.isEmpty()
                        && (first == null
                                || direction.compare(sortKey(shard.buffer.peek()), sortKey(first.buffer.peek())) < 0)) {
                    first = shard;
                }
            }
            if (first == null || (dry && !beforeEveryUnread(state, sortKey(first.buffer.peek()), direction))) {
                // The shards have ended, or the budget has, and what is left could come after unread items.
                return page;
            }
            Map<String, AttributeValue> item = first.buffer.poll();
            first.resumeAfter = sortKey(item);
            page.add(item);
        }
    }

    /** Whether an item comes before whatever the shards that ran dry may still hold beyond where they were read. */
    private static boolean beforeEveryUnread(List<Shard> state, String sortKey, Direction direction) {
        for (Shard shard : state) {
            if (shard.needsRead() && (shard.readFrom == null || direction.compare(sortKey, shard.readFrom) >= 0)) {
                return false;
            }
        }
        return true;
    }

    /** Reads every shard whose buffer ran dry, each its share of what the page still wants, within the budget. */
    private void readDryShards(
            TimelineQuery query, List<Shard> state, int pageSize, int taken, Direction direction, ReadBudget budget) {
        // The rest of the page is shared among every shard that may still hold items, not only those that ran dry:
        // the others' buffers will fill most of it.
        long contributing =
                Math.max(1, state.stream().filter(Shard::mayContribute).count());
        int wanted = taken < pageSize ? pageSize - taken : pageSize;
        int share = (int) Math.ceil(wanted / (double) contributing) + 1;
        long dry = state.stream().filter(Shard::needsRead).count();
        for (Shard shard : state) {
            if (shard.needsRead() && !budget.spent()) {
                boolean thinned = query.thinnedByFilter() && shard.reads > 0 && shard.lastKept < shard.lastLimit / 2;
                int asked = thinned ? shard.lastLimit * GROWTH : share;
                int limit = (int) Math.max(1, Math.min(asked, budget.itemsLeft() / Math.max(1, dry)));
                read(query, shard, limit, direction, budget);
            }
        }
    }

    private static Optional<String> previous(List<Map<String, AttributeValue>> page) {
        return page.isEmpty() ? Optional.empty() : Optional.of(Cursor.before(sortKey(page.get(0))));
    }

    /** After any item, every shard resumes after its sort key: sort keys order items across shards. */
    private List<String> cursorsAfter(List<Map<String, AttributeValue>> page) {
        return page.stream().map(this::resumeAfter).toList();
    }

    private String resumeAfter(Map<String, AttributeValue> item) {
        String[] positions = new String[shards];
        Arrays.fill(positions, sortKey(item));
        return Cursor.after(String.join(",", positions));
    }

    private static Map<String, AttributeValue> startKey(TimelineQuery query, String partitionKey, String sortKey) {
        Map<String, AttributeValue> startKey = new HashMap<>();
        startKey.put(query.partitionKeyAttribute(), s(partitionKey));
        startKey.put("sk", s(sortKey));
        if (query.indexName().isPresent()) {
            startKey.put("pk", s(query.tablePartitionKeyOfSortKey().apply(sortKey)));
        }
        return startKey;
    }

    /** Reads on in the shard from where it stands: downwards (older) for a next page, upwards for a previous one. */
    private void read(TimelineQuery query, Shard shard, int limit, Direction direction, ReadBudget budget) {
        String partitionKey = query.partitionKeyOfShard().apply(shard.index);
        Map<String, AttributeValue> values = new HashMap<>(query.expressionValues());
        values.put(":pk", s(partitionKey));
        values.put(":low", s(query.lowestSortKey()));
        values.put(":high", s(query.highestSortKey()));
        QueryRequest.Builder request = QueryRequest.builder()
                .tableName(table)
                .keyConditionExpression(query.partitionKeyAttribute() + " = :pk AND sk BETWEEN :low AND :high")
                .filterExpression(query.filterExpression())
                .expressionAttributeValues(values)
                .scanIndexForward(direction.scanIndexForward)
                .limit(limit)
                .returnConsumedCapacity(ReturnConsumedCapacity.TOTAL);
        query.indexName().ifPresent(request::indexName);
        if (!query.expressionNames().isEmpty()) {
            request.expressionAttributeNames(query.expressionNames());
        }
        if (shard.readFrom != null) {
            request.exclusiveStartKey(startKey(query, partitionKey, shard.readFrom));
        }
        QueryResponse response = dynamo.query(request.build());
        budget.spend(response);
        shard.reads++;
        shard.lastLimit = limit;
        shard.lastKept = response.items().size();
        shard.buffer.addAll(response.items());
        if (response.hasLastEvaluatedKey() && !response.lastEvaluatedKey().isEmpty()) {
            shard.readFrom = response.lastEvaluatedKey().get("sk").s();
        } else {
            shard.exhausted = true;
        }
    }

    private List<Shard> start(Optional<String> cursor) {
        String[] positions = cursor.map(value -> value.split(",", -1)).orElseGet(() -> new String[shards]);
        if (positions.length != shards) {
            throw new IllegalArgumentException("A timeline cursor names " + shards + " shards");
        }
        List<Shard> state = new ArrayList<>(shards);
        for (int i = 0; i < shards; i++) {
            String position = positions[i] == null || positions[i].isEmpty() ? null : positions[i];
            state.add(new Shard(i, position, DONE.equals(position)));
        }
        return state;
    }

    private static Optional<String> next(List<Shard> state) {
        if (state.stream().allMatch(shard -> shard.exhausted && shard.buffer.isEmpty())) {
            return Optional.empty();
        }
        String[] positions = new String[state.size()];
        for (Shard shard : state) {
            String position;
            if (!shard.buffer.isEmpty()) {
                position = shard.resumeAfter;
            } else {
                position = shard.exhausted ? DONE : shard.readFrom;
            }
            positions[shard.index] = position == null ? "" : position;
        }
        return Optional.of(Cursor.after(String.join(",", Arrays.asList(positions))));
    }

    private static String sortKey(Map<String, AttributeValue> item) {
        return item.get("sk").s();
    }

    /** One shard's progress within a page. */
    private static final class Shard {
        final int index;
        final ArrayDeque<Map<String, AttributeValue>> buffer = new ArrayDeque<>();
        /** The exclusive start of the next read; null to start at the end of the range the merge reads from. */
        String readFrom;
        /** Where the next page resumes if the buffer still holds unreturned items. */
        String resumeAfter;

        boolean exhausted;
        int reads;
        int lastLimit;
        int lastKept;

        Shard(int index, String position, boolean exhausted) {
            this.index = index;
            this.exhausted = exhausted;
            this.readFrom = exhausted ? null : position;
            this.resumeAfter = readFrom;
        }

        boolean needsRead() {
            return buffer.isEmpty() && !exhausted;
        }

        boolean mayContribute() {
            return !buffer.isEmpty() || !exhausted;
        }
    }
}
