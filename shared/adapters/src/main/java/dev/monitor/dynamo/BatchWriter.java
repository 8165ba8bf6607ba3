package dev.monitor.dynamo;

import dev.monitor.aws.CallBudget;
import dev.monitor.errors.DomainException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemResponse;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.PutRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

/**
 * Puts items: all at once in one transaction, or 25 to a BatchWriteItem, the most it takes, retrying what DynamoDB
 * leaves unprocessed with jittered backoff inside the invocation's {@link CallBudget}.
 */
public final class BatchWriter {
    private static final int MAX_BATCH = 25;
    private static final int MAX_RETRIES = 7;

    private final DynamoDbClient dynamo;
    private final String table;
    private final Transactions transactions;

    public BatchWriter(DynamoDbClient dynamo, String table) {
        this.dynamo = dynamo;
        this.table = table;
        this.transactions = new Transactions(dynamo);
    }

    /**
     * Every item or none, up to {@value Transactions#MAX_ITEMS}, in one transaction ({@link Transactions}).
     *
     * @throws DomainException.Unavailable when DynamoDB refused it for capacity until the budget ran out
     */
    public void putAtomically(List<Map<String, AttributeValue>> items) {
        transactions.write(items.stream()
                .map(item -> TransactWriteItem.builder()
                        .put(Put.builder().tableName(table).item(item).build())
                        .build())
                .toList());
    }

    /** Every item or an exception; what was written before the exception stays written. */
    public void putAll(List<Map<String, AttributeValue>> items) {
        for (int from = 0; from < items.size(); from += MAX_BATCH) {
            Unwritten left = write(requests(items.subList(from, Math.min(items.size(), from + MAX_BATCH))));
            if (left.failure() != null) {
                throw left.failure();
            }
        }
    }

    /**
     * As many items as DynamoDB takes, for callers that handle each item's failure on its own: a
     * request that fails, or items left unprocessed through every retry, are unwritten without
     * stopping the others.
     *
     * @return the items not written
     */
    public List<Map<String, AttributeValue>> putEach(List<Map<String, AttributeValue>> items) {
        List<Map<String, AttributeValue>> unwritten = new ArrayList<>();
        for (int from = 0; from < items.size(); from += MAX_BATCH) {
            write(requests(items.subList(from, Math.min(items.size(), from + MAX_BATCH))))
                    .requests()
                    .forEach(request -> unwritten.add(request.putRequest().item()));
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

    /** What a batch left unwritten, and why; nothing and null when every request was written. */
    private record Unwritten(List<WriteRequest> requests, RuntimeException failure) {
        static final Unwritten NONE = new Unwritten(List.of(), null);
    }

    /**
     * Writes the batch, retrying what stays unprocessed until every request is written, a request fails, or the
     * retries or the budget run out; then what is left is unwritten, and only that.
     */
    private Unwritten write(List<WriteRequest> batch) {
        List<WriteRequest> pending = batch;
        try {
            for (int retry = 0; !pending.isEmpty(); retry++) {
                if (retry > 0) {
                    CallBudget.backOffUnprocessed(retry, MAX_RETRIES, pending.size() + " items stayed unwritten");
                }
                List<WriteRequest> sending = pending;
                BatchWriteItemResponse response =
                        dynamo.batchWriteItem(request -> request.requestItems(Map.of(table, sending)));
                pending = response.unprocessedItems().getOrDefault(table, List.of());
            }
            return Unwritten.NONE;
        } catch (SdkException | DomainException.Unavailable e) {
            return new Unwritten(pending, e);
        }
    }
}
