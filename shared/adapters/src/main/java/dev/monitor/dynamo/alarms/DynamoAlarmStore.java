package dev.monitor.dynamo.alarms;

import static dev.monitor.dynamo.Attributes.n;
import static dev.monitor.dynamo.Attributes.s;

import dev.monitor.alarms.Alarm;
import dev.monitor.alarms.AlarmStore;
import dev.monitor.alarms.Firing;
import dev.monitor.alarms.QueryType;
import dev.monitor.alarms.TimePeriod;
import dev.monitor.alarms.TimeWindow;
import dev.monitor.alarms.Window;
import dev.monitor.audit.AuditEvent;
import dev.monitor.audit.ChangedMeanwhile;
import dev.monitor.aws.CallBudget;
import dev.monitor.dynamo.AccountPartition;
import dev.monitor.dynamo.Attributes;
import dev.monitor.dynamo.CountedItems;
import dev.monitor.dynamo.QueryPages;
import dev.monitor.dynamo.Transactions;
import dev.monitor.dynamo.events.AuditedWrites;
import dev.monitor.notify.NotificationJob;
import dev.monitor.paging.Page;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.CancellationReason;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;
import software.amazon.awssdk.services.dynamodb.model.ReturnValuesOnConditionCheckFailure;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;
import software.amazon.awssdk.services.dynamodb.model.Update;

/**
 * Alarm items {@code pk = AC#<account>, sk = ALARM#<Sid>} beside the account, and their number, {@code AC#<account>,
 * ALARM_COUNT}, written in the same transaction as each alarm created or deleted, which keeps the limit; firing items
 * {@code pk = ALARM#<Sid>, sk = FIRED#<window start>#<window>}, kept 400 days. The firing's key is
 * the alarm and its window, and it is written on condition that it does not exist: that is what
 * makes an alarm fire once per window, whatever runs concurrently or again. A firing that awaits its
 * resolution check is also in index gsi1 under {@code ALARM_RESOLUTION#<window>#<slice>}, sorted by
 * its window's start, until the check is done: the check reads only the firings that are due.
 */
public final class DynamoAlarmStore implements AlarmStore {
    private static final String ALARM_PREFIX = "ALARM#";
    private static final String FIRED_PREFIX = "FIRED#";
    private static final String COUNT_SORT_KEY = "ALARM_COUNT";

    private static final String CONDITION_FAILED = "ConditionalCheckFailed";
    /** Transactions to record what a cancelled one left, as the notifier's claims do. */
    private static final int CLAIM_ROUNDS = 4;

    private static final Duration FIRINGS_KEPT = Duration.ofDays(400);
    /** Firings awaiting resolution are spread over this many gsi1 partitions, so that no one of them gets hot. */
    static final int RESOLUTION_SLICES = 8;

    private final DynamoDbClient dynamo;
    private final String table;
    private final CountedItems counted;
    private final AuditedWrites audited;

    public DynamoAlarmStore(DynamoDbClient dynamo, String table) {
        this.dynamo = dynamo;
        this.table = table;
        this.counted = new CountedItems(dynamo, table, "alarms");
        this.audited = new AuditedWrites(dynamo, table);
    }

    @Override
    public void create(Alarm alarm, int limit, List<AuditEvent> audit) {
        if (!counted.put(toItem(alarm), countKey(alarm.accountSid()), limit, audited.puts(audit))) {
            throw new LimitReached();
        }
    }

    @Override
    public void update(Alarm changed, Instant replacing, List<AuditEvent> audit) {
        Put put = Put.builder()
                .tableName(table)
                .item(toItem(changed))
                .conditionExpression("date_updated = :replacing")
                .expressionAttributeValues(Map.of(":replacing", s(replacing.toString())))
                .build();
        if (!audited.write(TransactWriteItem.builder().put(put).build(), audit)) {
            throw new ChangedMeanwhile();
        }
    }

    @Override
    public Optional<Alarm> find(String accountSid, String sid) {
        Map<String, AttributeValue> item = dynamo.getItem(request ->
                        request.tableName(table).key(key(accountSid, sid)).consistentRead(true))
                .item();
        return item == null || item.isEmpty() ? Optional.empty() : Optional.of(fromItem(item));
    }

    @Override
    public boolean delete(String accountSid, String sid, List<AuditEvent> audit) {
        return counted.delete(key(accountSid, sid), countKey(accountSid), audited.puts(audit));
    }

    @Override
    public Page<Alarm> list(String accountSid, boolean oldestFirst, int pageSize, Optional<String> cursor) {
        return query(
                AccountPartition.of(accountSid),
                ALARM_PREFIX,
                oldestFirst,
                pageSize,
                cursor,
                DynamoAlarmStore::fromItem);
    }

    @Override
    public List<Alarm> all(String accountSid) {
        List<Alarm> alarms = new ArrayList<>();
        Optional<String> cursor = Optional.empty();
        do {
            Page<Alarm> page = list(accountSid, true, 1000, cursor);
            alarms.addAll(page.items());
            cursor = page.nextCursor();
        } while (cursor.isPresent());
        return alarms;
    }

    /**
     * A storm of firings is a few requests, not a few for each: up to 100 conditional puts in a transaction, and a
     * firing that exists already comes back in its cancellation reason; a single firing is one conditional put.
     */
    @Override
    public List<Firing> claimFirings(List<FiringClaim> claims) {
        Firing[] held = new Firing[claims.size()];
        List<Integer> open = new ArrayList<>();
        for (int i = 0; i < claims.size(); i++) {
            open.add(i);
        }
        for (int round = 0; round < CLAIM_ROUNDS && !open.isEmpty(); round++) {
            if (round > 0) {
                CallBudget.backOffUnprocessed(round, CLAIM_ROUNDS, open.size() + " firings stayed unrecorded");
            }
            List<Integer> again = new ArrayList<>();
            for (int from = 0; from < open.size(); from += Transactions.MAX_ITEMS) {
                List<Integer> chunk = open.subList(from, Math.min(open.size(), from + Transactions.MAX_ITEMS));
                if (chunk.size() == 1) {
                    int i = chunk.get(0);
                    held[i] = claimFiring(claims.get(i));
                    continue;
                }
                List<TransactWriteItem> puts = chunk.stream()
                        .map(i -> TransactWriteItem.builder()
                                .put(firingPut(claims.get(i)))
                                .build())
                        .toList();
                try {
                    dynamo.transactWriteItems(request -> request.transactItems(puts));
                    chunk.forEach(i -> held[i] = claims.get(i).firing());
                } catch (TransactionCanceledException e) {
                    for (int k = 0; k < chunk.size(); k++) {
                        CancellationReason reason = e.hasCancellationReasons()
                                ? e.cancellationReasons().get(k)
                                : null;
                        if (reason != null && CONDITION_FAILED.equals(reason.code()) && reason.hasItem()) {
                            held[chunk.get(k)] = fromFiringItem(reason.item());
                        } else {
                            again.add(chunk.get(k));
                        }
                    }
                }
            }
            open = again;
        }
        if (!open.isEmpty()) {
            throw CallBudget.exhausted(open.size() + " firings met concurrent writes throughout");
        }
        return List.of(held);
    }

    private Firing claimFiring(FiringClaim claim) {
        Put put = firingPut(claim);
        try {
            dynamo.putItem(request -> request.tableName(table)
                    .item(put.item())
                    .conditionExpression(put.conditionExpression())
                    .returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.ALL_OLD));
            return claim.firing();
        } catch (ConditionalCheckFailedException alreadyFired) {
            return fromFiringItem(alreadyFired.item());
        }
    }

    /** Puts the firing unless its alarm fired for the window already, returning what is there if so. */
    private Put firingPut(FiringClaim claim) {
        Firing firing = claim.firing();
        Map<String, AttributeValue> item = firingItem(firing);
        if (claim.awaitResolution()) {
            item.put(
                    "g1pk",
                    s(resolutionPartition(
                            firing.window().name(),
                            Math.floorMod(firing.alarmSid().hashCode(), RESOLUTION_SLICES))));
        }
        return Put.builder()
                .tableName(table)
                .item(item)
                .conditionExpression("attribute_not_exists(pk)")
                .returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.ALL_OLD)
                .build();
    }

    @Override
    public void markNotified(List<Firing> firings) {
        for (int from = 0; from < firings.size(); from += Transactions.MAX_ITEMS) {
            List<Update> updates =
                    firings.subList(from, Math.min(firings.size(), from + Transactions.MAX_ITEMS)).stream()
                            .map(firing -> Update.builder()
                                    .tableName(table)
                                    .key(firingKey(firing))
                                    .updateExpression("SET notified = :yes")
                                    .expressionAttributeValues(Map.of(":yes", AttributeValue.fromBool(true)))
                                    .build())
                            .toList();
            if (updates.size() == 1) {
                Update update = updates.get(0);
                dynamo.updateItem(request -> request.tableName(table)
                        .key(update.key())
                        .updateExpression(update.updateExpression())
                        .expressionAttributeValues(update.expressionAttributeValues()));
            } else {
                dynamo.transactWriteItems(request -> request.transactItems(updates.stream()
                        .map(update ->
                                TransactWriteItem.builder().update(update).build())
                        .toList()));
            }
        }
    }

    @Override
    public List<Firing> awaitingResolution(TimeWindow window, Instant startedBefore) {
        // Window starts are whole minutes, and Instant's text sorts as it orders when it has no fraction.
        String before = FIRED_PREFIX + startedBefore.truncatedTo(ChronoUnit.SECONDS);
        List<Firing> firings = new ArrayList<>();
        for (int slice = 0; slice < RESOLUTION_SLICES; slice++) {
            String partition = resolutionPartition(window.name(), slice);
            dynamo.queryPaginator(request -> request.tableName(table)
                            .indexName("gsi1")
                            .keyConditionExpression("g1pk = :due AND sk < :before")
                            .expressionAttributeValues(Map.of(":due", s(partition), ":before", s(before))))
                    .items()
                    .forEach(item -> firings.add(fromFiringItem(item)));
        }
        return firings;
    }

    @Override
    public Firing claimResolution(Firing firing, Firing.Resolution resolution) {
        try {
            Map<String, AttributeValue> item = dynamo.updateItem(request -> request.tableName(table)
                            .key(firingKey(firing))
                            .updateExpression(
                                    "SET resolution_window = :window, resolution_window_start = :start, resolution_window_end = :end, "
                                            + "resolution_count = :count, date_resolved = :date, resolution_notifications = :notifications, "
                                            + "resolution_notified = :notified")
                            .conditionExpression("attribute_exists(pk) AND attribute_not_exists(date_resolved)")
                            .expressionAttributeValues(Map.of(
                                    ":window", s(resolution.window().name()),
                                    ":start", s(resolution.window().start().toString()),
                                    ":end", s(resolution.window().end().toString()),
                                    ":count", n(resolution.count()),
                                    ":date", s(resolution.dateResolved().toString()),
                                    ":notifications", notificationsAttribute(resolution.notifications()),
                                    ":notified", AttributeValue.fromBool(resolution.notified())))
                            .returnValues(ReturnValue.ALL_NEW))
                    .attributes();
            return fromFiringItem(item);
        } catch (ConditionalCheckFailedException alreadyResolved) {
            return fromFiringItem(dynamo.getItem(request ->
                            request.tableName(table).consistentRead(true).key(firingKey(firing)))
                    .item());
        }
    }

    @Override
    public void markResolutionNotified(Firing firing) {
        dynamo.updateItem(request -> request.tableName(table)
                .key(firingKey(firing))
                .updateExpression("SET resolution_notified = :yes REMOVE g1pk")
                .expressionAttributeValues(Map.of(":yes", AttributeValue.fromBool(true))));
    }

    @Override
    public void stopAwaitingResolution(Firing firing) {
        try {
            dynamo.updateItem(request -> request.tableName(table)
                    .key(firingKey(firing))
                    .updateExpression("REMOVE g1pk")
                    .conditionExpression("attribute_exists(pk)"));
        } catch (ConditionalCheckFailedException expired) {
            // The firing's time to live ran out meanwhile: nothing awaits any more.
        }
    }

    @Override
    public Page<Firing> firings(String alarmSid, int pageSize, Optional<String> cursor) {
        return query(
                firingPartition(alarmSid), FIRED_PREFIX, false, pageSize, cursor, DynamoAlarmStore::fromFiringItem);
    }

    private <T> Page<T> query(
            String partition,
            String prefix,
            boolean forward,
            int pageSize,
            Optional<String> cursor,
            Function<Map<String, AttributeValue>, T> decode) {
        QueryRequest request = QueryRequest.builder()
                .tableName(table)
                .keyConditionExpression("pk = :pk AND begins_with(sk, :prefix)")
                .expressionAttributeValues(Map.of(":pk", s(partition), ":prefix", s(prefix)))
                .build();
        return new QueryPages<>(
                        dynamo, item -> item.get("sk").s(), sk -> Map.of("pk", s(partition), "sk", s(sk)), decode)
                .read(request, forward, pageSize, cursor);
    }

    private static Map<String, AttributeValue> countKey(String accountSid) {
        return Map.of("pk", s(AccountPartition.of(accountSid)), "sk", s(COUNT_SORT_KEY));
    }

    private static Map<String, AttributeValue> key(String accountSid, String sid) {
        return Map.of("pk", s(AccountPartition.of(accountSid)), "sk", s(ALARM_PREFIX + sid));
    }

    private static Map<String, AttributeValue> toItem(Alarm alarm) {
        Map<String, AttributeValue> item = new HashMap<>(key(alarm.accountSid(), alarm.sid()));
        item.put("sid", s(alarm.sid()));
        item.put("account_sid", s(alarm.accountSid()));
        item.put("friendly_name", s(alarm.friendlyName()));
        item.put("description", s(alarm.description()));
        item.put("query_type", s(alarm.queryType().name()));
        alarm.query().ifPresent(query -> item.put("query", s(query)));
        item.put("trigger_value", n(alarm.triggerValue()));
        alarm.timeWindow().ifPresent(window -> item.put("time_window", s(window.name())));
        alarm.timePeriod().ifPresent(period -> item.put("time_period", s(period.wire())));
        item.put(
                "email",
                AttributeValue.fromL(
                        alarm.email().stream().map(AttributeValue::fromS).toList()));
        alarm.webhook().ifPresent(webhook -> item.put("webhook", s(webhook)));
        item.put("send_resolved", AttributeValue.fromBool(alarm.sendResolved()));
        item.put("console_indicator", AttributeValue.fromBool(alarm.consoleIndicator()));
        item.put("enabled", AttributeValue.fromBool(alarm.enabled()));
        alarm.mutedUntil().ifPresent(until -> item.put("muted_until", s(until.toString())));
        item.put("date_created", s(alarm.dateCreated().toString()));
        item.put("date_updated", s(alarm.dateUpdated().toString()));
        return item;
    }

    private static Alarm fromItem(Map<String, AttributeValue> item) {
        return new Alarm(
                Attributes.string(item, "sid"),
                Attributes.string(item, "account_sid"),
                Attributes.string(item, "friendly_name"),
                Attributes.string(item, "description"),
                QueryType.valueOf(Attributes.string(item, "query_type")),
                Attributes.optionalString(item, "query"),
                Attributes.number(item, "trigger_value"),
                Attributes.optionalString(item, "time_window").flatMap(TimeWindow::fromWire),
                Attributes.optionalString(item, "time_period").flatMap(TimePeriod::fromWire),
                item.get("email").l().stream().map(AttributeValue::s).toList(),
                Attributes.optionalString(item, "webhook"),
                item.containsKey("send_resolved") && item.get("send_resolved").bool(),
                item.get("console_indicator").bool(),
                item.get("enabled").bool(),
                Attributes.optionalString(item, "muted_until").map(Instant::parse),
                Attributes.instant(item, "date_created"),
                Attributes.instant(item, "date_updated"));
    }

    private static String firingPartition(String alarmSid) {
        return ALARM_PREFIX + alarmSid;
    }

    private static String firingSortKey(Window window) {
        return FIRED_PREFIX + window.start() + "#" + window.name();
    }

    private static Map<String, AttributeValue> firingKey(Firing firing) {
        return Map.of("pk", s(firingPartition(firing.alarmSid())), "sk", s(firingSortKey(firing.window())));
    }

    private static String resolutionPartition(String window, int slice) {
        return "ALARM_RESOLUTION#" + window + "#" + slice;
    }

    private static AttributeValue notificationsAttribute(List<Firing.Notification> notifications) {
        return AttributeValue.fromL(notifications.stream()
                .map(notification -> AttributeValue.fromM(Map.of(
                        "channel", s(notification.channel().name()),
                        "destination", s(notification.destination()),
                        "job_id", s(notification.jobId()))))
                .toList());
    }

    private static List<Firing.Notification> notifications(AttributeValue list) {
        return list.l().stream()
                .map(AttributeValue::m)
                .map(notification -> new Firing.Notification(
                        NotificationJob.Channel.valueOf(
                                notification.get("channel").s()),
                        notification.get("destination").s(),
                        notification.get("job_id").s()))
                .toList();
    }

    private static Map<String, AttributeValue> firingItem(Firing firing) {
        Map<String, AttributeValue> item = new HashMap<>();
        item.put("pk", s(firingPartition(firing.alarmSid())));
        item.put("sk", s(firingSortKey(firing.window())));
        item.put("alarm_sid", s(firing.alarmSid()));
        item.put("account_sid", s(firing.accountSid()));
        item.put("window", s(firing.window().name()));
        item.put("window_start", s(firing.window().start().toString()));
        item.put("window_end", s(firing.window().end().toString()));
        item.put("count", n(firing.count()));
        item.put("trigger_value", n(firing.triggerValue()));
        item.put("date_fired", s(firing.dateFired().toString()));
        item.put("notifications", notificationsAttribute(firing.notifications()));
        item.put("notified", AttributeValue.fromBool(firing.notified()));
        item.put("expires_at", n(firing.window().end().plus(FIRINGS_KEPT).getEpochSecond()));
        return item;
    }

    private static Firing fromFiringItem(Map<String, AttributeValue> item) {
        return new Firing(
                Attributes.string(item, "alarm_sid"),
                Attributes.string(item, "account_sid"),
                new Window(
                        Attributes.string(item, "window"),
                        Attributes.instant(item, "window_start"),
                        Attributes.instant(item, "window_end")),
                Attributes.number(item, "count"),
                Attributes.number(item, "trigger_value"),
                Attributes.instant(item, "date_fired"),
                notifications(item.get("notifications")),
                item.get("notified").bool(),
                Attributes.optionalString(item, "date_resolved")
                        .map(dateResolved -> new Firing.Resolution(
                                new Window(
                                        Attributes.string(item, "resolution_window"),
                                        Attributes.instant(item, "resolution_window_start"),
                                        Attributes.instant(item, "resolution_window_end")),
                                Attributes.number(item, "resolution_count"),
                                Instant.parse(dateResolved),
                                notifications(item.get("resolution_notifications")),
                                item.get("resolution_notified").bool())));
    }
}
