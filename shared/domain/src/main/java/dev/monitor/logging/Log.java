package dev.monitor.logging;

import java.util.Map;

/**
 * What the domain logs through: a message at a level with fields of its own. The function's log (the adapters'
 * {@code FunctionLog}) adds the invocation's request id, function and account, and writes it as one JSON line. Fields
 * carry identifiers and counts only: never a secret, a URL or an address.
 */
@FunctionalInterface
public interface Log {
    /** Says nothing: for tests whose subject's log is not under test. */
    Log NONE = (level, message, fields, error) -> {};

    enum Level {
        DEBUG,
        INFO,
        WARN,
        ERROR
    }

    /** Writes one line; {@code error} is null when the line reports no exception. */
    void write(Level level, String message, Map<String, ?> fields, Throwable error);

    default void info(String message) {
        write(Level.INFO, message, Map.of(), null);
    }

    default void info(String message, Map<String, ?> fields) {
        write(Level.INFO, message, fields, null);
    }

    default void warn(String message) {
        write(Level.WARN, message, Map.of(), null);
    }

    default void warn(String message, Map<String, ?> fields) {
        write(Level.WARN, message, fields, null);
    }

    /** A failure the function recovers from, such as one the batch's redelivery retries. */
    default void warn(String message, Throwable error) {
        write(Level.WARN, message, Map.of(), error);
    }

    default void error(String message, Throwable error) {
        write(Level.ERROR, message, Map.of(), error);
    }

    default void error(String message, Map<String, ?> fields, Throwable error) {
        write(Level.ERROR, message, fields, error);
    }
}
