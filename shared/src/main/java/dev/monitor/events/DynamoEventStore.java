package dev.monitor.events;

import static dev.monitor.storage.Attributes.n;
import static dev.monitor.storage.Attributes.s;

import dev.monitor.storage.AccountPartition;
import dev.monitor.storage.Attributes;
import dev.monitor.storage.TimelineStore;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;

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
        Map<String, AttributeValue> item = dynamo.getItem(
                        request -> request.tableName(table).key(configurationKey(accountSid)))
                .item();
        return item == null || item.isEmpty() ? EventsConfiguration.DEFAULT : configurationOf(item);
    }

    @Override
    public EventsConfiguration configure(String accountSid, ConfigurationChange change) {
        List<String> sets = new ArrayList<>();
        List<String> removes = new ArrayList<>();
        Map<String, AttributeValue> values = new HashMap<>();
        change.retentionDays().ifPresent(days -> {
            sets.add("retention_days = :retention");
            values.put(":retention", n(days));
        });
        change.disabledEventTypes().ifPresent(types -> {
            if (types.isEmpty()) {
                // DynamoDB keeps no empty set: none disabled is no attribute.
                removes.add("disabled_event_types");
            } else {
                sets.add("disabled_event_types = :disabled");
                values.put(":disabled", AttributeValue.fromSs(List.copyOf(types)));
            }
        });
        String expression = (sets.isEmpty() ? "" : "SET " + String.join(", ", sets))
                + (removes.isEmpty() ? "" : " REMOVE " + String.join(", ", removes));
        UpdateItemRequest.Builder request = UpdateItemRequest.builder()
                .tableName(table)
                .key(configurationKey(accountSid))
                .updateExpression(expression.strip())
                .returnValues(ReturnValue.ALL_NEW);
        if (!values.isEmpty()) {
            request.expressionAttributeValues(values);
        }
        return configurationOf(dynamo.updateItem(request.build()).attributes());
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
                        .orElse(EventsConfiguration.DEFAULT_RETENTION_DAYS));
    }
}
