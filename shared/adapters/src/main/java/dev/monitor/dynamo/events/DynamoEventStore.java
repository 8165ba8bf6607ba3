package dev.monitor.dynamo.events;

import static dev.monitor.dynamo.Attributes.n;
import static dev.monitor.dynamo.Attributes.s;

import dev.monitor.audit.AuditEvent;
import dev.monitor.audit.ChangedMeanwhile;
import dev.monitor.dynamo.AccountPartition;
import dev.monitor.dynamo.Attributes;
import dev.monitor.dynamo.TimelineStore;
import dev.monitor.events.Event;
import dev.monitor.events.EventFilter;
import dev.monitor.events.EventStore;
import dev.monitor.events.EventsConfiguration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;

/**
 * Events on their sharded timelines ({@link EventCodec} says how an event is stored), and each
 * account's events configuration beside its account item.
 */
public final class DynamoEventStore extends TimelineStore<Event, EventFilter> implements EventStore {
    private static final String CONFIGURATION_SORT_KEY = "EVENTS_CONFIGURATION";

    private final DynamoDbClient dynamo;
    private final String table;
    private final AuditedWrites audited;

    public DynamoEventStore(DynamoDbClient dynamo, String table) {
        super(dynamo, table, new EventCodec());
        this.dynamo = dynamo;
        this.table = table;
        this.audited = new AuditedWrites(dynamo, table);
    }

    @Override
    public EventsConfiguration configuration(String accountSid) {
        Map<String, AttributeValue> item = dynamo.getItem(request -> request.tableName(table)
                        .key(configurationKey(accountSid))
                        .consistentRead(true))
                .item();
        return item == null || item.isEmpty() ? EventsConfiguration.DEFAULT : configurationOf(item);
    }

    @Override
    public void configure(
            String accountSid, Optional<Instant> replacing, EventsConfiguration changed, List<AuditEvent> audit) {
        Map<String, AttributeValue> item = new HashMap<>(configurationKey(accountSid));
        item.put("retention_days", n(changed.retentionDays()));
        if (!changed.disabledEventTypes().isEmpty()) {
            // DynamoDB keeps no empty set: none disabled is no attribute.
            item.put("disabled_event_types", AttributeValue.fromSs(List.copyOf(changed.disabledEventTypes())));
        }
        changed.dateUpdated().ifPresent(date -> item.put("date_updated", s(date.toString())));
        Put.Builder put = Put.builder().tableName(table).item(item);
        if (replacing.isPresent()) {
            put.conditionExpression("date_updated = :replacing")
                    .expressionAttributeValues(
                            Map.of(":replacing", s(replacing.get().toString())));
        } else {
            put.conditionExpression("attribute_not_exists(date_updated)");
        }
        if (!audited.write(TransactWriteItem.builder().put(put.build()).build(), audit)) {
            throw new ChangedMeanwhile();
        }
    }

    private static Map<String, AttributeValue> configurationKey(String accountSid) {
        return Map.of("pk", s(AccountPartition.of(accountSid)), "sk", s(CONFIGURATION_SORT_KEY));
    }

    /** A configuration item; a part never set is the default's. */
    private static EventsConfiguration configurationOf(Map<String, AttributeValue> item) {
        AttributeValue disabled = item.get("disabled_event_types");
        return EventsConfiguration.of(
                disabled == null ? Set.of() : new HashSet<>(disabled.ss()),
                Attributes.optionalNumber(item, "retention_days")
                        .map(Long::intValue)
                        .orElse(EventsConfiguration.DEFAULT_RETENTION_DAYS),
                Attributes.optionalString(item, "date_updated").map(Instant::parse));
    }
}
