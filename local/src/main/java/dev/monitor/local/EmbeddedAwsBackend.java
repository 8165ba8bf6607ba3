package dev.monitor.local;

import com.amazonaws.services.dynamodbv2.local.main.ServerRunner;
import com.amazonaws.services.dynamodbv2.local.server.DynamoDBProxyServer;
import java.io.IOException;
import java.lang.reflect.Field;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Stream;
import org.eclipse.jetty.server.Connector;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.elasticmq.rest.sqs.SQSRestServer;
import org.elasticmq.rest.sqs.SQSRestServerBuilder;

/** DynamoDB Local and ElasticMQ, in this process, on free ports of the loopback interface. */
final class EmbeddedAwsBackend implements AwsBackend {
    /** The region of every client of this backend, the stack's and the commit wait's alike. */
    static final String REGION = "us-east-1";
    /**
     * DynamoDB Local's libraries warn at each start of things that matter to nobody here (JAXB is missing,
     * sqlite4java's version is unknown once shaded). Held here because java.util.logging keeps loggers only weakly.
     */
    private static final List<Logger> QUIETED = Stream.of("com.amazonaws", "com.almworks.sqlite4java")
            .map(Logger::getLogger)
            .toList();

    static {
        // The runner stops ElasticMQ itself, in order; Pekko's own JVM shutdown hook would only race it.
        System.setProperty("pekko.coordinated-shutdown.run-by-jvm-shutdown-hook", "off");
    }

    private final DynamoDBProxyServer dynamoDb;
    private final SQSRestServer sqs;

    private final Map<String, String> environment;
    private final TableWrites tableWrites;

    private EmbeddedAwsBackend(
            DynamoDBProxyServer dynamoDb, int dynamoDbPort, SQSRestServer sqs, int sqsPort, TableWrites tableWrites) {
        this.dynamoDb = dynamoDb;
        this.tableWrites = tableWrites;
        this.sqs = sqs;
        String dynamoDbUrl = "http://127.0.0.1:" + dynamoDbPort;
        this.environment = Map.of(
                "AWS_REGION",
                REGION,
                "AWS_ACCESS_KEY_ID",
                "local",
                "AWS_SECRET_ACCESS_KEY",
                "local",
                "AWS_ENDPOINT_URL_DYNAMODB",
                dynamoDbUrl,
                "AWS_ENDPOINT_URL_DYNAMODB_STREAMS",
                dynamoDbUrl,
                "AWS_ENDPOINT_URL_SQS",
                "http://127.0.0.1:" + sqsPort);
    }

    /** Keeps DynamoDB's tables in {@code dataDir} when given, in memory otherwise; queues are always in memory. */
    static EmbeddedAwsBackend start(Path dataDir) {
        DynamoDBProxyServer dynamoDb = null;
        try {
            List<String> arguments =
                    new ArrayList<>(dataDir == null ? List.of("-inMemory") : List.of("-dbPath", dataDir(dataDir)));
            // -sharedDb: one database whatever access key and region a client uses. DynamoDB Local refuses port 0, so
            // it is given one here that onAFreeLoopbackPort replaces before it listens.
            arguments.addAll(List.of("-sharedDb", "-disableTelemetry", "-port", "8000"));
            dynamoDb = OperationTableGuard.creating(
                    () -> ServerRunner.createServerFromCommandLineArgs(arguments.toArray(String[]::new)));
            // After DynamoDB Local has set up logging, which resets java.util.logging's levels.
            QUIETED.forEach(logger -> logger.setLevel(Level.SEVERE));
            Server jetty = jettyOf(dynamoDb);
            ServerConnector connector = onAFreeLoopbackPort(jetty);
            jetty.setHandler(new OperationTableGuard(jetty.getHandler()));
            if (dataDir != null) {
                jetty.setHandler(new DurableTransactionAnswers(jetty.getHandler()));
            }
            TableWrites writes = new TableWrites();
            jetty.setHandler(new WriteSignal(jetty.getHandler(), writes));
            dynamoDb.start();
            SQSRestServer sqs = SQSRestServerBuilder.withInterface("127.0.0.1")
                    .withDynamicPort()
                    .withAWSRegion(REGION)
                    .withAWSAccountId(Intrinsics.ACCOUNT_ID)
                    .start();
            int sqsPort = sqs.waitUntilStarted().localAddress().getPort();
            return new EmbeddedAwsBackend(dynamoDb, connector.getLocalPort(), sqs, sqsPort, writes);
        } catch (Exception e) {
            stopQuietly(dynamoDb);
            throw new IllegalStateException("Could not start DynamoDB Local and ElasticMQ", e);
        }
    }

    @Override
    public Map<String, String> environment() {
        return environment;
    }

    @Override
    public Optional<TableWrites> tableWrites() {
        return Optional.of(tableWrites);
    }

    @Override
    public void close() {
        sqs.stopAndWait();
        stopQuietly(dynamoDb);
    }

    /**
     * DynamoDB Local's Jetty server, reached by reflection: to bind it to the loopback interface (it takes a port but
     * no interface, and would serve the tables to the whole network) and to wrap its handler, before it starts.
     */
    private static Server jettyOf(DynamoDBProxyServer dynamoDb) throws ReflectiveOperationException {
        Field field = DynamoDBProxyServer.class.getDeclaredField("server");
        field.setAccessible(true);
        return (Server) field.get(dynamoDb);
    }

    /**
     * Binds DynamoDB Local to a port of the loopback interface that Jetty chooses as it starts: a port found free
     * beforehand could be taken by another stack starting in the same moment.
     */
    private static ServerConnector onAFreeLoopbackPort(Server jetty) {
        for (Connector connector : jetty.getConnectors()) {
            if (connector instanceof ServerConnector serverConnector) {
                serverConnector.setHost(InetAddress.getLoopbackAddress().getHostAddress());
                serverConnector.setPort(0);
                return serverConnector;
            }
        }
        throw new IllegalStateException("DynamoDB Local has no network connector");
    }

    private static String dataDir(Path dataDir) throws IOException {
        return Files.createDirectories(dataDir).toAbsolutePath().toString();
    }

    private static void stopQuietly(DynamoDBProxyServer dynamoDb) {
        if (dynamoDb == null) {
            return;
        }
        try {
            dynamoDb.stop();
        } catch (Exception e) {
            Log.error("Stopping DynamoDB Local failed", e);
        }
    }
}
