package dev.monitor.alerts;

import static dev.monitor.storage.Attributes.n;
import static dev.monitor.storage.Attributes.s;

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
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;

/**
 * Alerts on the table and three of its indexes, as events are (docs/data-model.md): the table holds
 * an account's alerts under {@code NO#<account>#<shard>}, and gsi1..gsi3 hold them again under the
 * error code, the log level and the resource. Every key starts with {@code NO#}: the alert counter's
 * stream filter and usage metering pick alerts out of the table's stream by that prefix.
 */
public final class DynamoAlertStore implements AlertStore {
    private final DynamoDbClient dynamo;
    private final String table;
    private final ShardedTimeline timeline;
    private final BatchWriter writer;

    public DynamoAlertStore(DynamoDbClient dynamo, String table) {
        this.dynamo = dynamo;
        this.table = table;
        this.timeline = new ShardedTimeline(dynamo, table, Alert.SIDS.shards());
        this.writer = new BatchWriter(dynamo, table);
    }

    /** The indexed filters, most selective first: the first one a request sets chooses the index. */
    private enum Dimension {
        RESOURCE(new FilterIndex("gsi3", "g3pk", "R", "resource_sid")),
        ERROR_CODE(new FilterIndex("gsi1", "g1pk", "E", "error_code")),
        LOG_LEVEL(new FilterIndex("gsi2", "g2pk", "L", "log_level"));

        final FilterIndex index;

        Dimension(FilterIndex index) {
            this.index = index;
        }

        Optional<String> valueIn(AlertFilter filter) {
            return switch (this) {
                case RESOURCE -> filter.resourceSid();
                case ERROR_CODE -> filter.errorCode();
                case LOG_LEVEL -> filter.logLevel().map(LogLevel::wire);
            };
        }

        Optional<String> valueIn(Alert alert) {
            return Optional.ofNullable(switch (this) {
                case RESOURCE -> alert.resourceSid();
                case ERROR_CODE -> alert.errorCode();
                case LOG_LEVEL -> alert.logLevel().wire();
            });
        }
    }

    @Override
    public void putAll(List<Alert> alerts, List<Instant> expiresAt) {
        List<Map<String, AttributeValue>> items = new ArrayList<>(alerts.size());
        for (int i = 0; i < alerts.size(); i++) {
            items.add(toItem(alerts.get(i), expiresAt.get(i)));
        }
        writer.putAll(items);
    }

    @Override
    public Optional<Alert> find(String accountSid, String sid, Instant now) {
        Map<String, AttributeValue> item = dynamo.getItem(request -> request.tableName(table).key(key(accountSid, sid))).item();
        if (item == null || item.isEmpty() || Attributes.number(item, "expires_at") <= now.getEpochSecond()) {
            return Optional.empty();
        }
        return Optional.of(fromItem(item));
    }

    @Override
    public Page<Alert> list(String accountSid, AlertFilter filter, Instant now, int pageSize, Optional<String> cursor) {
        List<IndexedValue> filters = new ArrayList<>();
        for (Dimension dimension : Dimension.values()) {
            dimension.valueIn(filter).map(dimension.index::of).ifPresent(filters::add);
        }
        TimelineQuery query = TimelineQuery.filtered("NO#" + accountSid, filters,
                shard -> tablePartitionKey(accountSid, shard),
                sortKey -> tablePartitionKey(accountSid, Alert.SIDS.shardOf(sortKey)),
                Alert.SIDS.lowerBound(filter.startDate().orElse(Instant.EPOCH)),
                Alert.SIDS.upperBound(filter.endDate().orElse(now.plus(3650, ChronoUnit.DAYS))),
                now);
        Page<Map<String, AttributeValue>> page = timeline.newestFirst(query, pageSize, cursor);
        return new Page<>(page.items().stream().map(DynamoAlertStore::fromItem).toList(), page.nextCursor());
    }

    @Override
    public boolean delete(String accountSid, String sid) {
        Map<String, AttributeValue> old = dynamo.deleteItem(request -> request.tableName(table).key(key(accountSid, sid))
                .returnValues(ReturnValue.ALL_OLD)).attributes();
        return old != null && !old.isEmpty();
    }

    private static Map<String, AttributeValue> key(String accountSid, String sid) {
        return Map.of("pk", s(tablePartitionKey(accountSid, Alert.SIDS.shardOf(sid))), "sk", s(sid));
    }

    /** The table partition of an account's alerts in one shard; the stream filter matches its {@code NO#} prefix. */
    public static String tablePartitionKey(String accountSid, int shard) {
        return "NO#" + accountSid + "#" + shard;
    }

    private static Map<String, AttributeValue> toItem(Alert alert, Instant expiresAt) {
        Map<String, AttributeValue> item = new HashMap<>();
        int shard = Alert.SIDS.shardOf(alert.sid());
        item.put("pk", s(tablePartitionKey(alert.accountSid(), shard)));
        item.put("sk", s(alert.sid()));
        for (Dimension dimension : Dimension.values()) {
            dimension.valueIn(alert).ifPresent(value ->
                    item.put(dimension.index.keyAttribute(), s(dimension.index.of(value).partitionKey("NO#" + alert.accountSid(), shard))));
        }
        item.put("account_sid", s(alert.accountSid()));
        item.put("error_code", s(alert.errorCode()));
        item.put("log_level", s(alert.logLevel().wire()));
        putIfPresent(item, "alert_text", alert.alertText());
        putIfPresent(item, "resource_sid", alert.resourceSid());
        putIfPresent(item, "service_sid", alert.serviceSid());
        putIfPresent(item, "request_method", alert.requestMethod());
        putIfPresent(item, "request_url", alert.requestUrl());
        putIfPresent(item, "request_variables", alert.requestVariables());
        putIfPresent(item, "request_headers", alert.requestHeaders());
        putIfPresent(item, "response_body", alert.responseBody());
        putIfPresent(item, "response_headers", alert.responseHeaders());
        putIfPresent(item, "api_version", alert.apiVersion());
        item.put("more_info", s(alert.moreInfo()));
        item.put("date_generated", s(alert.dateGenerated().toString()));
        item.put("date_created", s(alert.dateCreated().toString()));
        item.put("expires_at", n(expiresAt.getEpochSecond()));
        return item;
    }

    private static void putIfPresent(Map<String, AttributeValue> item, String name, String value) {
        if (value != null) {
            item.put(name, s(value));
        }
    }

    private static Alert fromItem(Map<String, AttributeValue> item) {
        return new Alert(
                Attributes.string(item, "sk"),
                Attributes.string(item, "account_sid"),
                Attributes.string(item, "error_code"),
                LogLevel.fromWire(Attributes.string(item, "log_level")).orElseThrow(),
                optional(item, "alert_text"),
                optional(item, "resource_sid"),
                optional(item, "service_sid"),
                optional(item, "request_method"),
                optional(item, "request_url"),
                optional(item, "request_variables"),
                optional(item, "request_headers"),
                optional(item, "response_body"),
                optional(item, "response_headers"),
                optional(item, "api_version"),
                Attributes.string(item, "more_info"),
                Attributes.instant(item, "date_generated"),
                Attributes.instant(item, "date_created"));
    }

    private static String optional(Map<String, AttributeValue> item, String name) {
        return Attributes.optionalString(item, name).orElse(null);
    }
}
