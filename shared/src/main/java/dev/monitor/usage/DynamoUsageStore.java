package dev.monitor.usage;

import static dev.monitor.storage.Attributes.n;
import static dev.monitor.storage.Attributes.s;

import dev.monitor.aws.CallBudget;
import dev.monitor.storage.Attributes;
import java.math.BigInteger;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes;

/**
 * Usage counters on the table; docs/data-model.md explains the design. An account's counters share
 * the partition {@code USAGE#<account>}: a day is {@code D#<yyyy-mm-dd>}, a month {@code M#<yyyy-mm>}.
 * A day counter that changes is moved, in index gsi1, under {@code USAGE_CHANGED#<minute>#<slice>},
 * which is how the usage check finds the accounts to look at without reading the others.
 */
public final class DynamoUsageStore implements UsageStore {
    /** The change log of one minute is spread over this many gsi1 partitions, so no one of them gets hot. */
    static final int CHANGE_SLICES = 16;

    private static final int MAX_BATCH_GET = 100;
    private static final int MAX_ATTEMPTS = 5;
    private static final String CHECKPOINT_KEY = "USAGE_CHECK";
    /** Some counter names are DynamoDB reserved words. */
    private static final Map<String, String> COUNT_NAMES =
            Map.of("#writes", "writes", "#reads", "reads", "#storage", "storage");

    private final DynamoDbClient dynamo;
    private final String table;

    public DynamoUsageStore(DynamoDbClient dynamo, String table) {
        this.dynamo = dynamo;
        this.table = table;
    }

    @Override
    public Map<YearMonth, Counts> months(String accountSid) {
        Map<YearMonth, Counts> months = new HashMap<>();
        query(accountSid, "M#", "M#~")
                .forEach(item ->
                        months.put(YearMonth.parse(Attributes.string(item, "sk").substring(2)), counts(item)));
        return months;
    }

    @Override
    public Map<LocalDate, Counts> days(String accountSid, LocalDate from, LocalDate to) {
        Map<LocalDate, Counts> days = new HashMap<>();
        query(accountSid, dayKey(from), dayKey(to))
                .forEach(item ->
                        days.put(LocalDate.parse(Attributes.string(item, "sk").substring(2)), counts(item)));
        return days;
    }

    private List<Map<String, AttributeValue>> query(String accountSid, String fromKey, String toKey) {
        List<Map<String, AttributeValue>> items = new ArrayList<>();
        dynamo.queryPaginator(request -> request.tableName(table)
                        .keyConditionExpression("pk = :pk AND sk BETWEEN :from AND :to")
                        .projectionExpression("sk, #writes, #reads, #storage")
                        .expressionAttributeNames(COUNT_NAMES)
                        .expressionAttributeValues(
                                Map.of(":pk", s(partitionKey(accountSid)), ":from", s(fromKey), ":to", s(toKey))))
                .items()
                .forEach(items::add);
        return items;
    }

    /** One counter item and what the changes of a batch add to it, per source. */
    private record CounterKey(String accountSid, String sortKey) {
        Map<String, AttributeValue> key() {
            return Map.of("pk", s(partitionKey(accountSid)), "sk", s(sortKey));
        }
    }

    @Override
    public void applyOnce(Collection<MeteredChange> changes, Instant now) {
        Map<CounterKey, Map<String, List<SequencedCounts>>> counters = new LinkedHashMap<>();
        for (MeteredChange change : changes) {
            for (CounterKey key : List.of(
                    new CounterKey(change.accountSid(), dayKey(change.day())),
                    new CounterKey(change.accountSid(), monthKey(YearMonth.from(change.day()))))) {
                counters.computeIfAbsent(key, k -> new LinkedHashMap<>())
                        .computeIfAbsent(change.source(), k -> new ArrayList<>())
                        .addAll(change.records());
            }
        }
        Map<CounterKey, Map<String, BigInteger>> applied = readApplied(new ArrayList<>(counters.keySet()));
        counters.forEach((key, bySource) -> applyToCounter(key, bySource, applied.get(key), now));
    }

    private void applyToCounter(
            CounterKey key,
            Map<String, List<SequencedCounts>> bySource,
            Map<String, BigInteger> appliedSoFar,
            Instant now) {
        Map<String, BigInteger> applied = appliedSoFar;
        for (int attempt = 1; ; attempt++) {
            try {
                update(key, bySource, applied, now);
                return;
            } catch (ConditionalCheckFailedException concurrentWriter) {
                if (attempt == MAX_ATTEMPTS) {
                    throw concurrentWriter;
                }
                applied = readApplied(List.of(key)).get(key);
            }
        }
    }

    /** {@code applied} is null when the counter has no record of applied sources yet. */
    private void update(
            CounterKey key, Map<String, List<SequencedCounts>> bySource, Map<String, BigInteger> applied, Instant now) {
        Counts delta = Counts.ZERO;
        Map<String, BigInteger> newlyApplied = new LinkedHashMap<>();
        for (Map.Entry<String, List<SequencedCounts>> source : bySource.entrySet()) {
            BigInteger last = applied == null ? null : applied.get(source.getKey());
            for (SequencedCounts record : source.getValue()) {
                if (last == null || record.sequenceNumber().compareTo(last) > 0) {
                    delta = delta.plus(record.counts());
                    newlyApplied.merge(source.getKey(), record.sequenceNumber(), BigInteger::max);
                }
            }
        }
        if (newlyApplied.isEmpty()) {
            return;
        }
        Map<String, String> names = new HashMap<>(Map.of("#writes", "writes", "#storage", "storage"));
        Map<String, AttributeValue> values = new HashMap<>();
        List<String> sets = new ArrayList<>();
        List<String> conditions = new ArrayList<>();
        values.put(":writes", n(delta.writes()));
        values.put(":storage", n(delta.storageChange()));
        values.put(":account", s(key.accountSid()));
        sets.add("account_sid = :account");
        if (key.sortKey().startsWith("D#")) {
            sets.add("g1pk = :changed");
            values.put(":changed", s(changeKey(key.accountSid(), now)));
        }
        if (applied == null) {
            Map<String, AttributeValue> map = new HashMap<>();
            newlyApplied.forEach((source, sequence) -> map.put(source, s(sequence.toString())));
            sets.add("applied = :applied");
            values.put(":applied", AttributeValue.fromM(map));
            conditions.add("attribute_not_exists(applied)");
        } else {
            int i = 0;
            for (Map.Entry<String, BigInteger> source : newlyApplied.entrySet()) {
                names.put("#s" + i, source.getKey());
                values.put(":q" + i, s(source.getValue().toString()));
                sets.add("applied.#s" + i + " = :q" + i);
                BigInteger before = applied.get(source.getKey());
                if (before == null) {
                    conditions.add("attribute_not_exists(applied.#s" + i + ")");
                } else {
                    values.put(":o" + i, s(before.toString()));
                    conditions.add("applied.#s" + i + " = :o" + i);
                }
                i++;
            }
            conditions.add("attribute_exists(applied)");
        }
        dynamo.updateItem(request -> {
            request.tableName(table)
                    .key(key.key())
                    .updateExpression("ADD #writes :writes, #storage :storage SET " + String.join(", ", sets))
                    .conditionExpression(String.join(" AND ", conditions))
                    .expressionAttributeNames(names)
                    .expressionAttributeValues(values);
        });
    }

    /** Per counter, the last sequence number applied from each source; null for a counter that has none. */
    private Map<CounterKey, Map<String, BigInteger>> readApplied(List<CounterKey> keys) {
        Map<CounterKey, Map<String, BigInteger>> applied = new HashMap<>();
        Map<Map<String, AttributeValue>, CounterKey> byItemKey = new HashMap<>();
        keys.forEach(key -> byItemKey.put(key.key(), key));
        for (int from = 0; from < keys.size(); from += MAX_BATCH_GET) {
            List<Map<String, AttributeValue>> pending =
                    keys.subList(from, Math.min(keys.size(), from + MAX_BATCH_GET)).stream()
                            .map(CounterKey::key)
                            .toList();
            for (int retry = 0; !pending.isEmpty(); retry++) {
                if (retry > 0) {
                    CallBudget.backOffUnprocessed(
                            retry, MAX_ATTEMPTS, pending.size() + " usage counters stayed unread");
                }
                List<Map<String, AttributeValue>> asking = pending;
                // Strongly consistent: the counter must show the batch a redelivery may repeat.
                BatchGetItemResponse response = dynamo.batchGetItem(request -> request.requestItems(Map.of(
                        table,
                        KeysAndAttributes.builder()
                                .keys(asking)
                                .consistentRead(true)
                                .projectionExpression("pk, sk, applied")
                                .build())));
                for (Map<String, AttributeValue> item : response.responses().getOrDefault(table, List.of())) {
                    CounterKey key = byItemKey.get(Map.of("pk", item.get("pk"), "sk", item.get("sk")));
                    AttributeValue map = item.get("applied");
                    if (map != null && map.hasM()) {
                        Map<String, BigInteger> sequences = new HashMap<>();
                        map.m().forEach((source, sequence) -> sequences.put(source, new BigInteger(sequence.s())));
                        applied.put(key, sequences);
                    }
                }
                KeysAndAttributes unprocessed = response.unprocessedKeys().get(table);
                pending = unprocessed == null ? List.of() : unprocessed.keys();
            }
        }
        return applied;
    }

    @Override
    public void addReads(Map<String, Map<LocalDate, Long>> reads, Instant now) {
        reads.forEach((accountSid, byDay) -> byDay.forEach((day, count) -> {
            dynamo.updateItem(request -> request.tableName(table)
                    .key(new CounterKey(accountSid, dayKey(day)).key())
                    .updateExpression("ADD #reads :reads SET account_sid = :account, g1pk = :changed")
                    .expressionAttributeNames(Map.of("#reads", "reads"))
                    .expressionAttributeValues(Map.of(
                            ":reads", n(count), ":account", s(accountSid), ":changed", s(changeKey(accountSid, now)))));
            dynamo.updateItem(request -> request.tableName(table)
                    .key(new CounterKey(accountSid, monthKey(YearMonth.from(day))).key())
                    .updateExpression("ADD #reads :reads SET account_sid = :account")
                    .expressionAttributeNames(Map.of("#reads", "reads"))
                    .expressionAttributeValues(Map.of(":reads", n(count), ":account", s(accountSid))));
        }));
    }

    @Override
    public Set<String> changedDuring(long epochMinute) {
        Set<String> accounts = new HashSet<>();
        for (int slice = 0; slice < CHANGE_SLICES; slice++) {
            String changed = "USAGE_CHANGED#" + epochMinute + "#" + slice;
            dynamo.queryPaginator(request -> request.tableName(table)
                            .indexName("gsi1")
                            .keyConditionExpression("g1pk = :changed")
                            .projectionExpression("account_sid")
                            .expressionAttributeValues(Map.of(":changed", s(changed))))
                    .items()
                    .forEach(item -> accounts.add(Attributes.string(item, "account_sid")));
        }
        return accounts;
    }

    @Override
    public Optional<Long> lastCheckedMinute() {
        Map<String, AttributeValue> item = dynamo.getItem(request -> request.tableName(table)
                        .consistentRead(true)
                        .key(Map.of("pk", s(CHECKPOINT_KEY), "sk", s("CHECKPOINT"))))
                .item();
        return item == null || item.isEmpty() ? Optional.empty() : Attributes.optionalNumber(item, "minute");
    }

    @Override
    public void checkedThrough(long epochMinute) {
        try {
            dynamo.updateItem(request -> request.tableName(table)
                    .key(Map.of("pk", s(CHECKPOINT_KEY), "sk", s("CHECKPOINT")))
                    .updateExpression("SET #minute = :minute")
                    .conditionExpression("attribute_not_exists(#minute) OR #minute < :minute")
                    .expressionAttributeNames(Map.of("#minute", "minute"))
                    .expressionAttributeValues(Map.of(":minute", n(epochMinute))));
        } catch (ConditionalCheckFailedException alreadyLater) {
            // Another run got further; the checkpoint stays where it is.
        }
    }

    private static Counts counts(Map<String, AttributeValue> item) {
        return new Counts(
                Attributes.optionalNumber(item, "writes").orElse(0L),
                Attributes.optionalNumber(item, "reads").orElse(0L),
                Attributes.optionalNumber(item, "storage").orElse(0L));
    }

    static String changeKey(String accountSid, Instant now) {
        return "USAGE_CHANGED#" + Math.floorDiv(now.getEpochSecond(), 60) + "#"
                + Math.floorMod(accountSid.hashCode(), CHANGE_SLICES);
    }

    private static String partitionKey(String accountSid) {
        return "USAGE#" + accountSid;
    }

    private static String dayKey(LocalDate day) {
        return "D#" + day;
    }

    private static String monthKey(YearMonth month) {
        return "M#" + month;
    }
}
