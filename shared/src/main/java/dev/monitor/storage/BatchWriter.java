package dev.monitor.storage;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.core.exception.SdkException;
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

    /** Every item or an exception. */
    public void putAll(List<Map<String, AttributeValue>> items) {
        for (int from = 0; from < items.size(); from += MAX_BATCH) {
            List<WriteRequest> left = write(requests(items.subList(from, Math.min(items.size(), from + MAX_BATCH))));
            if (!left.isEmpty()) {
                throw new IllegalStateException(
                        left.size() + " items stayed unprocessed after " + MAX_ATTEMPTS + " attempts");
            }
        }
    }

    /**
     * As many items as DynamoDB takes, for callers that handle each item's failure on its own: a
     * request that fails leaves its items unwritten without stopping the others.
     *
     * @return the items not written
     */
    public List<Map<String, AttributeValue>> putEach(List<Map<String, AttributeValue>> items) {
        List<Map<String, AttributeValue>> unwritten = new ArrayList<>();
        for (int from = 0; from < items.size(); from += MAX_BATCH) {
            List<WriteRequest> batch = requests(items.subList(from, Math.min(items.size(), from + MAX_BATCH)));
            List<WriteRequest> left;
            try {
                left = write(batch);
            } catch (SdkException | IllegalStateException e) {
                left = batch;
            }
            left.forEach(request -> unwritten.add(request.putRequest().item()));
        }
        return unwritten;
    }

    private static List<WriteRequest> requests(List<Map<String, AttributeValue>> items) {
        List<WriteRequest> batch = new ArrayList<>(items.size());
        for (Map<String, AttributeValue> item : items) {
            batch.add(WriteRequest.builder()
                    .putRequest(PutRequest.builder().item(item).build())
                    .build());
        }
        return batch;
    }

    /** The requests still unprocessed after the last attempt. */
    private List<WriteRequest> write(List<WriteRequest> batch) {
        List<WriteRequest> pending = batch;
        for (int attempt = 1; attempt <= MAX_ATTEMPTS && !pending.isEmpty(); attempt++) {
            if (attempt > 1) {
                backOff(attempt);
            }
            List<WriteRequest> sending = pending;
            BatchWriteItemResponse response =
                    dynamo.batchWriteItem(request -> request.requestItems(Map.of(table, sending)));
            pending = response.unprocessedItems().getOrDefault(table, List.of());
        }
        return pending;
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
