package dev.monitor.local;

import com.amazonaws.services.dynamodbv2.local.main.ServerRunner;
import com.amazonaws.services.dynamodbv2.local.server.DynamoDBProxyServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Field;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Stream;
import org.eclipse.jetty.server.Connector;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.elasticmq.rest.sqs.SQSRestServer;
import org.elasticmq.rest.sqs.SQSRestServerBuilder;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;

/** DynamoDB Local and ElasticMQ, in this process, on free ports of the loopback interface. */
final class EmbeddedAwsBackend implements AwsBackend {
    private static final String REGION = "us-east-1";
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
    /** With a data directory: what {@link DurableTransactionAnswers} waits for COMMITs with; null in memory. */
    private final DynamoDbStreamsClient commitWaits;

    private final Map<String, String> environment;

    private EmbeddedAwsBackend(
            DynamoDBProxyServer dynamoDb,
            int dynamoDbPort,
            SQSRestServer sqs,
            int sqsPort,
            DynamoDbStreamsClient commitWaits) {
        this.dynamoDb = dynamoDb;
        this.sqs = sqs;
        this.commitWaits = commitWaits;
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
        DynamoDbStreamsClient commitWaits = null;
        try {
            int dynamoDbPort = freePort();
            List<String> arguments =
                    new ArrayList<>(dataDir == null ? List.of("-inMemory") : List.of("-dbPath", dataDir(dataDir)));
            // -sharedDb: one database whatever access key and region a client uses.
            arguments.addAll(List.of("-sharedDb", "-disableTelemetry", "-port", Integer.toString(dynamoDbPort)));
            dynamoDb = ServerRunner.createServerFromCommandLineArgs(arguments.toArray(String[]::new));
            // After DynamoDB Local has set up logging, which resets java.util.logging's levels.
            QUIETED.forEach(logger -> logger.setLevel(Level.SEVERE));
            Server jetty = jettyOf(dynamoDb);
            listenOnLoopbackOnly(jetty);
            if (dataDir != null) {
                commitWaits = streamsClient(dynamoDbPort);
                jetty.setHandler(new DurableTransactionAnswers(jetty.getHandler(), commitWaits));
            }
            dynamoDb.start();
            SQSRestServer sqs = SQSRestServerBuilder.withInterface("127.0.0.1")
                    .withDynamicPort()
                    .withAWSRegion(REGION)
                    .withAWSAccountId(Intrinsics.ACCOUNT_ID)
                    .start();
            int sqsPort = sqs.waitUntilStarted().localAddress().getPort();
            return new EmbeddedAwsBackend(dynamoDb, dynamoDbPort, sqs, sqsPort, commitWaits);
        } catch (Exception e) {
            stopQuietly(dynamoDb);
            if (commitWaits != null) {
                commitWaits.close();
            }
            throw new IllegalStateException("Could not start DynamoDB Local and ElasticMQ", e);
        }
    }

    @Override
    public Map<String, String> environment() {
        return environment;
    }

    @Override
    public void close() {
        sqs.stopAndWait();
        stopQuietly(dynamoDb);
        if (commitWaits != null) {
            commitWaits.close();
        }
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

    private static void listenOnLoopbackOnly(Server jetty) {
        for (Connector connector : jetty.getConnectors()) {
            if (connector instanceof ServerConnector serverConnector) {
                serverConnector.setHost(InetAddress.getLoopbackAddress().getHostAddress());
            }
        }
    }

    private static DynamoDbStreamsClient streamsClient(int dynamoDbPort) {
        return DynamoDbStreamsClient.builder()
                .httpClientBuilder(UrlConnectionHttpClient.builder())
                .region(Region.of(REGION))
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")))
                .endpointOverride(URI.create("http://127.0.0.1:" + dynamoDbPort))
                .build();
    }

    private static String dataDir(Path dataDir) throws IOException {
        return Files.createDirectories(dataDir).toAbsolutePath().toString();
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
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
