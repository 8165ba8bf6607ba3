package dev.monitor.alarms;

import static dev.monitor.storage.Attributes.n;
import static dev.monitor.storage.Attributes.s;

import dev.monitor.notify.NotificationJob;
import dev.monitor.paging.Page;
import dev.monitor.storage.Attributes;
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
 * Alarm items {@code pk = AC#<account>, sk = ALARM#<Sid>} beside the account; firing items
 * {@code pk = ALARM#<Sid>, sk = FIRED#<window start>#<window>}, kept 400 days. The firing's key is
 * the alarm and its window, and it is written on condition that it does not exist: that is what
 * makes an alarm fire once per window, whatever runs concurrently or again.
 */
public final class DynamoAlarmStore implements AlarmStore {
    private static final Duration FIRINGS_KEPT = Duration.ofDays(400);

    private final DynamoDbClient dynamo;
    private final String table;

    public DynamoAlarmStore(DynamoDbClient dynamo, String table) {
        this.dynamo = dynamo;
        this.table = table;
    }

    @Override
    public void create(Alarm alarm) {
        dynamo.putItem(request -> request.tableName(table).item(toItem(alarm)).conditionExpression("attribute_not_exists(pk)"));
    }

    @Override
    public boolean replace(Alarm alarm) {
        try {
            dynamo.putItem(request -> request.tableName(table).item(toItem(alarm)).conditionExpression("attribute_exists(pk)"));
            return true;
        } catch (ConditionalCheckFailedException e) {
            return false;
        }
    }

    @Override
    public Optional<Alarm> find(String accountSid, String sid) {
        Map<String, AttributeValue> item = dynamo.getItem(request -> request.tableName(table).key(key(accountSid, sid))).item();
        return item == null || item.isEmpty() ? Optional.empty() : Optional.of(fromItem(item));
    }

    @Override
    public boolean delete(String accountSid, String sid) {
        Map<String, AttributeValue> old = dynamo.deleteItem(request -> request.tableName(table).key(key(accountSid, sid))
                .returnValues(ReturnValue.ALL_OLD)).attributes();
        return old != null && !old.isEmpty();
    }

    @Override
    public Page<Alarm> list(String accountSid, int pageSize, Optional<String> cursor) {
        Page<Map<String, AttributeValue>> page = query("AC#" + accountSid, "ALARM#", true, pageSize, cursor);
        return new Page<>(page.items().stream().map(DynamoAlarmStore::fromItem).toList(), page.nextCursor());
    }

    @Override
    public List<Alarm> all(String accountSid) {
        List<Alarm> alarms = new ArrayList<>();
        Optional<String> cursor = Optional.empty();
        do {
            Page<Alarm> page = list(accountSid, 1000, cursor);
            alarms.addAll(page.items());
            cursor = page.nextCursor();
        } while (cursor.isPresent());
        return alarms;
    }

    @Override
    public Firing claimFiring(Firing firing) {
        Map<String, AttributeValue> item = firingItem(firing);
        try {
            dynamo.putItem(request -> request.tableName(table).item(item).conditionExpression("attribute_not_exists(pk)"));
            return firing;
        } catch (ConditionalCheckFailedException alreadyFired) {
            return fromFiringItem(dynamo.getItem(request -> request.tableName(table).consistentRead(true)
                    .key(Map.of("pk", item.get("pk"), "sk", item.get("sk")))).item());
        }
    }

    @Override
    public void markNotified(Firing firing) {
        dynamo.updateItem(request -> request.tableName(table)
                .key(Map.of("pk", s(firingPartition(firing.alarmSid())), "sk", s(firingSortKey(firing.window()))))
                .updateExpression("SET notified = :yes")
                .expressionAttributeValues(Map.of(":yes", AttributeValue.fromBool(true))));
    }

    @Override
    public Page<Firing> firings(String alarmSid, int pageSize, Optional<String> cursor) {
        Page<Map<String, AttributeValue>> page = query(firingPartition(alarmSid), "FIRED#", false, pageSize, cursor);
        return new Page<>(page.items().stream().map(DynamoAlarmStore::fromFiringItem).toList(), page.nextCursor());
    }

    private Page<Map<String, AttributeValue>> query(String partition, String prefix, boolean forward, int pageSize, Optional<String> cursor) {
        QueryRequest.Builder request = QueryRequest.builder().tableName(table)
                .keyConditionExpression("pk = :pk AND begins_with(sk, :prefix)")
                .expressionAttributeValues(Map.of(":pk", s(partition), ":prefix", s(prefix)))
                .scanIndexForward(forward)
                .limit(pageSize);
        cursor.ifPresent(after -> request.exclusiveStartKey(Map.of("pk", s(partition), "sk", s(after))));
        QueryResponse response = dynamo.query(request.build());
        Optional<String> next = response.hasLastEvaluatedKey() && !response.lastEvaluatedKey().isEmpty()
                ? Optional.of(response.lastEvaluatedKey().get("sk").s()) : Optional.empty();
        return new Page<>(response.items(), next);
    }

    private static Map<String, AttributeValue> key(String accountSid, String sid) {
        return Map.of("pk", s("AC#" + accountSid), "sk", s("ALARM#" + sid));
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
        item.put("email", AttributeValue.fromL(alarm.email().stream().map(AttributeValue::fromS).toList()));
        alarm.webhook().ifPresent(webhook -> item.put("webhook", s(webhook)));
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
                item.get("console_indicator").bool(),
                item.get("enabled").bool(),
                Attributes.optionalString(item, "muted_until").map(Instant::parse),
                Attributes.instant(item, "date_created"),
                Attributes.instant(item, "date_updated"));
    }

    private static String firingPartition(String alarmSid) {
        return "ALARM#" + alarmSid;
    }

    private static String firingSortKey(Window window) {
        return "FIRED#" + window.start() + "#" + window.name();
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
        item.put("notifications", AttributeValue.fromL(firing.notifications().stream()
                .map(notification -> AttributeValue.fromM(Map.of(
                        "channel", s(notification.channel().name()),
                        "destination", s(notification.destination()),
                        "job_id", s(notification.jobId()))))
                .toList()));
        item.put("notified", AttributeValue.fromBool(firing.notified()));
        item.put("expires_at", n(firing.window().end().plus(FIRINGS_KEPT).getEpochSecond()));
        return item;
    }

    private static Firing fromFiringItem(Map<String, AttributeValue> item) {
        return new Firing(
                Attributes.string(item, "alarm_sid"),
                Attributes.string(item, "account_sid"),
                new Window(Attributes.string(item, "window"), Attributes.instant(item, "window_start"), Attributes.instant(item, "window_end")),
                Attributes.number(item, "count"),
                Attributes.number(item, "trigger_value"),
                Attributes.instant(item, "date_fired"),
                item.get("notifications").l().stream()
                        .map(AttributeValue::m)
                        .map(notification -> new Firing.Notification(
                                NotificationJob.Channel.valueOf(notification.get("channel").s()),
                                notification.get("destination").s(),
                                notification.get("job_id").s()))
                        .toList(),
                item.get("notified").bool());
    }
}
