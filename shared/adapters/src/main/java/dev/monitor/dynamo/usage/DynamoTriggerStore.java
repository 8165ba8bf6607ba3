package dev.monitor.dynamo.usage;

import static dev.monitor.dynamo.Attributes.s;

import dev.monitor.audit.AuditEvent;
import dev.monitor.audit.ChangedMeanwhile;
import dev.monitor.dynamo.AccountPartition;
import dev.monitor.dynamo.Attributes;
import dev.monitor.dynamo.CountedItems;
import dev.monitor.dynamo.QueryPages;
import dev.monitor.dynamo.events.AuditedWrites;
import dev.monitor.paging.Page;
import dev.monitor.usage.Recurring;
import dev.monitor.usage.TriggerBy;
import dev.monitor.usage.TriggerFilter;
import dev.monitor.usage.TriggerStore;
import dev.monitor.usage.UsageCategory;
import dev.monitor.usage.UsageTrigger;
import java.math.BigDecimal;
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
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.Update;

/**
 * A trigger is {@code pk = AC#<account>, sk = UT#<sid>}, beside its account, so an account's
 * triggers are one Query. The item {@code AC#<account>, USAGE_TRIGGER_COUNT} counts them, and is
 * changed in the same transaction as each trigger created or deleted, which enforces the limit.
 */
public final class DynamoTriggerStore implements TriggerStore {
    private static final String PREFIX = "UT#";
    private static final String COUNT_SORT_KEY = "USAGE_TRIGGER_COUNT";

    private final DynamoDbClient dynamo;
    private final String table;
    private final CountedItems counted;
    private final AuditedWrites audited;

    public DynamoTriggerStore(DynamoDbClient dynamo, String table) {
        this.dynamo = dynamo;
        this.table = table;
        this.counted = new CountedItems(dynamo, table, "triggers");
        this.audited = new AuditedWrites(dynamo, table);
    }

    @Override
    public void create(UsageTrigger trigger, int limit, List<AuditEvent> audit) {
        if (!counted.put(toItem(trigger), countKey(trigger.accountSid()), limit, audited.puts(audit))) {
            throw new LimitReached();
        }
    }

    @Override
    public Optional<UsageTrigger> find(String accountSid, String sid) {
        Map<String, AttributeValue> item = dynamo.getItem(request ->
                        request.tableName(table).key(key(accountSid, sid)).consistentRead(true))
                .item();
        return item == null || item.isEmpty() ? Optional.empty() : Optional.of(fromItem(item));
    }

    @Override
    public void update(UsageTrigger changed, Instant replacing, List<AuditEvent> audit) {
        Update update = Update.builder()
                .tableName(table)
                .key(key(changed.accountSid(), changed.sid()))
                .updateExpression("SET friendly_name = :name, callback_url = :url, callback_method = :method,"
                        + " date_updated = :updated")
                .conditionExpression("date_updated = :replacing")
                .expressionAttributeValues(Map.of(
                        ":name", s(changed.friendlyName()),
                        ":url", s(changed.callbackUrl()),
                        ":method", s(changed.callbackMethod()),
                        ":updated", s(changed.dateUpdated().toString()),
                        ":replacing", s(replacing.toString())))
                .build();
        if (!audited.write(TransactWriteItem.builder().update(update).build(), audit)) {
            throw new ChangedMeanwhile();
        }
    }

    @Override
    public boolean delete(String accountSid, String sid, List<AuditEvent> audit) {
        return counted.delete(key(accountSid, sid), countKey(accountSid), audited.puts(audit));
    }

    @Override
    public Page<UsageTrigger> list(String accountSid, TriggerFilter filter, int pageSize, Optional<String> cursor) {
        Map<String, AttributeValue> values =
                new HashMap<>(Map.of(":pk", s(AccountPartition.of(accountSid)), ":prefix", s(PREFIX)));
        List<String> conditions = new ArrayList<>();
        filter.recurring().ifPresent(recurring -> {
            conditions.add("recurring = :recurring");
            values.put(":recurring", s(recurring.wireName()));
        });
        filter.triggerBy().ifPresent(by -> {
            conditions.add("trigger_by = :by");
            values.put(":by", s(by.wireName()));
        });
        filter.category().ifPresent(category -> {
            conditions.add("usage_category = :category");
            values.put(":category", s(category.wireName()));
        });
        QueryRequest.Builder request = QueryRequest.builder()
                .tableName(table)
                .keyConditionExpression("pk = :pk AND begins_with(sk, :prefix)")
                .expressionAttributeValues(values);
        if (!conditions.isEmpty()) {
            request.filterExpression(String.join(" AND ", conditions));
        }
        return new QueryPages<>(
                        dynamo,
                        item -> Attributes.string(item, "sk").substring(PREFIX.length()),
                        sid -> key(accountSid, sid),
                        DynamoTriggerStore::fromItem)
                .read(request.build(), true, pageSize, cursor);
    }

    @Override
    public List<UsageTrigger> all(String accountSid) {
        List<UsageTrigger> triggers = new ArrayList<>();
        Optional<String> cursor = Optional.empty();
        do {
            Page<UsageTrigger> page = list(
                    accountSid, new TriggerFilter(Optional.empty(), Optional.empty(), Optional.empty()), 1000, cursor);
            triggers.addAll(page.items());
            cursor = page.nextCursor();
        } while (cursor.isPresent());
        return triggers;
    }

    @Override
    public boolean markFired(UsageTrigger trigger, String period, Instant firedAt, BigDecimal currentValue) {
        try {
            dynamo.updateItem(request -> request.tableName(table)
                    .key(key(trigger.accountSid(), trigger.sid()))
                    .updateExpression("SET fired_period = :period, date_fired = :fired, current_value = :value")
                    .conditionExpression(
                            "attribute_exists(pk) AND (attribute_not_exists(fired_period) OR fired_period <> :period)")
                    .expressionAttributeValues(Map.of(
                            ":period",
                            s(period),
                            ":fired",
                            s(firedAt.toString()),
                            ":value",
                            s(currentValue.toPlainString())))
                    .returnValues(ReturnValue.NONE));
            return true;
        } catch (ConditionalCheckFailedException alreadyFired) {
            return false;
        }
    }

    private static Map<String, AttributeValue> key(String accountSid, String sid) {
        return Map.of("pk", s(AccountPartition.of(accountSid)), "sk", s(PREFIX + sid));
    }

    private static Map<String, AttributeValue> countKey(String accountSid) {
        return Map.of("pk", s(AccountPartition.of(accountSid)), "sk", s(COUNT_SORT_KEY));
    }

    private static Map<String, AttributeValue> toItem(UsageTrigger trigger) {
        Map<String, AttributeValue> item = new HashMap<>(key(trigger.accountSid(), trigger.sid()));
        item.put("sid", s(trigger.sid()));
        item.put("account_sid", s(trigger.accountSid()));
        item.put("friendly_name", s(trigger.friendlyName()));
        item.put("callback_url", s(trigger.callbackUrl()));
        item.put("callback_method", s(trigger.callbackMethod()));
        item.put("usage_category", s(trigger.category().wireName()));
        item.put("trigger_by", s(trigger.triggerBy().wireName()));
        item.put("recurring", s(trigger.recurring().wireName()));
        item.put("trigger_value", s(trigger.triggerValue().toPlainString()));
        item.put("current_value", s(trigger.currentValue().toPlainString()));
        item.put("date_created", s(trigger.dateCreated().toString()));
        item.put("date_updated", s(trigger.dateUpdated().toString()));
        trigger.dateFired().ifPresent(fired -> item.put("date_fired", s(fired.toString())));
        trigger.firedPeriod().ifPresent(period -> item.put("fired_period", s(period)));
        return item;
    }

    private static UsageTrigger fromItem(Map<String, AttributeValue> item) {
        return new UsageTrigger(
                Attributes.string(item, "sid"),
                Attributes.string(item, "account_sid"),
                Attributes.string(item, "friendly_name"),
                Attributes.string(item, "callback_url"),
                Attributes.string(item, "callback_method"),
                UsageCategory.fromWire(Attributes.string(item, "usage_category"))
                        .orElseThrow(),
                TriggerBy.fromWire(Attributes.string(item, "trigger_by")).orElseThrow(),
                Recurring.fromWire(Attributes.string(item, "recurring")).orElseThrow(),
                new BigDecimal(Attributes.string(item, "trigger_value")),
                new BigDecimal(Attributes.string(item, "current_value")),
                Attributes.instant(item, "date_created"),
                Attributes.instant(item, "date_updated"),
                Attributes.optionalString(item, "date_fired").map(Instant::parse),
                Attributes.optionalString(item, "fired_period"));
    }
}
