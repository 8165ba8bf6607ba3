package dev.monitor.events;

import static dev.monitor.storage.Attributes.n;
import static dev.monitor.storage.Attributes.s;

import dev.monitor.storage.AccountPartition;
import dev.monitor.storage.Attributes;
import dev.monitor.storage.TimelineStore;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Events on their sharded timelines ({@link EventCodec} says how an event is stored), and each
 * account's events configuration beside its account item.
 */
public final class DynamoEventStore extends TimelineStore<Event, EventFilter> implements EventStore {
    private static final String CONFIGURATION_SORT_KEY = "EVENTS_CONFIGURATION";

    private final DynamoDbClient dynamo;
    private final String table;

    public DynamoEventStore(DynamoDbClient dynamo, String table) {
        super(dynamo, table, new EventCodec());
        this.dynamo = dynamo;
        this.table = table;
    }

    @Override
    public EventsConfiguration configuration(String accountSid) {
        Map<String, AttributeValue> item = dynamo.getItem(request -> request.tableName(table)
                        .key(Map.of("pk", s(AccountPartition.of(accountSid)), "sk", s(CONFIGURATION_SORT_KEY))))
                .item();
        if (item == null || item.isEmpty()) {
            return EventsConfiguration.DEFAULT;
        }
        AttributeValue disabled = item.get("disabled_event_types");
        return EventsConfiguration.of(disabled == null ? Set.of() : new HashSet<>(disabled.ss()), (int)
                Attributes.number(item, "retention_days"));
    }

    @Override
    public void saveConfiguration(String accountSid, EventsConfiguration configuration) {
        Map<String, AttributeValue> item = new HashMap<>();
        item.put("pk", s(AccountPartition.of(accountSid)));
        item.put("sk", s(CONFIGURATION_SORT_KEY));
        item.put("retention_days", n(configuration.retentionDays()));
        if (!configuration.disabledEventTypes().isEmpty()) {
            item.put("disabled_event_types", AttributeValue.fromSs(List.copyOf(configuration.disabledEventTypes())));
        }
        dynamo.putItem(request -> request.tableName(table).item(item));
    }
}
