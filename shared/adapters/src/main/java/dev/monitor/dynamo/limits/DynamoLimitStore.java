package dev.monitor.dynamo.limits;

import static dev.monitor.dynamo.Attributes.n;
import static dev.monitor.dynamo.Attributes.s;

import dev.monitor.limits.AccountLimits;
import dev.monitor.limits.LimitStore;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;
import software.amazon.awssdk.services.dynamodb.model.ReturnValuesOnConditionCheckFailure;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemResponse;

/**
 * One item per account family, {@code pk = LIMITS#<main account>, sk = REQUESTS}: {@code per_second}, a map of each
 * recent epoch second to the requests admitted in it, {@code records_per_second}, the same of events and alerts
 * recorded, and {@code in_flight}, a map of each admitted request to the end of its lease. Admitting is one
 * conditional UpdateItem, both limits in its condition, counting records one more, and releasing one more. A refused
 * condition returns the item, which says which limit it was and which leases ran out (requests of an instance that
 * stopped), which are then removed; seconds gone by are removed as the item shows them.
 */
public final class DynamoLimitStore implements LimitStore {
    private static final String SORT_KEY = "REQUESTS";
    /** The attempts one admission makes: the item to make, or leases to clear, then the admission itself. */
    private static final int MAX_ATTEMPTS = 3;
    /** Seconds gone by that the item may keep before an admission removes them. */
    private static final int SECONDS_KEPT = 5;

    private final DynamoDbClient dynamo;
    private final String table;

    public DynamoLimitStore(DynamoDbClient dynamo, String table) {
        this.dynamo = dynamo;
        this.table = table;
    }

    @Override
    public Admission admit(String familySid, String requestId, Instant now, Instant leaseUntil, AccountLimits limits) {
        String second = Long.toString(now.getEpochSecond());
        for (int attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
            Map<String, AttributeValue> item;
            try {
                UpdateItemResponse admitted = dynamo.updateItem(request -> request.tableName(table)
                        .key(key(familySid))
                        .updateExpression("SET in_flight.#request = :lease, per_second.#second = "
                                + "if_not_exists(per_second.#second, :zero) + :one, expires_at = :expires")
                        .conditionExpression("attribute_exists(in_flight) AND size(in_flight) < :concurrent AND "
                                + "(attribute_not_exists(per_second.#second) OR per_second.#second < :rate)")
                        .expressionAttributeNames(Map.of("#request", requestId, "#second", second))
                        .expressionAttributeValues(Map.of(
                                ":lease", n(leaseUntil.toEpochMilli()),
                                ":zero", n(0),
                                ":one", n(1),
                                ":expires", n(leaseUntil.getEpochSecond() + 60),
                                ":concurrent", n(limits.concurrentRequests()),
                                ":rate", n(limits.requestsPerSecond())))
                        .returnValues(ReturnValue.ALL_OLD)
                        .returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.ALL_OLD));
                removeSecondsGoneBy(familySid, admitted.attributes(), "per_second", now);
                return Admission.ADMITTED;
            } catch (ConditionalCheckFailedException refused) {
                item = refused.hasItem() ? refused.item() : Map.of();
            }
            if (!item.containsKey("in_flight")) {
                create(familySid);
                continue;
            }
            AttributeValue count =
                    item.containsKey("per_second") ? item.get("per_second").m().get(second) : null;
            if (count != null && Long.parseLong(count.n()) >= limits.requestsPerSecond()) {
                return Admission.OVER_RATE;
            }
            if (!clearLapsedLeases(familySid, item.get("in_flight").m(), now)) {
                return Admission.OVER_CONCURRENCY;
            }
        }
        // Contended every time: as good as over the limit this moment.
        return Admission.OVER_CONCURRENCY;
    }

    @Override
    public boolean admitRecords(String familySid, Instant now, int records, AccountLimits limits) {
        String second = Long.toString(now.getEpochSecond());
        for (int attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
            try {
                UpdateItemResponse counted = dynamo.updateItem(request -> request.tableName(table)
                        .key(key(familySid))
                        .updateExpression("SET records_per_second.#second = "
                                + "if_not_exists(records_per_second.#second, :zero) + :records")
                        .conditionExpression("attribute_exists(records_per_second) AND "
                                + "(attribute_not_exists(records_per_second.#second) OR "
                                + "records_per_second.#second <= :room)")
                        .expressionAttributeNames(Map.of("#second", second))
                        .expressionAttributeValues(Map.of(
                                ":zero", n(0),
                                ":records", n(records),
                                ":room", n(limits.recordsPerSecond() - records)))
                        .returnValues(ReturnValue.ALL_OLD)
                        .returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.ALL_OLD));
                removeSecondsGoneBy(familySid, counted.attributes(), "records_per_second", now);
                return true;
            } catch (ConditionalCheckFailedException refused) {
                Map<String, AttributeValue> item = refused.hasItem() ? refused.item() : Map.of();
                if (item.containsKey("records_per_second")) {
                    return false;
                }
                create(familySid);
            }
        }
        return false;
    }

    /** The family's item, with its maps, empty where it had none: made by the family's first request. */
    private void create(String familySid) {
        dynamo.updateItem(request -> request.tableName(table)
                .key(key(familySid))
                .updateExpression("SET in_flight = if_not_exists(in_flight, :empty), "
                        + "per_second = if_not_exists(per_second, :empty), "
                        + "records_per_second = if_not_exists(records_per_second, :empty)")
                .expressionAttributeValues(Map.of(":empty", AttributeValue.fromM(Map.of()))));
    }

    /** Removes the leases that ran out (their requests' instances stopped); false when none had. */
    private boolean clearLapsedLeases(String familySid, Map<String, AttributeValue> inFlight, Instant now) {
        Map<String, String> names = new HashMap<>();
        Map<String, AttributeValue> values = new HashMap<>();
        List<String> removes = new ArrayList<>();
        List<String> conditions = new ArrayList<>();
        inFlight.forEach((request, lease) -> {
            if (Long.parseLong(lease.n()) <= now.toEpochMilli() && removes.size() < 50) {
                int i = removes.size();
                names.put("#r" + i, request);
                values.put(":l" + i, lease);
                removes.add("in_flight.#r" + i);
                conditions.add("in_flight.#r" + i + " = :l" + i);
            }
        });
        if (removes.isEmpty()) {
            return false;
        }
        try {
            dynamo.updateItem(request -> request.tableName(table)
                    .key(key(familySid))
                    .updateExpression("REMOVE " + String.join(", ", removes))
                    .conditionExpression(String.join(" AND ", conditions))
                    .expressionAttributeNames(names)
                    .expressionAttributeValues(values));
        } catch (ConditionalCheckFailedException clearedMeanwhile) {
            // Another request cleared them: the next attempt sees the room either way.
        }
        return true;
    }

    /** Keeps a map of seconds small: once it holds a few gone by, they go (what they counted no longer matters). */
    private void removeSecondsGoneBy(String familySid, Map<String, AttributeValue> before, String map, Instant now) {
        AttributeValue seconds = before.get(map);
        if (seconds == null || !seconds.hasM() || seconds.m().size() <= SECONDS_KEPT) {
            return;
        }
        long current = now.getEpochSecond();
        Map<String, String> names = new HashMap<>();
        List<String> removes = new ArrayList<>();
        for (String second : seconds.m().keySet()) {
            if (Long.parseLong(second) < current) {
                names.put("#s" + removes.size(), second);
                removes.add(map + ".#s" + removes.size());
            }
        }
        if (!removes.isEmpty()) {
            dynamo.updateItem(request -> request.tableName(table)
                    .key(key(familySid))
                    .updateExpression("REMOVE " + String.join(", ", removes))
                    .expressionAttributeNames(names));
        }
    }

    @Override
    public void release(String familySid, String requestId) {
        try {
            dynamo.updateItem(request -> request.tableName(table)
                    .key(key(familySid))
                    .updateExpression("REMOVE in_flight.#request")
                    .conditionExpression("attribute_exists(pk)")
                    .expressionAttributeNames(Map.of("#request", requestId)));
        } catch (ConditionalCheckFailedException expired) {
            // The item's time to live ran out: nothing is in flight any more.
        }
    }

    private static Map<String, AttributeValue> key(String familySid) {
        return Map.of("pk", s("LIMITS#" + familySid), "sk", s(SORT_KEY));
    }
}
