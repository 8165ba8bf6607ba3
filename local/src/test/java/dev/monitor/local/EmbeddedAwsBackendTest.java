package dev.monitor.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;
import software.amazon.awssdk.services.dynamodb.model.ListTablesResponse;

/** Several backends in one JVM, as the tests' stacks are. */
@Execution(ExecutionMode.CONCURRENT) // beside the other classes, on a backend of its own
class EmbeddedAwsBackendTest {
    /**
     * While another DynamoDB Local server is created, which refills the operations' table all servers share, a
     * request waits rather than being refused as an invalid action (which once turned a test's request into a 500),
     * and is answered once the server exists.
     */
    @Test
    void aRequestWaitsWhileAnotherServerIsCreated() throws Exception {
        ExecutorService threads = Executors.newFixedThreadPool(2);
        try (AwsBackend serving = AwsBackend.embedded(null);
                BackendClients clients = new BackendClients(serving.environment())) {
            // A first call, so that the one timed below is not slow for the client's own start.
            assertEquals(List.of(), clients.dynamoDb().listTables().tableNames());
            CountDownLatch creating = new CountDownLatch(1);
            CountDownLatch created = new CountDownLatch(1);
            Future<Void> creation = threads.submit(() -> OperationTableGuard.creating(() -> {
                creating.countDown();
                created.await();
                return null;
            }));
            creating.await();
            Future<ListTablesResponse> request =
                    threads.submit(() -> clients.dynamoDb().listTables());
            assertThrows(
                    TimeoutException.class,
                    () -> request.get(300, TimeUnit.MILLISECONDS),
                    "answered while a server was being created");
            created.countDown();
            creation.get(10, TimeUnit.SECONDS);
            assertEquals(List.of(), request.get(10, TimeUnit.SECONDS).tableNames());
        } finally {
            threads.shutdownNow();
        }
    }
}
