package dev.monitor.events;

import static dev.monitor.storage.Attributes.n;
import static dev.monitor.storage.Attributes.s;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.monitor.json.Json;
import dev.monitor.paging.Page;
import dev.monitor.storage.Attributes;
import dev.monitor.storage.BatchWriter;
import dev.monitor.storage.FilterIndex;
import dev.monitor.storage.IndexedValue;
import dev.monitor.storage.ShardedTimeline;
import dev.monitor.storage.TimelineQuery;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Events on the table and its four indexes; docs/data-model.md explains the design. In short: the
 * table holds an account's log under {@code EV#<account>#<shard>}, and each of gsi1..gsi4 holds it
 * again under one filter's value (actor, event type, resource, source IP) and the shard. All sort by
 * the Sid, which sorts by date. A filter picks the index of its most selective value; the other
 * filters of a combination are checked only within that value's events.
 */
public final class DynamoEventStore implements EventStore {
    private static final String CONFIGURATION_SORT_KEY = "EVENTS_CONFIGURATION";

    private final DynamoDbClient dynamo;
    private final String table;
    private final ShardedTimeline timeline;
    private final BatchWriter writer;

    public DynamoEventStore(DynamoDbClient dynamo, String table) {
        this.dynamo = dynamo;
        this.table = table;
        this.timeline = new ShardedTimeline(dynamo, table, Event.SIDS.shards());
        this.writer = new BatchWriter(dynamo, table);
    }

    /** The indexed filters, most selective first: the first one a request sets chooses the index. */
    private enum Dimension {
        RESOURCE(new FilterIndex("gsi3", "g3pk", "R", "resource_sid")),
        ACTOR(new FilterIndex("gsi1", "g1pk", "A", "actor_sid")),
        SOURCE_IP(new FilterIndex("gsi4", "g4pk", "I", "source_ip_address")),
        EVENT_TYPE(new FilterIndex("gsi2", "g2pk", "T", "event_type"));

        final FilterIndex index;

        Dimension(FilterIndex index) {
            this.index = index;
        }

        Optional<String> valueIn(EventFilter filter) {
            return switch (this) {
                case RESOURCE -> filter.resourceSid();
                case ACTOR -> filter.actorSid();
                case SOURCE_IP -> filter.sourceIpAddress();
                case EVENT_TYPE -> filter.eventType();
            };
        }

        Optional<String> valueIn(Event event) {
            return Optional.ofNullable(switch (this) {
                case RESOURCE -> event.resourceSid();
                case ACTOR -> event.actorSid();
                case SOURCE_IP -> event.sourceIpAddress();
                case EVENT_TYPE -> event.eventType();
            });
        }
    }

    @Override
    public void putAll(List<Event> events, List<Instant> expiresAt) {
        List<Map<String, AttributeValue>> items = new ArrayList<>(events.size());
        for (int i = 0; i < events.size(); i++) {
            items.add(toItem(events.get(i), expiresAt.get(i)));
        }
        writer.putAll(items);
    }

    @Override
    public Optional<Event> find(String accountSid, String sid, Instant now) {
        Map<String, AttributeValue> item = dynamo.getItem(request -> request.tableName(table)
                .key(Map.of("pk", s(tablePartitionKey(accountSid, sid)), "sk", s(sid)))).item();
        if (item == null || item.isEmpty() || Attributes.number(item, "expires_at") <= now.getEpochSecond()) {
            return Optional.empty();
        }
        return Optional.of(fromItem(item));
    }

    @Override
    public Page<Event> list(String accountSid, EventFilter filter, Instant now, int pageSize, Optional<String> cursor) {
        List<IndexedValue> filters = new ArrayList<>();
        for (Dimension dimension : Dimension.values()) {
            dimension.valueIn(filter).map(dimension.index::of).ifPresent(filters::add);
        }
        TimelineQuery query = TimelineQuery.filtered("EV#" + accountSid, filters,
                shard -> tablePartitionKey(accountSid, shard),
                sortKey -> tablePartitionKey(accountSid, sortKey),
                Event.SIDS.lowerBound(filter.startDate().orElse(Instant.EPOCH)),
                Event.SIDS.upperBound(filter.endDate().orElse(now.plus(3650, ChronoUnit.DAYS))),
                now);
        Page<Map<String, AttributeValue>> page = timeline.newestFirst(query, pageSize, cursor);
        return new Page<>(page.items().stream().map(DynamoEventStore::fromItem).toList(), page.nextCursor());
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

    private static String tablePartitionKey(String accountSid, String sid) {
        return tablePartitionKey(accountSid, Event.SIDS.shardOf(sid));
    }

    private static String tablePartitionKey(String accountSid, int shard) {
        return "EV#" + accountSid + "#" + shard;
    }

    private static Map<String, AttributeValue> toItem(Event event, Instant expiresAt) {
        Map<String, AttributeValue> item = new HashMap<>();
        int shard = Event.SIDS.shardOf(event.sid());
        item.put("pk", s(tablePartitionKey(event.accountSid(), shard)));
        item.put("sk", s(event.sid()));
        for (Dimension dimension : Dimension.values()) {
            dimension.valueIn(event).ifPresent(value ->
                    item.put(dimension.index.keyAttribute(), s(dimension.index.of(value).partitionKey("EV#" + event.accountSid(), shard))));
        }
        item.put("account_sid", s(event.accountSid()));
        item.put("event_type", s(event.eventType()));
        item.put("resource_type", s(event.resourceType()));
        putIfPresent(item, "resource_sid", event.resourceSid());
        putIfPresent(item, "actor_sid", event.actorSid());
        putIfPresent(item, "actor_type", event.actorType());
        putIfPresent(item, "source", event.source());
        putIfPresent(item, "source_ip_address", event.sourceIpAddress());
        item.put("event_date", s(event.eventDate().toString()));
        putIfPresent(item, "description", event.description());
        if (event.eventData() != null) {
            item.put("event_data", s(Json.write(event.eventData())));
        }
        item.put("expires_at", n(expiresAt.getEpochSecond()));
        return item;
    }

    private static void putIfPresent(Map<String, AttributeValue> item, String name, String value) {
        if (value != null) {
            item.put(name, s(value));
        }
    }

    private static Event fromItem(Map<String, AttributeValue> item) {
        return new Event(
                Attributes.string(item, "sk"),
                Attributes.string(item, "account_sid"),
                Attributes.string(item, "event_type"),
                Attributes.string(item, "resource_type"),
                Attributes.optionalString(item, "resource_sid").orElse(null),
                Attributes.optionalString(item, "actor_sid").orElse(null),
                Attributes.optionalString(item, "actor_type").orElse(null),
                Attributes.optionalString(item, "source").orElse(null),
                Attributes.optionalString(item, "source_ip_address").orElse(null),
                Attributes.instant(item, "event_date"),
                Attributes.optionalString(item, "description").orElse(null),
                Attributes.optionalString(item, "event_data").map(DynamoEventStore::parseObject).orElse(null));
    }

    private static ObjectNode parseObject(String json) {
        try {
            return (ObjectNode) Json.parse(json);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Stored event_data is not JSON", e);
        }
    }
}
