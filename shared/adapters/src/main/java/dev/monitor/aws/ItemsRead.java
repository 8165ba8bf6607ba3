package dev.monitor.aws;

import java.util.List;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.GetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;

/**
 * Counts the items DynamoDB reads for the calling thread, which is one invocation's (Lambda runs one at a time): each
 * Query's {@code ScannedCount} (the items it evaluated, before any filter, which is what DynamoDB charges for), each
 * item a GetItem or BatchGetItem found. The api reports it with each request, so a request's cost shows in its log.
 */
public final class ItemsRead implements ExecutionInterceptor {
    private static final ThreadLocal<long[]> COUNT = ThreadLocal.withInitial(() -> new long[1]);

    /** The items read on this thread since the last call, which starts the count again. */
    public static long take() {
        long[] count = COUNT.get();
        long taken = count[0];
        count[0] = 0;
        return taken;
    }

    @Override
    public void afterExecution(Context.AfterExecution context, ExecutionAttributes attributes) {
        long items = 0;
        if (context.response() instanceof QueryResponse query) {
            items = query.scannedCount() == null ? query.items().size() : query.scannedCount();
        } else if (context.response() instanceof GetItemResponse get
                && get.hasItem()
                && !get.item().isEmpty()) {
            items = 1;
        } else if (context.response() instanceof BatchGetItemResponse batch) {
            items = batch.responses().values().stream().mapToLong(List::size).sum();
        }
        COUNT.get()[0] += items;
    }
}
