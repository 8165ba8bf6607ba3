package dev.monitor.dynamo.accounts;

import static dev.monitor.dynamo.Attributes.s;

import dev.monitor.accounts.ApiKey;
import dev.monitor.accounts.ApiKeyStore;
import dev.monitor.audit.AuditEvent;
import dev.monitor.audit.ChangedMeanwhile;
import dev.monitor.dynamo.Attributes;
import dev.monitor.dynamo.QueryPages;
import dev.monitor.dynamo.events.AuditedWrites;
import dev.monitor.paging.Page;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.Delete;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.Update;

/**
 * An API key is the item {@code pk = SK#<sid>, sk = KEY}, found by its Sid alone when a request
 * authenticates with it; {@code g1pk = KEYS#<account>} lists an account's keys in one Query of gsi1.
 */
public final class DynamoApiKeyStore implements ApiKeyStore {
    private static final String SORT_KEY = "KEY";

    private final DynamoDbClient dynamo;
    private final String table;
    private final AuditedWrites audited;

    public DynamoApiKeyStore(DynamoDbClient dynamo, String table) {
        this.dynamo = dynamo;
        this.table = table;
        this.audited = new AuditedWrites(dynamo, table);
    }

    @Override
    public void create(ApiKey key, List<AuditEvent> audit) {
        audited.create(toItem(key), audit);
    }

    @Override
    public Optional<ApiKey> find(String keySid) {
        return read(keySid, false);
    }

    @Override
    public Optional<ApiKey> findLatest(String keySid) {
        return read(keySid, true);
    }

    private Optional<ApiKey> read(String keySid, boolean consistent) {
        Map<String, AttributeValue> item = dynamo.getItem(
                        request -> request.tableName(table).key(key(keySid)).consistentRead(consistent))
                .item();
        return item == null || item.isEmpty() ? Optional.empty() : Optional.of(fromItem(item));
    }

    @Override
    public Page<ApiKey> list(String accountSid, int pageSize, Optional<String> cursor) {
        QueryRequest query = QueryRequest.builder()
                .tableName(table)
                .indexName("gsi1")
                .keyConditionExpression("g1pk = :keys")
                .expressionAttributeValues(Map.of(":keys", s(listKey(accountSid))))
                .build();
        return new QueryPages<>(
                        dynamo,
                        item -> Attributes.string(item, "pk").substring("SK#".length()),
                        sid -> {
                            Map<String, AttributeValue> start = new HashMap<>(key(sid));
                            start.put("g1pk", s(listKey(accountSid)));
                            return start;
                        },
                        DynamoApiKeyStore::fromItem)
                .read(query, true, pageSize, cursor);
    }

    @Override
    public void rename(ApiKey renamed, Instant replacing, List<AuditEvent> audit) {
        Update update = Update.builder()
                .tableName(table)
                .key(key(renamed.sid()))
                .updateExpression("SET friendly_name = :name, date_updated = :updated")
                .conditionExpression("date_updated = :replacing")
                .expressionAttributeValues(Map.of(
                        ":name", s(renamed.friendlyName()),
                        ":updated", s(renamed.dateUpdated().toString()),
                        ":replacing", s(replacing.toString())))
                .build();
        if (!audited.write(TransactWriteItem.builder().update(update).build(), audit)) {
            throw new ChangedMeanwhile();
        }
    }

    @Override
    public boolean delete(ApiKey key, List<AuditEvent> audit) {
        Delete delete = Delete.builder()
                .tableName(table)
                .key(key(key.sid()))
                .conditionExpression("attribute_exists(pk)")
                .build();
        return audited.write(TransactWriteItem.builder().delete(delete).build(), audit);
    }

    private static Map<String, AttributeValue> key(String keySid) {
        return Map.of("pk", s("SK#" + keySid), "sk", s(SORT_KEY));
    }

    private static String listKey(String accountSid) {
        return "KEYS#" + accountSid;
    }

    private static Map<String, AttributeValue> toItem(ApiKey key) {
        Map<String, AttributeValue> item = new HashMap<>(key(key.sid()));
        item.put("g1pk", s(listKey(key.accountSid())));
        item.put("sid", s(key.sid()));
        item.put("account_sid", s(key.accountSid()));
        item.put("friendly_name", s(key.friendlyName()));
        item.put("secret_sha256", s(key.secretSha256()));
        item.put("date_created", s(key.dateCreated().toString()));
        item.put("date_updated", s(key.dateUpdated().toString()));
        return item;
    }

    private static ApiKey fromItem(Map<String, AttributeValue> item) {
        return new ApiKey(
                Attributes.string(item, "sid"),
                Attributes.string(item, "account_sid"),
                Attributes.string(item, "friendly_name"),
                Attributes.string(item, "secret_sha256"),
                Attributes.instant(item, "date_created"),
                Attributes.instant(item, "date_updated"));
    }
}
