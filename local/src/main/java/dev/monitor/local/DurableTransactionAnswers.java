package dev.monitor.local;

import java.net.URI;
import java.nio.ByteBuffer;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;

/**
 * Holds DynamoDB Local's answer to a {@code TransactWriteItems} until the transaction is on disk, as DynamoDB's is.
 * DynamoDB Local 2.6.1 queues a transaction's COMMIT on its one sqlite thread and answers without waiting for it, so
 * a {@code kill -9} in between rolled back a batch the api had answered 201 (README, "The local stack and a crash").
 * A {@code ListStreams} is queued on that same thread and waited for, so once it returns the COMMIT queued before it
 * has run.
 */
final class DurableTransactionAnswers extends Handler.Wrapper {
    static final String TRANSACT_WRITE_ITEMS = "DynamoDB_20120810.TransactWriteItems";

    /** Made on the first transaction: the port is Jetty's choice, known once it listens. */
    private DynamoDbStreamsClient sameDatabase;

    DurableTransactionAnswers(Handler dynamoDbLocal) {
        super(dynamoDbLocal);
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
        if (!TRANSACT_WRITE_ITEMS.equals(request.getHeaders().get("X-Amz-Target"))) {
            return super.handle(request, response, callback);
        }
        return super.handle(request, new AfterCommit(request, response, sameDatabase(request)), callback);
    }

    private synchronized DynamoDbStreamsClient sameDatabase(Request request) {
        if (sameDatabase == null) {
            sameDatabase = DynamoDbStreamsClient.builder()
                    .httpClientBuilder(UrlConnectionHttpClient.builder())
                    .region(Region.of(EmbeddedAwsBackend.REGION))
                    .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")))
                    .endpointOverride(URI.create("http://127.0.0.1:" + Request.getLocalPort(request)))
                    .overrideConfiguration(calls -> calls.putHeader(OperationTableGuard.MADE_WHILE_ANSWERING, "true"))
                    .build();
        }
        return sameDatabase;
    }

    @Override
    protected synchronized void doStop() throws Exception {
        super.doStop();
        if (sameDatabase != null) {
            sameDatabase.close();
        }
    }

    /** The answer, whose first bytes wait for the COMMIT queued before them. */
    private static final class AfterCommit extends Response.Wrapper {
        private final DynamoDbStreamsClient sameDatabase;
        private boolean committed;

        AfterCommit(Request request, Response response, DynamoDbStreamsClient sameDatabase) {
            super(request, response);
            this.sameDatabase = sameDatabase;
        }

        @Override
        public void write(boolean last, ByteBuffer content, Callback written) {
            if (!committed) {
                try {
                    sameDatabase.listStreams(listing -> listing.limit(1));
                } catch (RuntimeException e) {
                    written.failed(e);
                    return;
                }
                committed = true;
            }
            super.write(last, content, written);
        }
    }
}
