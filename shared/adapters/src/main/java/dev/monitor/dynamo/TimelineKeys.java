package dev.monitor.dynamo;

import static dev.monitor.dynamo.Attributes.s;

import dev.monitor.ids.Sids;
import dev.monitor.ids.TimeOrderedSids;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The keys of one item type on a sharded timeline. An account's items lie in the table under
 * {@code <prefix><account>#<shard>}, sorted by their time-ordered Sid, whose last digit names the
 * shard; and again, in the index of each filter they have a value for, under
 * {@code <prefix><account>#<tag>#<value>#<shard>}. The prefix is the item type's alone: the stream's
 * filters in template.yaml pick the type's items out by it.
 */
public final class TimelineKeys {
    /**
     * The attribute every timeline item names its account in; the key names it too, but a stream filter reads only the
     * key.
     */
    public static final String ACCOUNT_SID = "account_sid";

    private final String prefix;
    private final TimeOrderedSids sids;

    public TimelineKeys(String prefix, TimeOrderedSids sids) {
        this.prefix = prefix;
        this.sids = sids;
    }

    /** What every key of these items starts with; nothing else in the table starts so. */
    public String prefix() {
        return prefix;
    }

    public TimeOrderedSids sids() {
        return sids;
    }

    /** An account's timeline, which every partition key of its items extends: {@code <prefix><account>}. */
    public String log(String accountSid) {
        return prefix + accountSid;
    }

    /** The table partition of an account's items in one shard. */
    public String partitionKey(String accountSid, int shard) {
        return log(accountSid) + "#" + shard;
    }

    /** The table partition of the item with this Sid. */
    public String partitionKeyOf(String accountSid, String sid) {
        return partitionKey(accountSid, sids.shardOf(sid));
    }

    /** The item's table key, which its Sid and account alone make. */
    public Map<String, AttributeValue> key(String accountSid, String sid) {
        return Map.of("pk", s(partitionKeyOf(accountSid, sid)), "sk", s(sid));
    }

    /** An item's keys: the table's, and each index's for the values it has. */
    public Map<String, AttributeValue> itemKeys(String accountSid, String sid, List<IndexedValue> values) {
        int shard = sids.shardOf(sid);
        Map<String, AttributeValue> item = new HashMap<>();
        item.put("pk", s(partitionKey(accountSid, shard)));
        item.put("sk", s(sid));
        for (IndexedValue value : values) {
            item.put(value.index().keyAttribute(), s(value.partitionKey(log(accountSid), shard)));
        }
        return item;
    }

    /** The table partition key of an item or stream record's keys. */
    public static String partitionKeyIn(Map<String, AttributeValue> keys) {
        return Attributes.string(keys, "pk");
    }

    /** Whether an item or stream record with these keys is one of these items. */
    public boolean holds(Map<String, AttributeValue> keys) {
        return Attributes.optionalString(keys, "pk")
                .filter(partitionKey -> partitionKey.startsWith(prefix))
                .isPresent();
    }

    /** The account in a partition key of these items: a removal's stream record carries only the keys. */
    public Optional<String> accountOf(String partitionKey) {
        if (!partitionKey.startsWith(prefix)) {
            return Optional.empty();
        }
        String account = partitionKey.substring(prefix.length()).split("#")[0];
        return Sids.isSid("AC", account) ? Optional.of(account) : Optional.empty();
    }
}
