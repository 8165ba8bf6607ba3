package dev.monitor.dynamo.usage;

import static dev.monitor.dynamo.Attributes.n;
import static dev.monitor.dynamo.Attributes.s;

import dev.monitor.aws.CallBudget;
import dev.monitor.dynamo.Attributes;
import dev.monitor.usage.Counts;
import dev.monitor.usage.Pricing;
import dev.monitor.usage.UsageOwner;
import dev.monitor.usage.UsageStore;
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
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;

/**
 * Usage counters on the table; docs/data-model.md explains the design. An account's counters share
 * the partition {@code USAGE#<account>}: a day is {@code D#<yyyy-mm-dd>}, a month {@code M#<yyyy-mm>};
 * its main account's family's, {@code USAGE_FAMILY#<main account>}, change in the same writes.
 * A day counter that changes is moved, in index gsi1, under {@code USAGE_CHANGED#<minute>#<slice>},
 * which is how the usage check finds the accounts to look at without reading the others.
 */
public final class DynamoUsageStore implements UsageStore {
    /** The change log of one minute is spread over this many gsi1 partitions, so no one of them gets hot. */
    static final int CHANGE_SLICES = 16;

    private static final int MAX_BATCH_GET = 100;
    private static final int MAX_ATTEMPTS = 5;
    private static final String CHECKPOINT_KEY = "USAGE_CHECK";
    private static final String ADD_COUNTS = "ADD #writes :writes, #reads :reads, #storage :storage";
    /** Some counter names are DynamoDB reserved words. */
    private static final Map<String, String> COUNT_NAMES =
            Map.of("#writes", "writes", "#reads", "reads", "#storage", "storage");
    /** A family's counters also count the writes billed. */
    private static final Map<String, String> FAMILY_COUNT_NAMES =
            Map.of("#writes", "writes", "#reads", "reads", "#storage", "storage", "#billed", "billed_writes");

    private final DynamoDbClient dynamo;
    private final String table;

    public DynamoUsageStore(DynamoDbClient dynamo, String table) {
        this.dynamo = dynamo;
        this.table = table;
    }

    @Override
    public Map<YearMonth, Counts> months(UsageOwner owner) {
        Map<YearMonth, Counts> months = new HashMap<>();
        query(owner, "M#", "M#~")
                .forEach(item ->
                        months.put(YearMonth.parse(Attributes.string(item, "sk").substring(2)), counts(item)));
        return months;
    }

    @Override
    public Map<LocalDate, Counts> days(UsageOwner owner, LocalDate from, LocalDate to) {
        Map<LocalDate, Counts> days = new HashMap<>();
        query(owner, dayKey(from), dayKey(to))
                .forEach(item ->
                        days.put(LocalDate.parse(Attributes.string(item, "sk").substring(2)), counts(item)));
        return days;
    }

    private List<Map<String, AttributeValue>> query(UsageOwner owner, String fromKey, String toKey) {
        List<Map<String, AttributeValue>> items = new ArrayList<>();
        dynamo.queryPaginator(request -> request.tableName(table)
                        .keyConditionExpression("pk = :pk AND sk BETWEEN :from AND :to")
                        .projectionExpression("sk, #writes, #reads, #storage, #billed")
                        .expressionAttributeNames(FAMILY_COUNT_NAMES)
                        .expressionAttributeValues(
                                Map.of(":pk", s(partitionKey(owner)), ":from", s(fromKey), ":to", s(toKey))))
                .items()
                .forEach(items::add);
        return items;
    }

    /** An account's day of metered changes: the sources they came from and what each record counts. */
    private record MeteredDay(String accountSid, String mainAccountSid, LocalDate day) {
        Map<String, AttributeValue> accountDay() {
            return key(UsageOwner.account(accountSid), dayKey(day));
        }

        Map<String, AttributeValue> accountMonth() {
            return key(UsageOwner.account(accountSid), monthKey(YearMonth.from(day)));
        }

        Map<String, AttributeValue> familyDay() {
            return key(UsageOwner.family(mainAccountSid), dayKey(day));
        }

        Map<String, AttributeValue> familyMonth() {
            return key(UsageOwner.family(mainAccountSid), monthKey(YearMonth.from(day)));
        }
    }

    /** What a day's write starts from: the sources its day counter has applied, and its month's writes so far. */
    private record Standing(Map<String, BigInteger> applied, Optional<Long> monthWrites) {}

    @Override
    public void applyOnce(Collection<MeteredChange> changes, Pricing pricing, Instant now) {
        Map<MeteredDay, Map<String, List<SequencedCounts>>> days = new LinkedHashMap<>();
        for (MeteredChange change : changes) {
            days.computeIfAbsent(
                            new MeteredDay(change.accountSid(), change.mainAccountSid(), change.day()),
                            k -> new LinkedHashMap<>())
                    .computeIfAbsent(change.source(), k -> new ArrayList<>())
                    .addAll(change.records());
        }
        Map<MeteredDay, Standing> standings = readStandings(new ArrayList<>(days.keySet()));
        days.forEach((day, bySource) -> applyToDay(day, bySource, standings.get(day), pricing, now));
    }

    private void applyToDay(
            MeteredDay day,
            Map<String, List<SequencedCounts>> bySource,
            Standing standingSoFar,
            Pricing pricing,
            Instant now) {
        Standing standing = standingSoFar;
        for (int attempt = 1; ; attempt++) {
            try {
                write(day, bySource, standing, pricing, now);
                return;
            } catch (TransactionCanceledException concurrentWriter) {
                // A redelivery applied some of the records meanwhile, another source's records moved the month, or
                // DynamoDB throttled a part.
                if (attempt == MAX_ATTEMPTS) {
                    throw concurrentWriter;
                }
                CallBudget.backOffUnprocessed(attempt, MAX_ATTEMPTS, "a usage counter kept changing");
                standing = readStandings(List.of(day)).get(day);
            }
        }
    }

    /**
     * One transaction: the account's day counter, on condition that it has applied what it had, its month counter, on
     * condition that it holds the writes the family's billed writes were reckoned from, and the family's two.
     */
    private void write(
            MeteredDay day,
            Map<String, List<SequencedCounts>> bySource,
            Standing standing,
            Pricing pricing,
            Instant now) {
        Counts delta = Counts.ZERO;
        Map<String, BigInteger> newlyApplied = new LinkedHashMap<>();
        for (Map.Entry<String, List<SequencedCounts>> source : bySource.entrySet()) {
            BigInteger last = standing.applied().get(source.getKey());
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
        long monthWrites = standing.monthWrites().orElse(0L);
        long billed = pricing.billedWrites(monthWrites, delta.writes());
        Counts family = new Counts(delta.writes(), 0, delta.storageChange(), billed);

        Map<String, String> names = new HashMap<>(COUNT_NAMES);
        Map<String, AttributeValue> values = new HashMap<>(addedValues(delta));
        values.put(":account", s(day.accountSid()));
        values.put(":changed", s(changeKey(day.accountSid(), now)));
        List<String> sets = new ArrayList<>(List.of("account_sid = :account", "g1pk = :changed"));
        List<String> conditions = new ArrayList<>();
        if (standing.applied().isEmpty()) {
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
                BigInteger before = standing.applied().get(source.getKey());
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
        Map<String, AttributeValue> monthValues = new HashMap<>(addedValues(delta));
        monthValues.put(":account", s(day.accountSid()));
        String monthCondition;
        if (standing.monthWrites().isPresent()) {
            monthValues.put(":before", n(monthWrites));
            monthCondition = "#writes = :before";
        } else {
            monthCondition = "attribute_not_exists(#writes)";
        }
        dynamo.transactWriteItems(request -> request.transactItems(
                TransactWriteItem.builder()
                        .update(update -> update.tableName(table)
                                .key(day.accountDay())
                                .updateExpression(ADD_COUNTS + " SET " + String.join(", ", sets))
                                .conditionExpression(String.join(" AND ", conditions))
                                .expressionAttributeNames(names)
                                .expressionAttributeValues(values))
                        .build(),
                TransactWriteItem.builder()
                        .update(update -> update.tableName(table)
                                .key(day.accountMonth())
                                .updateExpression(ADD_COUNTS + " SET account_sid = :account")
                                .conditionExpression(monthCondition)
                                .expressionAttributeNames(COUNT_NAMES)
                                .expressionAttributeValues(monthValues))
                        .build(),
                familyAdd(day.familyDay(), day.mainAccountSid(), family),
                familyAdd(day.familyMonth(), day.mainAccountSid(), family)));
    }

    private static Map<String, AttributeValue> addedValues(Counts counts) {
        return Map.of(
                ":writes", n(counts.writes()), ":reads", n(counts.reads()), ":storage", n(counts.storageChange()));
    }

    /** Adds to a family's counter: no condition, since the account's own counter's guards the transaction. */
    private TransactWriteItem familyAdd(Map<String, AttributeValue> key, String mainAccountSid, Counts counts) {
        Map<String, AttributeValue> values = new HashMap<>(addedValues(counts));
        values.put(":billed", n(counts.billedWrites()));
        values.put(":main", s(mainAccountSid));
        return TransactWriteItem.builder()
                .update(update -> update.tableName(table)
                        .key(key)
                        .updateExpression(ADD_COUNTS + ", #billed :billed SET account_sid = :main")
                        .expressionAttributeNames(FAMILY_COUNT_NAMES)
                        .expressionAttributeValues(values))
                .build();
    }

    /** Per day, what its day counter has applied and what its month counter holds, read strongly consistent. */
    private Map<MeteredDay, Standing> readStandings(List<MeteredDay> days) {
        Map<Map<String, AttributeValue>, Map<String, AttributeValue>> items = new HashMap<>();
        List<Map<String, AttributeValue>> keys = new ArrayList<>();
        for (MeteredDay day : days) {
            keys.add(day.accountDay());
            keys.add(day.accountMonth());
        }
        List<Map<String, AttributeValue>> unique = keys.stream().distinct().toList();
        for (int from = 0; from < unique.size(); from += MAX_BATCH_GET) {
            List<Map<String, AttributeValue>> pending =
                    unique.subList(from, Math.min(unique.size(), from + MAX_BATCH_GET));
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
                                .projectionExpression("pk, sk, applied, #writes")
                                .expressionAttributeNames(Map.of("#writes", "writes"))
                                .build())));
                for (Map<String, AttributeValue> item : response.responses().getOrDefault(table, List.of())) {
                    items.put(Map.of("pk", item.get("pk"), "sk", item.get("sk")), item);
                }
                KeysAndAttributes unprocessed = response.unprocessedKeys().get(table);
                pending = unprocessed == null ? List.of() : unprocessed.keys();
            }
        }
        Map<MeteredDay, Standing> standings = new HashMap<>();
        for (MeteredDay day : days) {
            Map<String, BigInteger> applied = new HashMap<>();
            Optional.ofNullable(items.get(day.accountDay()))
                    .map(item -> item.get("applied"))
                    .filter(AttributeValue::hasM)
                    .ifPresent(map ->
                            map.m().forEach((source, sequence) -> applied.put(source, new BigInteger(sequence.s()))));
            Optional<Long> monthWrites = Optional.ofNullable(items.get(day.accountMonth()))
                    .flatMap(item -> Attributes.optionalNumber(item, "writes"));
            standings.put(day, new Standing(applied, monthWrites));
        }
        return standings;
    }

    @Override
    public void addReads(Collection<MeteredReads> reads, Instant now) {
        for (MeteredReads read : reads) {
            MeteredDay day = new MeteredDay(read.accountSid(), read.mainAccountSid(), read.day());
            Counts counts = new Counts(0, read.records(), 0);
            Map<String, AttributeValue> values = new HashMap<>(addedValues(counts));
            values.put(":account", s(read.accountSid()));
            values.put(":changed", s(changeKey(read.accountSid(), now)));
            Map<String, AttributeValue> monthValues = new HashMap<>(addedValues(counts));
            monthValues.put(":account", s(read.accountSid()));
            dynamo.transactWriteItems(request -> request.transactItems(
                    TransactWriteItem.builder()
                            .update(update -> update.tableName(table)
                                    .key(day.accountDay())
                                    .updateExpression(ADD_COUNTS + " SET account_sid = :account, g1pk = :changed")
                                    .expressionAttributeNames(COUNT_NAMES)
                                    .expressionAttributeValues(values))
                            .build(),
                    TransactWriteItem.builder()
                            .update(update -> update.tableName(table)
                                    .key(day.accountMonth())
                                    .updateExpression(ADD_COUNTS + " SET account_sid = :account")
                                    .expressionAttributeNames(COUNT_NAMES)
                                    .expressionAttributeValues(monthValues))
                            .build(),
                    familyAdd(day.familyDay(), read.mainAccountSid(), counts),
                    familyAdd(day.familyMonth(), read.mainAccountSid(), counts)));
        }
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
                Attributes.optionalNumber(item, "storage").orElse(0L),
                Attributes.optionalNumber(item, "billed_writes").orElse(0L));
    }

    static String changeKey(String accountSid, Instant now) {
        return "USAGE_CHANGED#" + Math.floorDiv(now.getEpochSecond(), 60) + "#"
                + Math.floorMod(accountSid.hashCode(), CHANGE_SLICES);
    }

    private static String partitionKey(UsageOwner owner) {
        return (owner.family() ? "USAGE_FAMILY#" : "USAGE#") + owner.accountSid();
    }

    private static Map<String, AttributeValue> key(UsageOwner owner, String sortKey) {
        return Map.of("pk", s(partitionKey(owner)), "sk", s(sortKey));
    }

    private static String dayKey(LocalDate day) {
        return "D#" + day;
    }

    private static String monthKey(YearMonth month) {
        return "M#" + month;
    }
}
