package dev.monitor.accounts;

import static dev.monitor.storage.Attributes.s;

import dev.monitor.paging.Page;
import dev.monitor.storage.Attributes;
import dev.monitor.storage.QueryPages;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;

/**
 * An API key is the item {@code pk = SK#<sid>, sk = KEY}, found by its Sid alone when a request
 * authenticates with it; {@code g1pk = KEYS#<account>} lists an account's keys in one Query of gsi1.
 */
public final class DynamoApiKeyStore implements ApiKeyStore {
    private static final String SORT_KEY = "KEY";

    private final DynamoDbClient dynamo;
    private final String table;

    public DynamoApiKeyStore(DynamoDbClient dynamo, String table) {
        this.dynamo = dynamo;
        this.table = table;
    }

    @Override
    public void create(ApiKey key) {
        dynamo.putItem(
                request -> request.tableName(table).item(toItem(key)).conditionExpression("attribute_not_exists(pk)"));
    }

    @Override
    public Optional<ApiKey> find(String keySid) {
        Map<String, AttributeValue> item = dynamo.getItem(
                        request -> request.tableName(table).key(key(keySid)))
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
    public Optional<ApiKey> rename(String keySid, String friendlyName, Instant now) {
        try {
            return Optional.of(fromItem(dynamo.updateItem(request -> request.tableName(table)
                            .key(key(keySid))
                            .updateExpression("SET friendly_name = :name, date_updated = :updated")
                            .conditionExpression("attribute_exists(pk)")
                            .expressionAttributeValues(Map.of(":name", s(friendlyName), ":updated", s(now.toString())))
                            .returnValues(ReturnValue.ALL_NEW))
                    .attributes()));
        } catch (ConditionalCheckFailedException deleted) {
            return Optional.empty();
        }
    }

    @Override
    public void delete(ApiKey key) {
        dynamo.deleteItem(request -> request.tableName(table).key(key(key.sid())));
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
