package dev.monitor.notify;

import static dev.monitor.storage.Attributes.n;
import static dev.monitor.storage.Attributes.s;

import dev.monitor.crypto.Secrets;
import dev.monitor.paging.Page;
import dev.monitor.storage.Attributes;
import dev.monitor.storage.BatchWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;

/**
 * Deliveries on the table; docs/data-model.md explains the design. The job state {@code NJ#<job id>}
 * is the guard; the delivery {@code DL#<account>} / Sid and its attempts {@code DA#<account>#<Sid>}
 * are the records, with the delivery under gsi1 by source Sid and gsi2 by status.
 */
public final class DynamoDeliveryStore implements DeliveryStore {
    /** Records and job states are kept this long after their last change. */
    static final Duration RETENTION = Duration.ofDays(30);
    /** SQS hides a message to whole seconds: an attempt due within this is due now. */
    private static final Duration DUE_TOLERANCE = Duration.ofSeconds(1);
    private static final String JOB_SORT_KEY = "JOB";

    private final DynamoDbClient dynamo;
    private final String table;
    private final BatchWriter writer;

    public DynamoDeliveryStore(DynamoDbClient dynamo, String table) {
        this.dynamo = dynamo;
        this.table = table;
        this.writer = new BatchWriter(dynamo, table);
    }

    @Override
    public Claim claim(NotificationJob job, Instant now, Duration lease) {
        Map<String, AttributeValue> values = new HashMap<>();
        values.put(":account", s(job.accountSid()));
        values.put(":sid", s(DeliverySids.of(now, job.jobId())));
        values.put(":created", s(now.toString()));
        values.put(":pending", s(DeliveryStatus.PENDING.wireName()));
        values.put(":zero", n(0));
        values.put(":one", n(1));
        values.put(":lease", n(now.plus(lease).toEpochMilli()));
        values.put(":now", n(now.toEpochMilli()));
        values.put(":due", n(now.plus(DUE_TOLERANCE).toEpochMilli()));
        values.put(":expires", n(now.plus(RETENTION).getEpochSecond()));
        try {
            Map<String, AttributeValue> item = dynamo.updateItem(request -> request.tableName(table)
                    .key(jobKey(job.jobId()))
                    .updateExpression("SET account_sid = :account, delivery_sid = if_not_exists(delivery_sid, :sid), "
                            + "created_at = if_not_exists(created_at, :created), #status = :pending, "
                            + "attempts = if_not_exists(attempts, :zero) + :one, round_base = if_not_exists(round_base, :zero), "
                            + "lease_until = :lease, next_attempt_at = :now, expires_at = :expires")
                    .conditionExpression("attribute_not_exists(pk) OR (#status = :pending AND lease_until <= :now AND next_attempt_at <= :due)")
                    .expressionAttributeNames(Map.of("#status", "status"))
                    .expressionAttributeValues(values)
                    .returnValues(ReturnValue.ALL_NEW)).attributes();
            int attempt = (int) Attributes.number(item, "attempts");
            return new Claimed(Attributes.string(item, "delivery_sid"), attempt, attempt - (int) Attributes.number(item, "round_base"),
                    Attributes.instant(item, "created_at"));
        } catch (ConditionalCheckFailedException e) {
            Map<String, AttributeValue> item = dynamo.getItem(request -> request.tableName(table).key(jobKey(job.jobId())).consistentRead(true)).item();
            DeliveryStatus status = DeliveryStatus.fromWire(Attributes.string(item, "status")).orElseThrow();
            if (status != DeliveryStatus.PENDING) {
                return new Finished(status);
            }
            long until = Math.max(Attributes.number(item, "lease_until"), Attributes.number(item, "next_attempt_at"));
            return new NotDue(Instant.ofEpochMilli(until));
        }
    }

    @Override
    public void settle(String jobId, int attempt, DeliveryStatus status, Optional<Instant> nextAttemptAt) {
        try {
            dynamo.updateItem(request -> request.tableName(table)
                    .key(jobKey(jobId))
                    .updateExpression("SET #status = :status, lease_until = :zero, next_attempt_at = :next")
                    .conditionExpression("attempts = :attempt")
                    .expressionAttributeNames(Map.of("#status", "status"))
                    .expressionAttributeValues(Map.of(":status", s(status.wireName()), ":zero", n(0),
                            ":next", n(nextAttemptAt.map(Instant::toEpochMilli).orElse(0L)), ":attempt", n(attempt))));
        } catch (ConditionalCheckFailedException e) {
            // This attempt's lease ran out and another attempt has the job now: its outcome stands.
        }
    }

    @Override
    public void record(List<AttemptRecord> records) {
        List<Map<String, AttributeValue>> items = new ArrayList<>(records.size() * 2);
        for (AttemptRecord record : records) {
            items.add(deliveryItem(record.delivery()));
            items.add(attemptItem(record.delivery(), record.attempt()));
        }
        writer.putAll(items);
    }

    @Override
    public Optional<Delivery> find(String accountSid, String deliverySid) {
        Map<String, AttributeValue> item = dynamo.getItem(request -> request.tableName(table)
                .key(Map.of("pk", s(deliveriesKey(accountSid)), "sk", s(deliverySid)))).item();
        return item == null || item.isEmpty() ? Optional.empty() : Optional.of(delivery(item));
    }

    @Override
    public List<DeliveryAttempt> attempts(String accountSid, String deliverySid) {
        List<DeliveryAttempt> attempts = new ArrayList<>();
        Map<String, AttributeValue> start = null;
        do {
            QueryRequest.Builder query = QueryRequest.builder().tableName(table)
                    .keyConditionExpression("pk = :pk")
                    .expressionAttributeValues(Map.of(":pk", s(attemptsKey(accountSid, deliverySid))));
            if (start != null) {
                query.exclusiveStartKey(start);
            }
            QueryResponse response = dynamo.query(query.build());
            response.items().forEach(item -> attempts.add(attempt(item)));
            start = response.hasLastEvaluatedKey() && !response.lastEvaluatedKey().isEmpty() ? response.lastEvaluatedKey() : null;
        } while (start != null);
        return attempts;
    }

    @Override
    public Page<Delivery> list(String accountSid, DeliveryFilter filter, int pageSize, Optional<String> cursor) {
        Optional<String> index;
        String keyAttribute;
        String keyValue;
        Map<String, AttributeValue> values = new HashMap<>();
        Optional<String> filterExpression = Optional.empty();
        if (filter.sourceSid().isPresent()) {
            index = Optional.of("gsi1");
            keyAttribute = "g1pk";
            keyValue = bySourceKey(accountSid, filter.sourceSid().get());
            if (filter.status().isPresent()) {
                filterExpression = Optional.of("#status = :status");
                values.put(":status", s(filter.status().get().wireName()));
            }
        } else if (filter.status().isPresent()) {
            index = Optional.of("gsi2");
            keyAttribute = "g2pk";
            keyValue = byStatusKey(accountSid, filter.status().get());
        } else {
            index = Optional.empty();
            keyAttribute = "pk";
            keyValue = deliveriesKey(accountSid);
        }
        values.put(":key", s(keyValue));
        values.put(":prefix", s(DeliverySids.PREFIX));
        List<Delivery> page = new ArrayList<>();
        Map<String, AttributeValue> start = cursor.map(sk -> startKey(keyAttribute, keyValue, accountSid, sk)).orElse(null);
        boolean more;
        do {
            QueryRequest.Builder query = QueryRequest.builder().tableName(table)
                    .keyConditionExpression(keyAttribute + " = :key AND begins_with(sk, :prefix)")
                    .expressionAttributeValues(values)
                    .scanIndexForward(false)
                    .limit(pageSize + 1 - page.size());
            index.ifPresent(query::indexName);
            filterExpression.ifPresent(expression -> query.filterExpression(expression).expressionAttributeNames(Map.of("#status", "status")));
            if (start != null) {
                query.exclusiveStartKey(start);
            }
            QueryResponse response = dynamo.query(query.build());
            response.items().forEach(item -> page.add(delivery(item)));
            more = response.hasLastEvaluatedKey() && !response.lastEvaluatedKey().isEmpty();
            start = more ? response.lastEvaluatedKey() : null;
        } while (more && page.size() <= pageSize);
        if (page.size() > pageSize) {
            List<Delivery> kept = List.copyOf(page.subList(0, pageSize));
            return new Page<>(kept, Optional.of(kept.get(pageSize - 1).sid()));
        }
        return new Page<>(page, Optional.empty());
    }

    @Override
    public boolean reopen(Delivery delivery, Instant now) {
        try {
            dynamo.updateItem(request -> request.tableName(table)
                    .key(jobKey(delivery.job().jobId()))
                    .updateExpression("SET #status = :pending, round_base = attempts, next_attempt_at = :now, lease_until = :zero, expires_at = :expires")
                    .conditionExpression("#status = :failed")
                    .expressionAttributeNames(Map.of("#status", "status"))
                    .expressionAttributeValues(Map.of(":pending", s(DeliveryStatus.PENDING.wireName()), ":failed", s(DeliveryStatus.FAILED.wireName()),
                            ":now", n(now.toEpochMilli()), ":zero", n(0), ":expires", n(now.plus(RETENTION).getEpochSecond()))));
        } catch (ConditionalCheckFailedException e) {
            return false;
        }
        dynamo.updateItem(request -> request.tableName(table)
                .key(Map.of("pk", s(deliveriesKey(delivery.accountSid())), "sk", s(delivery.sid())))
                .updateExpression("SET #status = :pending, g2pk = :byStatus, date_updated = :now REMOVE next_attempt_at")
                .expressionAttributeNames(Map.of("#status", "status"))
                .expressionAttributeValues(Map.of(":pending", s(DeliveryStatus.PENDING.wireName()),
                        ":byStatus", s(byStatusKey(delivery.accountSid(), DeliveryStatus.PENDING)), ":now", s(now.toString()))));
        return true;
    }

    @Override
    public boolean isDisabled(String accountSid, String url) {
        Map<String, AttributeValue> item = dynamo.getItem(request -> request.tableName(table).key(disabledKey(accountSid, url))).item();
        return item != null && !item.isEmpty();
    }

    @Override
    public void disable(String accountSid, String url, Instant at) {
        Map<String, AttributeValue> item = new HashMap<>(disabledKey(accountSid, url));
        item.put("url", s(url));
        item.put("disabled_at", s(at.toString()));
        dynamo.putItem(request -> request.tableName(table).item(item));
    }

    private static Map<String, AttributeValue> jobKey(String jobId) {
        return Map.of("pk", s("NJ#" + jobId), "sk", s(JOB_SORT_KEY));
    }

    private static Map<String, AttributeValue> disabledKey(String accountSid, String url) {
        return Map.of("pk", s("AC#" + accountSid), "sk", s("WEBHOOK_DISABLED#" + Secrets.sha256Hex(url)));
    }

    private static String deliveriesKey(String accountSid) {
        return "DL#" + accountSid;
    }

    private static String bySourceKey(String accountSid, String sourceSid) {
        return "DL#" + accountSid + "#S#" + sourceSid;
    }

    private static String byStatusKey(String accountSid, DeliveryStatus status) {
        return "DL#" + accountSid + "#T#" + status.wireName();
    }

    private static String attemptsKey(String accountSid, String deliverySid) {
        return "DA#" + accountSid + "#" + deliverySid;
    }

    private static Map<String, AttributeValue> startKey(String keyAttribute, String keyValue, String accountSid, String sortKey) {
        Map<String, AttributeValue> key = new HashMap<>();
        key.put(keyAttribute, s(keyValue));
        key.put("pk", s(deliveriesKey(accountSid)));
        key.put("sk", s(sortKey));
        return key;
    }

    private static Map<String, AttributeValue> deliveryItem(Delivery delivery) {
        Map<String, AttributeValue> item = new HashMap<>();
        item.put("pk", s(deliveriesKey(delivery.accountSid())));
        item.put("sk", s(delivery.sid()));
        item.put("g1pk", s(bySourceKey(delivery.accountSid(), delivery.job().source().sid())));
        item.put("g2pk", s(byStatusKey(delivery.accountSid(), delivery.status())));
        item.put("account_sid", s(delivery.accountSid()));
        item.put("job", s(NotificationJobs.toJson(delivery.job())));
        item.put("status", s(delivery.status().wireName()));
        item.put("attempts", n(delivery.attempts()));
        delivery.lastStatusCode().ifPresent(code -> item.put("last_status_code", n(code)));
        delivery.lastErrorClass().ifPresent(error -> item.put("last_error_class", s(error.wireName())));
        delivery.nextAttemptAt().ifPresent(next -> item.put("next_attempt_at", s(next.toString())));
        item.put("date_created", s(delivery.dateCreated().toString()));
        item.put("date_updated", s(delivery.dateUpdated().toString()));
        item.put("expires_at", n(delivery.dateUpdated().plus(RETENTION).getEpochSecond()));
        return item;
    }

    private static Map<String, AttributeValue> attemptItem(Delivery delivery, DeliveryAttempt attempt) {
        Map<String, AttributeValue> item = new HashMap<>();
        item.put("pk", s(attemptsKey(delivery.accountSid(), delivery.sid())));
        item.put("sk", s(String.format("%05d", attempt.attempt())));
        item.put("attempt", n(attempt.attempt()));
        item.put("date", s(attempt.date().toString()));
        attempt.statusCode().ifPresent(code -> item.put("status_code", n(code)));
        item.put("latency_ms", n(attempt.latencyMs()));
        attempt.errorClass().ifPresent(error -> item.put("error_class", s(error.wireName())));
        item.put("response", s(attempt.response()));
        item.put("expires_at", n(attempt.date().plus(RETENTION).getEpochSecond()));
        return item;
    }

    private static Delivery delivery(Map<String, AttributeValue> item) {
        return new Delivery(
                Attributes.string(item, "sk"),
                Attributes.string(item, "account_sid"),
                NotificationJobs.fromJson(Attributes.string(item, "job")),
                DeliveryStatus.fromWire(Attributes.string(item, "status")).orElseThrow(),
                (int) Attributes.number(item, "attempts"),
                Attributes.optionalNumber(item, "last_status_code").map(Long::intValue),
                Attributes.optionalString(item, "last_error_class").map(ErrorClass::fromWire),
                Attributes.optionalString(item, "next_attempt_at").map(Instant::parse),
                Attributes.instant(item, "date_created"),
                Attributes.instant(item, "date_updated"));
    }

    private static DeliveryAttempt attempt(Map<String, AttributeValue> item) {
        return new DeliveryAttempt(
                (int) Attributes.number(item, "attempt"),
                Attributes.instant(item, "date"),
                Attributes.optionalNumber(item, "status_code").map(Long::intValue),
                Attributes.number(item, "latency_ms"),
                Attributes.optionalString(item, "error_class").map(ErrorClass::fromWire),
                Attributes.optionalString(item, "response").orElse(""));
    }
}
