package dev.monitor.local;

import java.time.Duration;

/**
 * Tells the stream pollers that DynamoDB answered a write, so that an idle poller need not poll its stream until one
 * has been: the records are there the moment the write is answered.
 */
public final class TableWrites {
    private long count;

    synchronized void written() {
        count++;
        notifyAll();
    }

    /** How many writes have been answered: what {@link #awaitAfter} compares with. */
    synchronized long count() {
        return count;
    }

    /** At once if a write was answered since {@code seen} was counted; else when one is, or after {@code atMost}. */
    synchronized void awaitAfter(long seen, Duration atMost) throws InterruptedException {
        long deadline = System.nanoTime() + atMost.toNanos();
        for (long left = atMost.toNanos(); count == seen && left > 0; left = deadline - System.nanoTime()) {
            wait(Math.max(1, left / 1_000_000));
        }
    }
}
