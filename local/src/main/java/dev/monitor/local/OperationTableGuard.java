package dev.monitor.local;

import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * DynamoDB Local keeps its table of operations, and the options of its command line, in static fields that each new
 * server empties and refills: a request to another server of the same JVM (the tests run several stacks) that looks
 * its operation up meanwhile is refused as an invalid action. So servers are created one at a time, and each server's
 * requests wait while one is.
 */
final class OperationTableGuard extends Handler.Wrapper {
    /**
     * Marks a request made by a server's own handler while it answers another (DurableTransactionAnswers): that one
     * holds the table, so no server is being created, and this one must not queue behind a creation that waits for it.
     */
    static final String MADE_WHILE_ANSWERING = "X-Monitor-Made-While-Answering";

    private static final ReadWriteLock TABLE = new ReentrantReadWriteLock();

    OperationTableGuard(Handler dynamoDbLocal) {
        super(dynamoDbLocal);
    }

    /** Creates a DynamoDB Local server while no request is dispatched. */
    static <T> T creating(Creation<T> server) throws Exception {
        TABLE.writeLock().lock();
        try {
            return server.create();
        } finally {
            TABLE.writeLock().unlock();
        }
    }

    /** What creates a server: {@code Callable}, but that name is also a type Jetty's handlers inherit. */
    @FunctionalInterface
    interface Creation<T> {
        T create() throws Exception;
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
        if (request.getHeaders().contains(MADE_WHILE_ANSWERING)) {
            return super.handle(request, response, callback);
        }
        TABLE.readLock().lock();
        try {
            return super.handle(request, response, callback);
        } finally {
            TABLE.readLock().unlock();
        }
    }
}
