package dev.monitor.dynamo.notify;

import static dev.monitor.dynamo.Attributes.b;
import static dev.monitor.dynamo.Attributes.n;
import static dev.monitor.dynamo.Attributes.s;

import dev.monitor.audit.AuditEvent;
import dev.monitor.dynamo.AccountPartition;
import dev.monitor.dynamo.Attributes;
import dev.monitor.dynamo.events.AuditedWrites;
import dev.monitor.notify.SigningSecretStore;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;

/**
 * The item {@code pk = AC#<sid>, sk = WEBHOOK_SIGNING_SECRET}, beside the account: the sealed secret, the sealed
 * secrets it replaced with when ({@code replaced}, a list of maps), and a {@code version} each rotation writes on
 * condition that it still holds the one it read. An item from before versions holds one
 * {@code previous_secret_sealed}, replaced at {@code date_rotated}, and no version, which reads as 0.
 */
public final class DynamoSigningSecretStore implements SigningSecretStore {
    private static final String SORT_KEY = "WEBHOOK_SIGNING_SECRET";

    private final DynamoDbClient dynamo;
    private final String table;
    private final AuditedWrites audited;

    public DynamoSigningSecretStore(DynamoDbClient dynamo, String table) {
        this.dynamo = dynamo;
        this.table = table;
        this.audited = new AuditedWrites(dynamo, table);
    }

    @Override
    public Optional<Sealed> find(String accountSid) {
        Map<String, AttributeValue> item = dynamo.getItem(
                        request -> request.tableName(table).key(key(accountSid)))
                .item();
        if (item == null || item.isEmpty()) {
            return Optional.empty();
        }
        Optional<Instant> rotated =
                Attributes.optionalString(item, "date_rotated").map(Instant::parse);
        List<SealedReplaced> replaced = new ArrayList<>();
        if (item.containsKey("replaced")) {
            for (AttributeValue old : item.get("replaced").l()) {
                replaced.add(new SealedReplaced(
                        Attributes.bytes(old.m(), "secret_sealed"), Attributes.instant(old.m(), "replaced_at")));
            }
        } else if (item.containsKey("previous_secret_sealed") && rotated.isPresent()) {
            replaced.add(
                    new SealedReplaced(item.get("previous_secret_sealed").b().asByteArray(), rotated.get()));
        }
        return Optional.of(new Sealed(
                Attributes.bytes(item, "secret_sealed"),
                replaced,
                Attributes.instant(item, "date_created"),
                rotated,
                Attributes.optionalNumber(item, "version").orElse(0L)));
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
    public boolean replace(String accountSid, Sealed secrets, List<AuditEvent> audit) {
        long read = secrets.version() - 1;
        Put put = Put.builder()
                .tableName(table)
                .item(item(accountSid, secrets))
                .conditionExpression(
                        read == 0 ? "attribute_exists(pk) AND attribute_not_exists(version)" : "version = :read")
                .expressionAttributeValues(read == 0 ? null : Map.of(":read", n(read)))
                .build();
        return audited.write(TransactWriteItem.builder().put(put).build(), audit);
    }

    private static Map<String, AttributeValue> key(String accountSid) {
        return Map.of("pk", s(AccountPartition.of(accountSid)), "sk", s(SORT_KEY));
    }

    private static Map<String, AttributeValue> item(String accountSid, Sealed secrets) {
        Map<String, AttributeValue> item = new HashMap<>(key(accountSid));
        item.put("secret_sealed", b(secrets.secret()));
        item.put(
                "replaced",
                AttributeValue.fromL(secrets.replaced().stream()
                        .map(old -> AttributeValue.fromM(Map.of(
                                "secret_sealed",
                                b(old.secret()),
                                "replaced_at",
                                s(old.replacedAt().toString()))))
                        .toList()));
        item.put("date_created", s(secrets.dateCreated().toString()));
        secrets.dateRotated().ifPresent(rotated -> item.put("date_rotated", s(rotated.toString())));
        item.put("version", n(secrets.version()));
        return item;
    }
}
