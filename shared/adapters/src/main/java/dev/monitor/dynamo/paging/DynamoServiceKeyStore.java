package dev.monitor.dynamo.paging;

import static dev.monitor.dynamo.Attributes.b;
import static dev.monitor.dynamo.Attributes.s;

import dev.monitor.crypto.Secrets;
import dev.monitor.dynamo.Attributes;
import dev.monitor.paging.ServiceKeyStore;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

/**
 * Item {@code pk = SERVICE_KEY#<name>, sk = KEY}. The first instance to need a key writes a random
 * one, conditionally, so concurrent instances agree on it; each instance then keeps it in memory.
 * Keeping it out of the template and the environment keeps it out of deployment logs.
 */
public final class DynamoServiceKeyStore implements ServiceKeyStore {
    private final DynamoDbClient dynamo;
    private final String table;
    private final Map<String, byte[]> cache = new ConcurrentHashMap<>();

    public DynamoServiceKeyStore(DynamoDbClient dynamo, String table) {
        this.dynamo = dynamo;
        this.table = table;
    }

    @Override
    public byte[] key(String name) {
        return cache.computeIfAbsent(name, this::loadOrCreate);
    }

    private byte[] loadOrCreate(String name) {
        Map<String, AttributeValue> key = Map.of("pk", s("SERVICE_KEY#" + name), "sk", s("KEY"));
        Map<String, AttributeValue> item = dynamo.getItem(
                        request -> request.tableName(table).key(key).consistentRead(true))
                .item();
        if (item != null && !item.isEmpty()) {
            return Attributes.bytes(item, "key");
        }
        byte[] created = Secrets.randomBytes(32);
        try {
            dynamo.putItem(request -> request.tableName(table)
                    .item(Map.of("pk", key.get("pk"), "sk", key.get("sk"), "key", b(created)))
                    .conditionExpression("attribute_not_exists(pk)"));
            return created;
        } catch (ConditionalCheckFailedException raced) {
            return Attributes.bytes(
                    dynamo.getItem(request -> request.tableName(table).key(key).consistentRead(true))
                            .item(),
                    "key");
        }
    }
}
