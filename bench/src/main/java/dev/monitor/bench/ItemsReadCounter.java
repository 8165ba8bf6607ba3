package dev.monitor.bench;

import java.util.concurrent.atomic.LongAdder;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.dynamodb.model.GetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;

/**
 * Counts the items DynamoDB reads for the api: each Query's {@code ScannedCount} (items read before any filter
 * expression, which is what DynamoDB charges for), and one per GetItem that found its item.
 */
final class ItemsReadCounter implements ExecutionInterceptor {
    /** Items read since the last {@link #take()}: by Queries, by GetItems, and how many Queries. */
    record ItemsRead(long byQueries, long byGetItems, long queries) {
        long total() {
            return byQueries + byGetItems;
        }
    }

    private final LongAdder byQueries = new LongAdder();
    private final LongAdder byGetItems = new LongAdder();
    private final LongAdder queries = new LongAdder();

    @Override
    public void afterExecution(Context.AfterExecution context, ExecutionAttributes executionAttributes) {
        if (context.response() instanceof QueryResponse query) {
            byQueries.add(query.scannedCount());
            queries.increment();
        } else if (context.response() instanceof GetItemResponse get
                && get.hasItem()
                && !get.item().isEmpty()) {
            byGetItems.increment();
        }
    }

    ItemsRead take() {
        return new ItemsRead(byQueries.sumThenReset(), byGetItems.sumThenReset(), queries.sumThenReset());
    }
}
