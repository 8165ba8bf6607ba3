package dev.monitor.notify;

import static dev.monitor.storage.Attributes.b;
import static dev.monitor.storage.Attributes.s;

import dev.monitor.storage.AccountPartition;
import dev.monitor.storage.Attributes;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

/** The item {@code pk = AC#<sid>, sk = WEBHOOK_SIGNING_SECRET}, beside the account. */
public final class DynamoSigningSecretStore implements SigningSecretStore {
    private static final String SORT_KEY = "WEBHOOK_SIGNING_SECRET";

    private final DynamoDbClient dynamo;
    private final String table;

    public DynamoSigningSecretStore(DynamoDbClient dynamo, String table) {
        this.dynamo = dynamo;
        this.table = table;
    }

    @Override
    public Optional<Sealed> find(String accountSid) {
        Map<String, AttributeValue> item = dynamo.getItem(
                        request -> request.tableName(table).key(key(accountSid)))
                .item();
        if (item == null || item.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new Sealed(
                Attributes.bytes(item, "secret_sealed"),
                Optional.ofNullable(item.get("previous_secret_sealed"))
                        .map(value -> value.b().asByteArray()),
                Attributes.instant(item, "date_created"),
                Attributes.optionalString(item, "date_rotated").map(Instant::parse)));
    }

    @Override
    public boolean create(String accountSid, Sealed secrets) {
        try {
            dynamo.putItem(request -> request.tableName(table)
                    .item(item(accountSid, secrets))
                    .conditionExpression("attribute_not_exists(pk)"));
            return true;
        } catch (ConditionalCheckFailedException e) {
            return false;
        }
    }

    @Override
    public void replace(String accountSid, Sealed secrets) {
        dynamo.putItem(request -> request.tableName(table).item(item(accountSid, secrets)));
    }

    private static Map<String, AttributeValue> key(String accountSid) {
        return Map.of("pk", s(AccountPartition.of(accountSid)), "sk", s(SORT_KEY));
    }

    private static Map<String, AttributeValue> item(String accountSid, Sealed secrets) {
        Map<String, AttributeValue> item = new HashMap<>(key(accountSid));
        item.put("secret_sealed", b(secrets.secret()));
        secrets.previousSecret().ifPresent(previous -> item.put("previous_secret_sealed", b(previous)));
        item.put("date_created", s(secrets.dateCreated().toString()));
        secrets.dateRotated().ifPresent(rotated -> item.put("date_rotated", s(rotated.toString())));
        return item;
    }
}
