package dev.monitor.usage;

/**
 * What one account, or a family, did in one day or one month: events and alerts written, records returned by reads,
 * the net change in records held (written less expired or deleted), and, counted for a family only, the writes beyond
 * their own account's free allowance of the month ({@code billedWrites}), since a family's price is each account's own.
 */
public record Counts(long writes, long reads, long storageChange, long billedWrites) {
    public static final Counts ZERO = new Counts(0, 0, 0, 0);

    /** An account's own counts, which price themselves from their writes. */
    public Counts(long writes, long reads, long storageChange) {
        this(writes, reads, storageChange, 0);
    }

    public Counts plus(Counts other) {
        return new Counts(
                writes + other.writes,
                reads + other.reads,
                storageChange + other.storageChange,
                billedWrites + other.billedWrites);
    }

    public boolean isZero() {
        return writes == 0 && reads == 0 && storageChange == 0 && billedWrites == 0;
    }
}
