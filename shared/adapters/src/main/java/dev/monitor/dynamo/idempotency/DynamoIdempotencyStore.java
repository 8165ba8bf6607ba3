package dev.monitor.dynamo.idempotency;

import static dev.monitor.dynamo.Attributes.b;
import static dev.monitor.dynamo.Attributes.n;
import static dev.monitor.dynamo.Attributes.s;

import dev.monitor.dynamo.Attributes;
import dev.monitor.idempotency.IdempotencyRecord;
import dev.monitor.idempotency.IdempotencyStore;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

/** Item {@code pk = IDEM#<scope>#<key hash>, sk = IDEM}, kept 24 hours. */
public final class DynamoIdempotencyStore implements IdempotencyStore {
    public static final Duration KEPT_FOR = Duration.ofHours(24);

    private final DynamoDbClient dynamo;
    private final String table;

    public DynamoIdempotencyStore(DynamoDbClient dynamo, String table) {
        this.dynamo = dynamo;
        this.table = table;
    }

    @Override
    public IdempotencyRecord claim(IdempotencyRecord record) {
        try {
            dynamo.putItem(request -> request.tableName(table)
                    .item(Map.of(
                            "pk", s(partitionKey(record.scope(), record.keySha256())),
                            "sk", s("IDEM"),
                            "fingerprint", s(record.fingerprint()),
                            "received_at", s(record.receivedAt().toString()),
                            "seed", b(record.seed()),
                            "outcome", s(record.outcome()),
                            "expires_at", n(record.receivedAt().plus(KEPT_FOR).getEpochSecond())))
                    .conditionExpression("attribute_not_exists(pk) OR expires_at < :now")
                    .expressionAttributeValues(
                            Map.of(":now", n(record.receivedAt().getEpochSecond()))));
            return record;
        } catch (ConditionalCheckFailedException e) {
            return find(record.scope(), record.keySha256())
                    .orElseThrow(
                            () -> new IllegalStateException("An idempotency record vanished while it was claimed", e));
        }
    }

    @Override
    public Optional<IdempotencyRecord> find(String scope, String keySha256) {
        Map<String, AttributeValue> item = dynamo.getItem(request -> request.tableName(table)
                        .consistentRead(true)
                        .key(Map.of("pk", s(partitionKey(scope, keySha256)), "sk", s("IDEM"))))
                .item();
        if (item == null || item.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new IdempotencyRecord(
                scope,
                keySha256,
                Attributes.string(item, "fingerprint"),
                Attributes.instant(item, "received_at"),
                Attributes.bytes(item, "seed"),
                Attributes.optionalString(item, "outcome").orElse("")));
    }

    private static String partitionKey(String scope, String keySha256) {
        return "IDEM#" + scope + "#" + keySha256;
    }
}
