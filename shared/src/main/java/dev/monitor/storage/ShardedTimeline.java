package dev.monitor.storage;

import static dev.monitor.storage.Attributes.s;

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

/**
 * Reads a timeline that writes spread over several partitions (so that one busy account never makes
 * a hot partition) as one newest-first list: a k-way merge that asks each shard only for about its
 * share of the page, so DynamoDB reads little more than the page returns.
 *
 * <p>A next page's cursor names, per shard, the sort key after which reading resumes, or that the shard is
 * done; a previous page's names the sort key of the page's first item, before which it reads.
 */
public final class ShardedTimeline {
    private static final String DONE = "~";

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
        List<Map<String, AttributeValue>> page = new ArrayList<>(pageSize);
        while (true) {
            // The rest of the page is shared among every shard that may still hold items, not only those
            // that ran dry: the others' buffers will fill most of it. Once the page is full, a shard that
            // ran dry without reaching its end is read once more, so that a next page is offered only
            // when it holds an item (DynamoDB says a read that filled its limit has more, whether or not it has).
            long contributing =
                    Math.max(1, state.stream().filter(Shard::mayContribute).count());
            int wanted = page.size() < pageSize ? pageSize - page.size() : pageSize;
            for (Shard shard : state) {
                if (shard.needsRead()) {
                    int share = (int) Math.ceil(wanted / (double) contributing) + 1;
                    read(query, shard, share, false);
                }
            }
            if (state.stream().anyMatch(Shard::needsRead)) {
                continue; // a shard read only filtered-out items: read on before merging
            }
            if (page.size() == pageSize) {
                break;
            }
            Shard newest = null;
            for (Shard shard : state) {
                if (!shard.buffer.isEmpty()
                        && (newest == null
                                || sortKey(shard.buffer.peek()).compareTo(sortKey(newest.buffer.peek())) > 0)) {
                    newest = shard;
                }
            }
            if (newest == null) {
                break;
            }
            Map<String, AttributeValue> item = newest.buffer.poll();
            newest.resumeAfter = sortKey(item);
            page.add(item);
        }
        return new Page<>(page, next(state), previous(page));
    }

    /**
     * The page before the item with sort key {@code first}, newest first: the same merge as a next
     * page's, upwards from there and oldest first, each shard asked for its share; then reversed. Its
     * next page resumes after its oldest item in every shard, since sort keys order items across shards.
     */
    private Page<Map<String, AttributeValue>> pageBefore(TimelineQuery query, int pageSize, String first) {
        // A start key must lie inside the key condition's range; below it, every item in range is newer.
        String from = first.compareTo(query.lowestSortKey()) < 0 ? null : first;
        List<Shard> state = new ArrayList<>(shards);
        for (int i = 0; i < shards; i++) {
            state.add(new Shard(i, from, false));
        }
        List<Map<String, AttributeValue>> page = new ArrayList<>(pageSize);
        while (page.size() < pageSize) {
            long contributing =
                    Math.max(1, state.stream().filter(Shard::mayContribute).count());
            for (Shard shard : state) {
                if (shard.needsRead()) {
                    int share = (int) Math.ceil((pageSize - page.size()) / (double) contributing) + 1;
                    read(query, shard, share, true);
                }
            }
            if (state.stream().anyMatch(Shard::needsRead)) {
                continue;
            }
            Shard oldest = null;
            for (Shard shard : state) {
                if (!shard.buffer.isEmpty()
                        && (oldest == null
                                || sortKey(shard.buffer.peek()).compareTo(sortKey(oldest.buffer.peek())) < 0)) {
                    oldest = shard;
                }
            }
            if (oldest == null) {
                break;
            }
            page.add(oldest.buffer.poll());
        }
        Collections.reverse(page);
        if (page.isEmpty()) {
            return new Page<>(page, Optional.empty(), Optional.empty());
        }
        String resumeAfter = sortKey(page.get(page.size() - 1));
        String[] positions = new String[shards];
        Arrays.fill(positions, resumeAfter);
        return new Page<>(page, Optional.of(Cursor.after(String.join(",", positions))), previous(page));
    }

    private static Optional<String> previous(List<Map<String, AttributeValue>> page) {
        return page.isEmpty() ? Optional.empty() : Optional.of(Cursor.before(sortKey(page.get(0))));
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
    private void read(TimelineQuery query, Shard shard, int limit, boolean upwards) {
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
                .scanIndexForward(upwards)
                .limit(limit);
        query.indexName().ifPresent(request::indexName);
        if (!query.expressionNames().isEmpty()) {
            request.expressionAttributeNames(query.expressionNames());
        }
        if (shard.readFrom != null) {
            request.exclusiveStartKey(startKey(query, partitionKey, shard.readFrom));
        }
        QueryResponse response = dynamo.query(request.build());
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
        /** The exclusive start of the next read; null to start at the top of the range. */
        String readFrom;
        /** Where the next page resumes if the buffer still holds unreturned items. */
        String resumeAfter;

        boolean exhausted;

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
