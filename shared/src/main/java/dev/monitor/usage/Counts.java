package dev.monitor.usage;

/**
 * What one account did in one day or one month: events and alerts written, records returned by
 * reads, and the net change in records held (written less expired or deleted).
 */
public record Counts(long writes, long reads, long storageChange) {
    public static final Counts ZERO = new Counts(0, 0, 0);

    public Counts plus(Counts other) {
        return new Counts(writes + other.writes, reads + other.reads, storageChange + other.storageChange);
    }

    public boolean isZero() {
        return writes == 0 && reads == 0 && storageChange == 0;
    }
}
