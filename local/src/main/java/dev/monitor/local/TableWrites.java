package dev.monitor.local;

import java.time.Duration;

/**
 * Tells the stream pollers that DynamoDB answered a write, so that an idle poller looks at its stream at once instead
 * of at its next poll: the records are there the moment the write is answered.
 */
public final class TableWrites {
    private long count;

    synchronized void written() {
        count++;
        notifyAll();
    }

    /** Waits until the next write is answered, or {@code atMost}. */
    synchronized void await(Duration atMost) throws InterruptedException {
        long seen = count;
        long deadline = System.nanoTime() + atMost.toNanos();
        for (long left = atMost.toNanos(); count == seen && left > 0; left = deadline - System.nanoTime()) {
            wait(Math.max(1, left / 1_000_000));
        }
    }
}
