package dev.monitor.accounts;

import static dev.monitor.storage.Attributes.b;
import static dev.monitor.storage.Attributes.s;

import dev.monitor.paging.Page;
import dev.monitor.storage.AccountPartition;
import dev.monitor.storage.Attributes;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;

/**
 * An account is the item {@code pk = AC#<sid>, sk = ACCOUNT}. Its {@code g1pk = FAMILY#<main sid>}
 * puts a main account and its subaccounts under one key of index gsi1, so listing a family is one Query.
 */
public final class DynamoAccountStore implements AccountStore {
    private static final String FAMILY_INDEX = "gsi1";
    private static final String SORT_KEY = "ACCOUNT";

    private final DynamoDbClient dynamo;
    private final String table;

    public DynamoAccountStore(DynamoDbClient dynamo, String table) {
        this.dynamo = dynamo;
        this.table = table;
    }

    @Override
    public void create(Account account) {
        dynamo.putItem(request ->
                request.tableName(table).item(toItem(account)).conditionExpression("attribute_not_exists(pk)"));
    }

    @Override
    public void update(Account account) {
        dynamo.updateItem(request -> request.tableName(table)
                .key(Map.of("pk", s(partitionKey(account.sid())), "sk", s(SORT_KEY)))
                .updateExpression("SET friendly_name = :name, #status = :status, date_updated = :updated")
                .conditionExpression("attribute_exists(pk)")
                .expressionAttributeNames(Map.of("#status", "status"))
                .expressionAttributeValues(Map.of(
                        ":name", s(account.friendlyName()),
                        ":status", s(account.status().wireName()),
                        ":updated", s(account.dateUpdated().toString()))));
    }

    @Override
    public Optional<Account> find(String accountSid) {
        Map<String, AttributeValue> item = dynamo.getItem(request ->
                        request.tableName(table).key(Map.of("pk", s(partitionKey(accountSid)), "sk", s(SORT_KEY))))
                .item();
        return item == null || item.isEmpty() ? Optional.empty() : Optional.of(fromItem(item));
    }

    @Override
    public Page<Account> listFamily(
            String mainAccountSid, AccountFilter filter, int pageSize, Optional<String> cursor) {
        QueryRequest.Builder query = QueryRequest.builder()
                .tableName(table)
                .indexName(FAMILY_INDEX)
                .keyConditionExpression("g1pk = :family")
                .limit(pageSize);
        Map<String, AttributeValue> values = new HashMap<>(Map.of(":family", s(familyKey(mainAccountSid))));
        Map<String, String> names = new HashMap<>();
        StringBuilder filterExpression = new StringBuilder();
        filter.friendlyName().ifPresent(name -> {
            filterExpression.append("friendly_name = :name");
            values.put(":name", s(name));
        });
        filter.status().ifPresent(status -> {
            filterExpression
                    .append(filterExpression.length() > 0 ? " AND " : "")
                    .append("#status = :status");
            names.put("#status", "status");
            values.put(":status", s(status.wireName()));
        });
        if (filterExpression.length() > 0) {
            query.filterExpression(filterExpression.toString());
        }
        if (!names.isEmpty()) {
            query.expressionAttributeNames(names);
        }
        cursor.ifPresent(sid -> query.exclusiveStartKey(
                Map.of("g1pk", s(familyKey(mainAccountSid)), "pk", s(partitionKey(sid)), "sk", s(SORT_KEY))));
        QueryResponse response =
                dynamo.query(query.expressionAttributeValues(values).build());
        List<Account> accounts =
                response.items().stream().map(DynamoAccountStore::fromItem).toList();
        Optional<String> next =
                response.hasLastEvaluatedKey() && !response.lastEvaluatedKey().isEmpty()
                        ? Optional.of(AccountPartition.accountOf(
                                response.lastEvaluatedKey().get("pk").s()))
                        : Optional.empty();
        return new Page<>(accounts, next);
    }

    private static String partitionKey(String accountSid) {
        return AccountPartition.of(accountSid);
    }

    private static String familyKey(String mainAccountSid) {
        return "FAMILY#" + mainAccountSid;
    }

    private static Map<String, AttributeValue> toItem(Account account) {
        Map<String, AttributeValue> item = new HashMap<>();
        item.put("pk", s(partitionKey(account.sid())));
        item.put("sk", s(SORT_KEY));
        item.put("g1pk", s(familyKey(account.mainAccountSid())));
        item.put("sid", s(account.sid()));
        item.put("friendly_name", s(account.friendlyName()));
        item.put("status", s(account.status().wireName()));
        account.ownerAccountSid().ifPresent(owner -> item.put("owner_account_sid", s(owner)));
        item.put("auth_token_sha256", s(account.authTokenSha256()));
        item.put("auth_token_sealed", b(account.sealedAuthToken()));
        item.put("date_created", s(account.dateCreated().toString()));
        item.put("date_updated", s(account.dateUpdated().toString()));
        return item;
    }

    private static Account fromItem(Map<String, AttributeValue> item) {
        return new Account(
                Attributes.string(item, "sid"),
                Attributes.string(item, "friendly_name"),
                AccountStatus.fromWire(Attributes.string(item, "status")).orElseThrow(),
                Attributes.optionalString(item, "owner_account_sid"),
                Attributes.string(item, "auth_token_sha256"),
                Attributes.bytes(item, "auth_token_sealed"),
                Attributes.instant(item, "date_created"),
                Attributes.instant(item, "date_updated"));
    }
}
