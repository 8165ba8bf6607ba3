package dev.monitor.dynamo.alerts;

import static dev.monitor.dynamo.Attributes.n;
import static dev.monitor.dynamo.Attributes.s;

import dev.monitor.alerts.CounterBucket;
import dev.monitor.alerts.CounterGranularity;
import dev.monitor.alerts.CounterStore;
import dev.monitor.alerts.LogLevel;
import dev.monitor.alerts.StreamedAlert;
import dev.monitor.dynamo.Attributes;
import dev.monitor.dynamo.QueryPages;
import dev.monitor.paging.Cursor;
import dev.monitor.paging.Page;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.ReturnValuesOnConditionCheckFailure;

/**
 * Counter items {@code pk = CNT#<account>}, {@code sk = <H|D>#<hour or day>#<error code>#<level>},
 * {@code g1pk = CNT#<account>#E#<error code>}. Each holds {@code total}, one {@code c_<slot>} per
 * minute (hour items) or hour (day items), and one watermark {@code w_<partition>} per alert
 * partition that fed it: the highest sequence number counted from that partition.
 *
 * <p>An increment is one conditional UpdateItem: add everything, on condition that every
 * partition's watermark is below the batch's lowest record of that partition. When it is not (the
 * records came again: a retry, a bisected batch, a duplicate invocation), the item's watermarks are
 * read from the failed condition and only the records above them are added, on condition that the
 * watermarks are still those. docs/data-model.md explains why this counts each record exactly once.
 */
public final class DynamoCounterStore implements CounterStore {
    private static final int MAX_ATTEMPTS = 10;
    private static final Duration HOUR_ITEMS_KEPT = Duration.ofDays(35);
    private static final Duration DAY_ITEMS_KEPT = Duration.ofDays(400);

    private final DynamoDbClient dynamo;
    private final String table;

    public DynamoCounterStore(DynamoDbClient dynamo, String table) {
        this.dynamo = dynamo;
        this.table = table;
    }

    @Override
    public int add(Increment increment) {
        Map<String, AttributeValue> key = Map.of(
                "pk", s(partitionKey(increment.accountSid())),
                "sk",
                        s(sortKey(
                                increment.granularity(),
                                increment.bucketStart(),
                                increment.errorCode(),
                                increment.logLevel())));
        Map<String, List<StreamedAlert>> byPartition = new TreeMap<>();
        increment
                .alerts()
                .forEach(alert -> byPartition
                        .computeIfAbsent(alert.partition(), p -> new ArrayList<>())
                        .add(alert));
        // Unknown at first: the common case is records never seen, so the first write assumes so.
        Map<String, Optional<String>> watermarks = null;
        int writes = 0;
        for (int attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
            Map<String, String> names = new HashMap<>();
            Map<String, AttributeValue> values = new HashMap<>();
            List<String> conditions = new ArrayList<>();
            List<String> sets = new ArrayList<>();
            Map<Integer, Long> slots = new TreeMap<>();
            long total = 0;
            int p = 0;
            for (Map.Entry<String, List<StreamedAlert>> partition : byPartition.entrySet()) {
                Optional<String> known =
                        watermarks == null ? null : watermarks.getOrDefault(partition.getKey(), Optional.empty());
                List<StreamedAlert> fresh = partition.getValue().stream()
                        .filter(alert -> known == null
                                || known.isEmpty()
                                || alert.orderedSequenceNumber().compareTo(known.get()) > 0)
                        .toList();
                if (fresh.isEmpty()) {
                    continue;
                }
                String lowest = fresh.stream()
                        .map(StreamedAlert::orderedSequenceNumber)
                        .min(String::compareTo)
                        .orElseThrow();
                String highest = fresh.stream()
                        .map(StreamedAlert::orderedSequenceNumber)
                        .max(String::compareTo)
                        .orElseThrow();
                String watermark = "#w" + p;
                names.put(watermark, "w_" + partition.getKey());
                if (known == null) {
                    conditions.add("(attribute_not_exists(" + watermark + ") OR " + watermark + " < :low" + p + ")");
                    values.put(":low" + p, s(lowest));
                } else if (known.isPresent()) {
                    conditions.add(watermark + " = :was" + p);
                    values.put(":was" + p, s(known.get()));
                } else {
                    conditions.add("attribute_not_exists(" + watermark + ")");
                }
                sets.add(watermark + " = :high" + p);
                values.put(":high" + p, s(highest));
                for (StreamedAlert alert : fresh) {
                    slots.merge(increment.granularity().slot(alert.dateGenerated()), 1L, Long::sum);
                    total++;
                }
                p++;
            }
            if (total == 0) {
                return writes;
            }
            List<String> adds = new ArrayList<>();
            adds.add("#total :total");
            names.put("#total", "total");
            values.put(":total", n(total));
            for (Map.Entry<Integer, Long> slot : slots.entrySet()) {
                String name = "#c" + slot.getKey();
                names.put(name, slotAttribute(slot.getKey()));
                values.put(":c" + slot.getKey(), n(slot.getValue()));
                adds.add(name + " :c" + slot.getKey());
            }
            sets.add(
                    "account_sid = :account, error_code = :code, log_level = :level, bucket_start = :start, g1pk = :g1pk, expires_at = :expires");
            values.put(":account", s(increment.accountSid()));
            values.put(":code", s(increment.errorCode()));
            values.put(":level", s(increment.logLevel().wire()));
            values.put(":start", s(increment.bucketStart().toString()));
            values.put(":g1pk", s(codePartitionKey(increment.accountSid(), increment.errorCode())));
            values.put(
                    ":expires",
                    n(expiresAt(increment.granularity(), increment.bucketStart())
                            .getEpochSecond()));
            String update = "SET " + String.join(", ", sets) + " ADD " + String.join(", ", adds);
            writes++;
            try {
                dynamo.updateItem(request -> request.tableName(table)
                        .key(key)
                        .updateExpression(update)
                        .conditionExpression(String.join(" AND ", conditions))
                        .expressionAttributeNames(names)
                        .expressionAttributeValues(values)
                        .returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.ALL_OLD));
                return writes;
            } catch (ConditionalCheckFailedException counted) {
                Map<String, AttributeValue> current = counted.hasItem()
                        ? counted.item()
                        : dynamo.getItem(request ->
                                        request.tableName(table).key(key).consistentRead(true))
                                .item();
                watermarks = new HashMap<>();
                for (String partition : byPartition.keySet()) {
                    watermarks.put(
                            partition,
                            current == null ? Optional.empty() : Attributes.optionalString(current, "w_" + partition));
                }
            }
        }
        throw new IllegalStateException(
                "Counter " + key.get("sk").s() + " kept changing under " + MAX_ATTEMPTS + " attempts");
    }

    @Override
    public Optional<CounterBucket> find(String accountSid, CounterGranularity granularity, CounterKey key) {
        Map<String, AttributeValue> item = dynamo.getItem(request -> request.tableName(table)
                        .key(Map.of(
                                "pk",
                                s(partitionKey(accountSid)),
                                "sk",
                                s(sortKey(granularity, key.bucketStart(), key.errorCode(), key.logLevel())))))
                .item();
        return item == null || item.isEmpty() ? Optional.empty() : Optional.of(fromItem(item, granularity));
    }

    @Override
    public CounterRun page(
            String accountSid,
            CounterGranularity granularity,
            Instant firstBucket,
            Instant lastBucket,
            Optional<String> errorCode,
            Optional<LogLevel> logLevel,
            Optional<CounterKey> from,
            boolean backward,
            int limit) {
        QueryRequest query = query(accountSid, granularity, firstBucket, lastBucket, errorCode, logLevel, false);
        Optional<String> cursor = from.map(
                        key -> sortKey(granularity, key.bucketStart(), key.errorCode(), key.logLevel()))
                .map(sortKey -> backward ? Cursor.before(sortKey) : Cursor.after(sortKey));
        Page<CounterBucket> page = new QueryPages<>(
                        dynamo,
                        item -> Attributes.string(item, "sk"),
                        sortKey -> startKey(accountSid, errorCode, sortKey),
                        item -> fromItem(item, granularity))
                .read(query, true, limit, cursor);
        List<CounterBucket> buckets = new ArrayList<>(page.items());
        if (backward) {
            Collections.reverse(buckets);
        }
        return new CounterRun(
                buckets,
                (backward ? page.previousCursor() : page.nextCursor())
                        .flatMap(text -> Cursor.parse(Optional.of(text)))
                        .map(position -> keyOf(granularity, position.position())));
    }

    private Map<String, AttributeValue> startKey(String accountSid, Optional<String> errorCode, String sortKey) {
        Map<String, AttributeValue> key = new HashMap<>();
        key.put("pk", s(partitionKey(accountSid)));
        key.put("sk", s(sortKey));
        errorCode.ifPresent(code -> key.put("g1pk", s(codePartitionKey(accountSid, code))));
        return key;
    }

    private static CounterKey keyOf(CounterGranularity granularity, String sortKey) {
        String[] parts = sortKey.split("#");
        return new CounterKey(
                granularity.parseBucketName(parts[1]),
                parts[2],
                LogLevel.fromWire(parts[3]).orElseThrow());
    }

    @Override
    public List<CounterBucket> read(
            String accountSid,
            CounterGranularity granularity,
            Instant firstBucket,
            Instant lastBucket,
            Optional<String> errorCode,
            Optional<LogLevel> logLevel,
            boolean consistent) {
        List<CounterBucket> buckets = new ArrayList<>();
        dynamo.queryPaginator(query(accountSid, granularity, firstBucket, lastBucket, errorCode, logLevel, consistent))
                .items()
                .forEach(item -> buckets.add(fromItem(item, granularity)));
        return buckets;
    }

    /** The items between two buckets: on the error code's index when one is named and the read may be eventual. */
    private QueryRequest query(
            String accountSid,
            CounterGranularity granularity,
            Instant firstBucket,
            Instant lastBucket,
            Optional<String> errorCode,
            Optional<LogLevel> logLevel,
            boolean consistent) {
        Map<String, AttributeValue> values = new HashMap<>();
        List<String> filters = new ArrayList<>();
        boolean byCode = errorCode.isPresent() && !consistent;
        values.put(":pk", s(byCode ? codePartitionKey(accountSid, errorCode.get()) : partitionKey(accountSid)));
        values.put(":low", s(granularity.tag + "#" + granularity.bucketName(firstBucket)));
        values.put(":high", s(granularity.tag + "#" + granularity.bucketName(lastBucket) + "#~"));
        if (errorCode.isPresent() && !byCode) {
            filters.add("error_code = :code");
            values.put(":code", s(errorCode.get()));
        }
        logLevel.ifPresent(level -> {
            filters.add("log_level = :level");
            values.put(":level", s(level.wire()));
        });
        QueryRequest.Builder request = QueryRequest.builder()
                .tableName(table)
                .keyConditionExpression((byCode ? "g1pk" : "pk") + " = :pk AND sk BETWEEN :low AND :high")
                .expressionAttributeValues(values);
        if (byCode) {
            request.indexName("gsi1");
        } else {
            request.consistentRead(consistent);
        }
        if (!filters.isEmpty()) {
            request.filterExpression(String.join(" AND ", filters));
        }
        return request.build();
    }

    private static CounterBucket fromItem(Map<String, AttributeValue> item, CounterGranularity granularity) {
        Map<Integer, Long> slots = new LinkedHashMap<>();
        item.forEach((name, value) -> {
            if (name.startsWith("c_")) {
                slots.put(Integer.parseInt(name.substring(2)), Long.parseLong(value.n()));
            }
        });
        return new CounterBucket(
                Attributes.string(item, "error_code"),
                LogLevel.fromWire(Attributes.string(item, "log_level")).orElseThrow(),
                granularity,
                Attributes.instant(item, "bucket_start"),
                Attributes.number(item, "total"),
                slots);
    }

    private static String slotAttribute(int slot) {
        return "c_" + (slot < 10 ? "0" : "") + slot;
    }

    private static Instant expiresAt(CounterGranularity granularity, Instant bucketStart) {
        return bucketStart
                .plus(1, granularity.span)
                .plus(granularity == CounterGranularity.HOUR ? HOUR_ITEMS_KEPT : DAY_ITEMS_KEPT);
    }

    private static String partitionKey(String accountSid) {
        return "CNT#" + accountSid;
    }

    private static String codePartitionKey(String accountSid, String errorCode) {
        return "CNT#" + accountSid + "#E#" + errorCode;
    }

    private static String sortKey(
            CounterGranularity granularity, Instant bucketStart, String errorCode, LogLevel level) {
        return granularity.tag + "#" + granularity.bucketName(bucketStart) + "#" + errorCode + "#" + level.wire();
    }
}
