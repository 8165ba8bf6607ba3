package dev.monitor.storage;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemResponse;
import software.amazon.awssdk.services.dynamodb.model.PutRequest;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

/** Puts items 25 to a request, the most BatchWriteItem takes, and retries what DynamoDB leaves unprocessed. */
public final class BatchWriter {
    private static final int MAX_BATCH = 25;
    private static final int MAX_ATTEMPTS = 8;

    private final DynamoDbClient dynamo;
    private final String table;

    public BatchWriter(DynamoDbClient dynamo, String table) {
        this.dynamo = dynamo;
        this.table = table;
    }

    public void putAll(List<Map<String, AttributeValue>> items) {
        for (int from = 0; from < items.size(); from += MAX_BATCH) {
            List<WriteRequest> batch = new ArrayList<>();
            for (Map<String, AttributeValue> item : items.subList(from, Math.min(items.size(), from + MAX_BATCH))) {
                batch.add(WriteRequest.builder().putRequest(PutRequest.builder().item(item).build()).build());
            }
            write(batch);
        }
    }

    private void write(List<WriteRequest> batch) {
        List<WriteRequest> pending = batch;
        for (int attempt = 1; !pending.isEmpty(); attempt++) {
            if (attempt > MAX_ATTEMPTS) {
                throw new IllegalStateException(pending.size() + " items stayed unprocessed after " + MAX_ATTEMPTS + " attempts");
            }
            if (attempt > 1) {
                backOff(attempt);
            }
            List<WriteRequest> sending = pending;
            BatchWriteItemResponse response = dynamo.batchWriteItem(request -> request.requestItems(Map.of(table, sending)));
            pending = response.unprocessedItems().getOrDefault(table, List.of());
        }
    }

    private static void backOff(int attempt) {
        try {
            Thread.sleep(Math.min(1_000L, 25L << attempt));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while retrying unprocessed items", e);
        }
    }
}
