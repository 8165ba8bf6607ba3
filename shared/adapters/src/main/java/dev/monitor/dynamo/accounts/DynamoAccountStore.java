package dev.monitor.dynamo.accounts;

import static dev.monitor.dynamo.Attributes.s;

import dev.monitor.accounts.Account;
import dev.monitor.accounts.AccountFilter;
import dev.monitor.accounts.AccountStatus;
import dev.monitor.accounts.AccountStore;
import dev.monitor.audit.AuditEvent;
import dev.monitor.audit.ChangedMeanwhile;
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
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.Update;

/**
 * Accounts in the item {@link AccountCodec} spells; a subaccount's {@code owner_status} is its main account's status,
 * written to every subaccount when that changes. The family index key puts a main account and its subaccounts under
 * one key of index gsi1, so listing a family is one Query.
 */
public final class DynamoAccountStore implements AccountStore {

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
        audited.create(AccountCodec.item(account), audit);
    }

    @Override
    public void update(Account changed, Instant replacing, List<AuditEvent> audit) {
        Update update = Update.builder()
                .tableName(table)
                .key(AccountCodec.key(changed.sid()))
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
                .key(AccountCodec.key(subaccountSid))
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
        Map<String, AttributeValue> item = dynamo.getItem(request -> request.tableName(table)
                        .key(AccountCodec.key(accountSid))
                        .consistentRead(consistent))
                .item();
        return item == null || item.isEmpty() ? Optional.empty() : Optional.of(AccountCodec.account(item));
    }

    @Override
    public Page<Account> listFamily(
            String mainAccountSid, AccountFilter filter, int pageSize, Optional<String> cursor) {
        QueryRequest.Builder query = QueryRequest.builder()
                .tableName(table)
                .indexName(AccountCodec.FAMILY_INDEX)
                .keyConditionExpression("g1pk = :family");
        Map<String, AttributeValue> values =
                new HashMap<>(Map.of(":family", s(AccountCodec.familyKey(mainAccountSid))));
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
                        AccountCodec::sidOf,
                        sid -> AccountCodec.familyStartKey(mainAccountSid, sid),
                        AccountCodec::account)
                .read(query.expressionAttributeValues(values).build(), true, pageSize, cursor);
    }
}
