package dev.monitor.testing;

import java.time.Duration;
import java.time.Instant;
import java.util.function.Predicate;
import java.util.function.Supplier;

/** Waits for what asynchronous parts of the stack (stream and queue pollers) make visible. */
public final class Polling {
    private Polling() {}

    /** The first value that passes, or the last one read when the wait runs out (for the assertion to show). */
    public static <T> T until(Supplier<T> read, Predicate<T> done) {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(20));
        T value = read.get();
        while (!done.test(value) && Instant.now().isBefore(deadline)) {
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return value;
            }
            value = read.get();
        }
        return value;
    }
}
