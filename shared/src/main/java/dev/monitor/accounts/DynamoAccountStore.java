package dev.monitor.accounts;

import static dev.monitor.storage.Attributes.s;

import dev.monitor.errors.DomainException;
import dev.monitor.paging.Page;
import dev.monitor.storage.QueryPages;
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

/**
 * Accounts in the item {@link AccountCodec} spells; a subaccount's {@code owner_status} is its main account's status,
 * written to every subaccount when that changes. The family index key puts a main account and its subaccounts under
 * one key of index gsi1, so listing a family is one Query.
 */
public final class DynamoAccountStore implements AccountStore {

    private final DynamoDbClient dynamo;
    private final String table;

    public DynamoAccountStore(DynamoDbClient dynamo, String table) {
        this.dynamo = dynamo;
        this.table = table;
    }

    @Override
    public void create(Account account) {
        dynamo.putItem(request -> request.tableName(table)
                .item(AccountCodec.item(account))
                .conditionExpression("attribute_not_exists(pk)"));
    }

    @Override
    public Account update(
            String accountSid, Optional<String> friendlyName, Optional<AccountStatus> status, Instant now) {
        List<String> sets = new ArrayList<>(List.of("date_updated = :updated"));
        Map<String, AttributeValue> values = new HashMap<>();
        values.put(":updated", s(now.toString()));
        values.put(":closed", s(AccountStatus.CLOSED.wireName()));
        friendlyName.ifPresent(name -> {
            sets.add("friendly_name = :name");
            values.put(":name", s(name));
        });
        status.ifPresent(wanted -> {
            sets.add("#status = :status");
            values.put(":status", s(wanted.wireName()));
        });
        try {
            return AccountCodec.account(dynamo.updateItem(request -> request.tableName(table)
                            .key(AccountCodec.key(accountSid))
                            .updateExpression("SET " + String.join(", ", sets))
                            .conditionExpression("attribute_exists(pk) AND #status <> :closed")
                            .expressionAttributeNames(Map.of("#status", "status"))
                            .expressionAttributeValues(values)
                            .returnValues(ReturnValue.ALL_NEW))
                    .attributes());
        } catch (ConditionalCheckFailedException closedMeanwhile) {
            throw new DomainException.AccountInactive(accountSid);
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
        Map<String, AttributeValue> item = dynamo.getItem(
                        request -> request.tableName(table).key(AccountCodec.key(accountSid)))
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
