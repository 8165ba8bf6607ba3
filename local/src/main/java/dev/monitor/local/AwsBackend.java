package dev.monitor.local;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * Where the functions' AWS services run. Whatever points a client at them (region, credentials,
 * {@code AWS_ENDPOINT_URL_<SERVICE>}) comes from {@link #environment()} alone, so another backend (LocalStack,
 * Testcontainers) can take the embedded one's place.
 */
public interface AwsBackend extends AutoCloseable {
    /** DynamoDB Local and ElasticMQ in this process; DynamoDB's tables in {@code dataDir}, or in memory when null. */
    static AwsBackend embedded(Path dataDir) {
        return EmbeddedAwsBackend.start(dataDir);
    }

    Map<String, String> environment();

    /** Answered writes to its tables, when it can tell; a stream poller then need not poll while nothing is written. */
    default Optional<TableWrites> tableWrites() {
        return Optional.empty();
    }

    @Override
    void close();
}
