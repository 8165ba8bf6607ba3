package dev.monitor.events;

import static dev.monitor.storage.Attributes.n;
import static dev.monitor.storage.Attributes.s;

import dev.monitor.paging.Page;
import dev.monitor.storage.Attributes;
import dev.monitor.storage.TimelineStore;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Events on their sharded timelines ({@link EventCodec} says how an event is stored), and each
 * account's events configuration beside its account item.
 */
public final class DynamoEventStore implements EventStore {
    private static final String CONFIGURATION_SORT_KEY = "EVENTS_CONFIGURATION";

    private final DynamoDbClient dynamo;
    private final String table;
    private final TimelineStore<Event, EventFilter> timeline;

    public DynamoEventStore(DynamoDbClient dynamo, String table) {
        this.dynamo = dynamo;
        this.table = table;
        this.timeline = new TimelineStore<>(dynamo, table, new EventCodec());
    }

    @Override
    public void putAll(List<Event> events, List<Instant> expiresAt) {
        timeline.putAll(events, expiresAt);
    }

    @Override
    public Optional<Event> find(String accountSid, String sid, Instant now) {
        return timeline.find(accountSid, sid, now);
    }

    @Override
    public Page<Event> list(String accountSid, EventFilter filter, Instant now, int pageSize, Optional<String> cursor) {
        return timeline.list(accountSid, filter, filter.startDate(), filter.endDate(), now, pageSize, cursor);
    }

    @Override
    public EventsConfiguration configuration(String accountSid) {
        Map<String, AttributeValue> item = dynamo.getItem(request -> request.tableName(table)
                .key(Map.of("pk", s("AC#" + accountSid), "sk", s(CONFIGURATION_SORT_KEY)))).item();
        if (item == null || item.isEmpty()) {
            return EventsConfiguration.DEFAULT;
        }
        AttributeValue disabled = item.get("disabled_event_types");
        return EventsConfiguration.of(
                disabled == null ? java.util.Set.of() : new HashSet<>(disabled.ss()),
                (int) Attributes.number(item, "retention_days"));
    }

    @Override
    public void saveConfiguration(String accountSid, EventsConfiguration configuration) {
        Map<String, AttributeValue> item = new HashMap<>();
        item.put("pk", s("AC#" + accountSid));
        item.put("sk", s(CONFIGURATION_SORT_KEY));
        item.put("retention_days", n(configuration.retentionDays()));
        if (!configuration.disabledEventTypes().isEmpty()) {
            item.put("disabled_event_types", AttributeValue.fromSs(List.copyOf(configuration.disabledEventTypes())));
        }
        dynamo.putItem(request -> request.tableName(table).item(item));
    }
}
