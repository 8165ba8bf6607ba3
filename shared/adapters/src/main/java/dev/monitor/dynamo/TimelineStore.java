package dev.monitor.dynamo;

import dev.monitor.paging.Page;
import dev.monitor.paging.TimelineFilter;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;

/**
 * An item type's sharded timelines, one per account (docs/data-model.md): writes spread over the
 * shards, a fetch is one GetItem by the Sid, and a list merges the shards newest first, on the index
 * of the most selective filter a request sets, the others checked within that value's items. A
 * feature's store is this store with the feature's codec.
 */
public class TimelineStore<T, F extends TimelineFilter> {
    /** The latest date a list reaches when a request sets none: any item's, however far its clock is ahead. */
    private static final long UNBOUNDED_DAYS = 3650;

    private final DynamoDbClient dynamo;
    private final String table;
    private final TimelineCodec<T, F> codec;
    private final ShardedTimeline timeline;
    private final BatchWriter writer;
    private final Transactions transactions;

    public TimelineStore(DynamoDbClient dynamo, String table, TimelineCodec<T, F> codec) {
        this.dynamo = dynamo;
        this.table = table;
        this.codec = codec;
        this.timeline = new ShardedTimeline(dynamo, table, codec.keys().sids().shards());
        this.writer = new BatchWriter(dynamo, table);
        this.transactions = new Transactions(dynamo);
    }

    /**
     * Writes the items all together or not at all (up to {@value Transactions#MAX_ITEMS}), each kept until its
     * own instant; writing the same item twice is harmless.
     */
    public void putAll(List<T> items, List<Instant> expiresAt) {
        List<Map<String, AttributeValue>> encoded = new ArrayList<>(items.size());
        for (int i = 0; i < items.size(); i++) {
            encoded.add(codec.encode(items.get(i), expiresAt.get(i)));
        }
        writer.putAtomically(encoded);
    }

    /** The item, unless it does not exist, belongs to another account, or has expired by {@code now}. */
    public Optional<T> find(String accountSid, String sid, Instant now) {
        Map<String, AttributeValue> item = dynamo.getItem(
                        request -> request.tableName(table).key(codec.keys().key(accountSid, sid)))
                .item();
        if (item == null
                || item.isEmpty()
                || Attributes.number(item, TimelineCodec.EXPIRES_AT) <= now.getEpochSecond()) {
            return Optional.empty();
        }
        return Optional.of(codec.decode(item));
    }

    /** Newest first; items that have expired by {@code now} are never returned. */
    public Page<T> list(String accountSid, F filter, Instant now, int pageSize, Optional<String> cursor) {
        TimelineKeys keys = codec.keys();
        String lowest = keys.sids().lowerBound(filter.startDate().orElse(Instant.EPOCH));
        String highest = keys.sids().upperBound(filter.endDate().orElse(now.plus(UNBOUNDED_DAYS, ChronoUnit.DAYS)));
        if (lowest.compareTo(highest) > 0) {
            // An empty range (an end before the retention window, a start in the future) is an empty page;
            // DynamoDB would refuse the reversed BETWEEN.
            return new Page<>(List.of(), Optional.empty());
        }
        TimelineQuery query = TimelineQuery.filtered(
                keys.log(accountSid),
                FilterDimension.valuesSetBy(codec.dimensions(), filter),
                shard -> keys.partitionKey(accountSid, shard),
                sortKey -> keys.partitionKeyOf(accountSid, sortKey),
                lowest,
                highest,
                now);
        return timeline.newestFirst(query, pageSize, cursor).map(codec::decode);
    }

    /**
     * Deletes the item together with what else the change writes ({@code alongside}: its events), in one transaction;
     * false, writing nothing, when there was no such item of this account.
     */
    public boolean deleteWith(String accountSid, String sid, List<TransactWriteItem> alongside) {
        List<TransactWriteItem> items = new ArrayList<>(List.of(TransactWriteItem.builder()
                .delete(delete -> delete.tableName(table)
                        .key(codec.keys().key(accountSid, sid))
                        .conditionExpression("attribute_exists(pk)"))
                .build()));
        items.addAll(alongside);
        return transactions.write(items).isEmpty();
    }
}
