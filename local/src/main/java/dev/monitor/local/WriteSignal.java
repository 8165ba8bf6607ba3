package dev.monitor.local;

import java.util.Set;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/** In front of DynamoDB Local: signals {@link TableWrites} once a write request has been answered. */
final class WriteSignal extends Handler.Wrapper {
    private static final Set<String> WRITES = Set.of(
            "DynamoDB_20120810.PutItem",
            "DynamoDB_20120810.UpdateItem",
            "DynamoDB_20120810.DeleteItem",
            "DynamoDB_20120810.BatchWriteItem",
            DurableTransactionAnswers.TRANSACT_WRITE_ITEMS);

    private final TableWrites writes;

    WriteSignal(Handler dynamoDbLocal, TableWrites writes) {
        super(dynamoDbLocal);
        this.writes = writes;
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
        if (!WRITES.contains(request.getHeaders().get("X-Amz-Target"))) {
            return super.handle(request, response, callback);
        }
        return super.handle(request, response, Callback.from(callback, writes::written));
    }
}
