package dev.monitor.local;

import dev.monitor.cloudwatch.LogSink;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * The log lines of every function of the stack, as Lambda would send them to CloudWatch: each JSON line on stderr, and
 * to whoever listens (a test that reads what the functions log).
 */
public final class FunctionLogs implements LogSink {
    private final List<Consumer<String>> listeners = new CopyOnWriteArrayList<>();

    @Override
    public void write(String line) {
        System.err.println(line);
        listeners.forEach(listener -> listener.accept(line));
    }

    /** {@code listener} gets every line written from now until the returned handle is closed. */
    public AutoCloseable listen(Consumer<String> listener) {
        listeners.add(listener);
        return () -> listeners.remove(listener);
    }
}
