package dev.monitor.dynamo.events;

import dev.monitor.audit.AuditEvent;
import dev.monitor.dynamo.Transactions;
import dev.monitor.events.Event;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;

/**
 * A change's items and the events of it, written in one transaction: no change without its event, no event without
 * its change. Each store of a resource Monitor's API changes writes through it.
 */
public final class AuditedWrites {
    private static final EventCodec CODEC = new EventCodec();

    private final String table;
    private final Transactions transactions;

    public AuditedWrites(DynamoDbClient dynamo, String table) {
        this.table = table;
        this.transactions = new Transactions(dynamo);
    }

    /** Puts a new item, which its random Sid keeps apart from every other, with its events. */
    public void create(Map<String, AttributeValue> item, List<AuditEvent> events) {
        Put put = Put.builder()
                .tableName(table)
                .item(item)
                .conditionExpression("attribute_not_exists(pk)")
                .build();
        if (!write(TransactWriteItem.builder().put(put).build(), events)) {
            throw new IllegalStateException("An item of this Sid exists already");
        }
    }

    /** Writes the change and its events, or nothing when the change's condition failed: then false. */
    public boolean write(TransactWriteItem change, List<AuditEvent> events) {
        return write(List.of(change), events).isEmpty();
    }

    /** Writes every item and event or none; the index in {@code change} of the first item whose condition failed. */
    public OptionalInt write(List<TransactWriteItem> change, List<AuditEvent> events) {
        List<TransactWriteItem> items = new ArrayList<>(change);
        items.addAll(puts(events));
        return transactions.write(items);
    }

    /** The events as puts of their items, for a store that writes its transaction itself. */
    public List<TransactWriteItem> puts(List<AuditEvent> events) {
        return events.stream()
                .map(event -> TransactWriteItem.builder()
                        .put(Put.builder()
                                .tableName(table)
                                .item(CODEC.encode(Event.of(event), event.expiresAt()))
                                .build())
                        .build())
                .toList();
    }
}
