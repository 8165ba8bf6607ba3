package dev.monitor.local;

import java.util.Map;

/**
 * Where the functions' AWS services run. Whatever points a client at them (region, credentials,
 * {@code AWS_ENDPOINT_URL_<SERVICE>}) comes from {@link #environment()} alone, so another backend (LocalStack,
 * Testcontainers) can take the embedded one's place.
 */
public interface AwsBackend extends AutoCloseable {
    Map<String, String> environment();

    @Override
    void close();
}
