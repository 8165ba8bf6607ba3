package dev.monitor.dynamo.accounts;

import static dev.monitor.dynamo.Attributes.b;
import static dev.monitor.dynamo.Attributes.s;

import dev.monitor.accounts.Account;
import dev.monitor.accounts.AccountStatus;
import dev.monitor.dynamo.AccountPartition;
import dev.monitor.dynamo.Attributes;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.Update;

/**
 * The account item: {@code pk = AC#<sid>, sk = ACCOUNT}, with {@code g1pk = FAMILY#<main sid>} to list a family in one
 * Query. Its keys and attributes are spelled here only, for the account store and for the stores whose transactions
 * create an account beside their own items (a Connect app's authorization).
 */
public final class AccountCodec {
    static final String FAMILY_INDEX = "gsi1";
    private static final String SORT_KEY = "ACCOUNT";

    private AccountCodec() {}

    public static Map<String, AttributeValue> key(String accountSid) {
        return Map.of("pk", s(AccountPartition.of(accountSid)), "sk", s(SORT_KEY));
    }

    static String familyKey(String mainAccountSid) {
        return "FAMILY#" + mainAccountSid;
    }

    /** The exclusive start key, in the family index, of the account a cursor names. */
    static Map<String, AttributeValue> familyStartKey(String mainAccountSid, String accountSid) {
        Map<String, AttributeValue> key = new HashMap<>(key(accountSid));
        key.put("g1pk", s(familyKey(mainAccountSid)));
        return key;
    }

    /** The account Sid of an item's (or a family index key's) partition key. */
    static String sidOf(Map<String, AttributeValue> item) {
        return AccountPartition.accountOf(Attributes.string(item, "pk"));
    }

    public static Map<String, AttributeValue> item(Account account) {
        Map<String, AttributeValue> item = new HashMap<>(key(account.sid()));
        item.put("g1pk", s(familyKey(account.mainAccountSid())));
        item.put("sid", s(account.sid()));
        item.put("friendly_name", s(account.friendlyName()));
        item.put("status", s(account.status().wireName()));
        account.ownerAccountSid().ifPresent(owner -> item.put("owner_account_sid", s(owner)));
        item.put("auth_token_sha256", s(account.authTokenSha256()));
        item.put("auth_token_sealed", b(account.sealedAuthToken()));
        item.put("date_created", s(account.dateCreated().toString()));
        item.put("date_updated", s(account.dateUpdated().toString()));
        account.connectAppSid().ifPresent(app -> item.put("connect_app_sid", s(app)));
        return item;
    }

    /** Closing the account, as an item of a transaction that writes it with other items: on condition it exists. */
    public static Update close(String table, String accountSid, Instant now) {
        return Update.builder()
                .tableName(table)
                .key(key(accountSid))
                .updateExpression("SET #status = :closed, date_updated = :updated")
                .conditionExpression("attribute_exists(pk)")
                .expressionAttributeNames(Map.of("#status", "status"))
                .expressionAttributeValues(
                        Map.of(":closed", s(AccountStatus.CLOSED.wireName()), ":updated", s(now.toString())))
                .build();
    }

    public static Account account(Map<String, AttributeValue> item) {
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
                        .orElse(AccountStatus.ACTIVE),
                Attributes.optionalString(item, "connect_app_sid"));
    }
}
