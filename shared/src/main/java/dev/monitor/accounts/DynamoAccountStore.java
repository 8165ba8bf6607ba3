package dev.monitor.accounts;

import static dev.monitor.storage.Attributes.b;
import static dev.monitor.storage.Attributes.s;

import dev.monitor.audit.AuditEvent;
import dev.monitor.audit.ChangedMeanwhile;
import dev.monitor.events.AuditedWrites;
import dev.monitor.paging.Page;
import dev.monitor.storage.AccountPartition;
import dev.monitor.storage.Attributes;
import dev.monitor.storage.QueryPages;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.Update;

/**
 * An account is the item {@code pk = AC#<sid>, sk = ACCOUNT}; a subaccount's {@code owner_status} is its
 * main account's status, written to every subaccount when that changes. Its {@code g1pk = FAMILY#<main sid>}
 * puts a main account and its subaccounts under one key of index gsi1, so listing a family is one Query.
 */
public final class DynamoAccountStore implements AccountStore {
    private static final String FAMILY_INDEX = "gsi1";
    private static final String SORT_KEY = "ACCOUNT";

    private final DynamoDbClient dynamo;
    private final String table;
    private final AuditedWrites audited;

    public DynamoAccountStore(DynamoDbClient dynamo, String table) {
        this.dynamo = dynamo;
        this.table = table;
        this.audited = new AuditedWrites(dynamo, table);
    }

    @Override
    public void create(Account account, List<AuditEvent> audit) {
        audited.create(toItem(account), audit);
    }

    @Override
    public void update(Account changed, Instant replacing, List<AuditEvent> audit) {
        Update update = Update.builder()
                .tableName(table)
                .key(key(changed.sid()))
                .updateExpression("SET friendly_name = :name, #status = :status, date_updated = :updated")
                .conditionExpression("date_updated = :replacing")
                .expressionAttributeNames(Map.of("#status", "status"))
                .expressionAttributeValues(Map.of(
                        ":name", s(changed.friendlyName()),
                        ":status", s(changed.status().wireName()),
                        ":updated", s(changed.dateUpdated().toString()),
                        ":replacing", s(replacing.toString())))
                .build();
        if (!audited.write(TransactWriteItem.builder().update(update).build(), audit)) {
            throw new ChangedMeanwhile();
        }
    }

    @Override
    public void updateOwnerStatus(String subaccountSid, AccountStatus ownerStatus) {
        dynamo.updateItem(request -> request.tableName(table)
                .key(key(subaccountSid))
                .updateExpression("SET owner_status = :status")
                .conditionExpression("attribute_exists(pk)")
                .expressionAttributeValues(Map.of(":status", s(ownerStatus.wireName()))));
    }

    @Override
    public Optional<Account> find(String accountSid) {
        return read(accountSid, false);
    }

    @Override
    public Optional<Account> findLatest(String accountSid) {
        return read(accountSid, true);
    }

    private Optional<Account> read(String accountSid, boolean consistent) {
        Map<String, AttributeValue> item = dynamo.getItem(
                        request -> request.tableName(table).key(key(accountSid)).consistentRead(consistent))
                .item();
        return item == null || item.isEmpty() ? Optional.empty() : Optional.of(fromItem(item));
    }

    @Override
    public Page<Account> listFamily(
            String mainAccountSid, AccountFilter filter, int pageSize, Optional<String> cursor) {
        QueryRequest.Builder query = QueryRequest.builder()
                .tableName(table)
                .indexName(FAMILY_INDEX)
                .keyConditionExpression("g1pk = :family");
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
        return new QueryPages<>(
                        dynamo,
                        item -> AccountPartition.accountOf(Attributes.string(item, "pk")),
                        sid -> Map.of(
                                "g1pk", s(familyKey(mainAccountSid)), "pk", s(partitionKey(sid)), "sk", s(SORT_KEY)),
                        DynamoAccountStore::fromItem)
                .read(query.expressionAttributeValues(values).build(), true, pageSize, cursor);
    }

    private static Map<String, AttributeValue> key(String accountSid) {
        return Map.of("pk", s(partitionKey(accountSid)), "sk", s(SORT_KEY));
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
                Attributes.instant(item, "date_updated"),
                // Absent until the main account's status first changes.
                Attributes.optionalString(item, "owner_status")
                        .flatMap(AccountStatus::fromWire)
                        .orElse(AccountStatus.ACTIVE));
    }
}
