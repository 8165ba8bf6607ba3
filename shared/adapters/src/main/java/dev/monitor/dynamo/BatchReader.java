package dev.monitor.dynamo;

import dev.monitor.aws.CallBudget;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes;

/**
 * Gets items by key (`pk`, `sk`), 100 to a request, the most BatchGetItem takes, strongly consistent, retrying what
 * DynamoDB leaves unprocessed with jittered backoff inside the {@link CallBudget}.
 */
public final class BatchReader {
    private static final int MAX_BATCH = 100;
    private static final int MAX_RETRIES = 7;

    private final DynamoDbClient dynamo;
    private final String table;

    public BatchReader(DynamoDbClient dynamo, String table) {
        this.dynamo = dynamo;
        this.table = table;
    }

    /** The items that exist, by their key; a key without an item is absent from the answer. */
    public Map<Map<String, AttributeValue>, Map<String, AttributeValue>> getAll(
            List<Map<String, AttributeValue>> keys) {
        Map<Map<String, AttributeValue>, Map<String, AttributeValue>> items = new HashMap<>();
        for (int from = 0; from < keys.size(); from += MAX_BATCH) {
            List<Map<String, AttributeValue>> pending = keys.subList(from, Math.min(keys.size(), from + MAX_BATCH));
            for (int retry = 0; !pending.isEmpty(); retry++) {
                if (retry > 0) {
                    CallBudget.backOffUnprocessed(retry, MAX_RETRIES, pending.size() + " items stayed unread");
                }
                List<Map<String, AttributeValue>> asking = pending;
                BatchGetItemResponse response = dynamo.batchGetItem(request -> request.requestItems(Map.of(
                        table,
                        KeysAndAttributes.builder()
                                .keys(asking)
                                .consistentRead(true)
                                .build())));
                for (Map<String, AttributeValue> item : response.responses().getOrDefault(table, List.of())) {
                    items.put(Map.of("pk", item.get("pk"), "sk", item.get("sk")), item);
                }
                KeysAndAttributes unprocessed = response.unprocessedKeys().get(table);
                pending = unprocessed == null ? List.of() : unprocessed.keys();
            }
        }
        return items;
    }
}
