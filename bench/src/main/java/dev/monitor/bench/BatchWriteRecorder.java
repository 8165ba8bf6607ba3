package dev.monitor.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemRequest;
import software.amazon.awssdk.services.dynamodb.model.PutRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsRequest;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

/**
 * Keeps the items of every BatchWriteItem and TransactWriteItems the api sends, batch by batch, so the baseline can
 * write exactly what the api wrote without knowing the item layout.
 */
final class BatchWriteRecorder implements ExecutionInterceptor {
    private final ConcurrentLinkedQueue<List<Map<String, AttributeValue>>> batches = new ConcurrentLinkedQueue<>();

    @Override
    public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes executionAttributes) {
        if (context.request() instanceof BatchWriteItemRequest request) {
            request.requestItems()
                    .values()
                    .forEach(writes -> batches.add(writes.stream()
                            .map(WriteRequest::putRequest)
                            .map(PutRequest::item)
                            .toList()));
        } else if (context.request() instanceof TransactWriteItemsRequest request) {
            // A batch of events is one transaction since batches are all or nothing: the baseline writes its puts.
            batches.add(request.transactItems().stream()
                    .filter(item -> item.put() != null)
                    .map(item -> item.put().item())
                    .toList());
        }
    }

    /** The batches recorded since the last call. */
    List<List<Map<String, AttributeValue>>> takeBatches() {
        List<List<Map<String, AttributeValue>>> taken = new ArrayList<>();
        for (List<Map<String, AttributeValue>> batch = batches.poll(); batch != null; batch = batches.poll()) {
            taken.add(batch);
        }
        return taken;
    }
}
