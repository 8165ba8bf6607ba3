package dev.monitor.ids;

import java.time.Instant;
import java.util.HexFormat;
import java.util.regex.Pattern;

/**
 * Sids that sort by a date: a two-letter prefix, the date in 12 hex digits of epoch milliseconds,
 * then 20 random hex digits. Sorting such Sids sorts their items by date, so the Sid can be the sort
 * key of a timeline; and its last hex digit picks one of {@code shards} partitions, so a Sid alone
 * names its item's key.
 */
public final class TimeOrderedSids {
    private final String prefix;
    private final int shards;
    private final Pattern pattern;

    public TimeOrderedSids(String prefix, int shards) {
        this.prefix = prefix;
        this.shards = shards;
        this.pattern = Pattern.compile(Pattern.quote(prefix) + "[0-9a-f]{32}");
    }

    public String prefix() {
        return prefix;
    }

    public int shards() {
        return shards;
    }

    /** {@code randomPart} is at least 10 bytes, from a secure random source or a seeded derivation. */
    public String of(Instant date, byte[] randomPart) {
        return prefix
                + String.format("%012x", date.toEpochMilli())
                + HexFormat.of().formatHex(randomPart, 0, 10);
    }

    public boolean matches(String value) {
        return value != null && pattern.matcher(value).matches();
    }

    public int shardOf(String sid) {
        return Character.digit(sid.charAt(sid.length() - 1), 16) % shards;
    }

    /** The lowest sort key of Sids at or after this instant. */
    public String lowerBound(Instant from) {
        return prefix + String.format("%012x", Math.max(0, from.toEpochMilli()));
    }

    /** The highest sort key of Sids at or before this instant. */
    public String upperBound(Instant to) {
        return prefix + String.format("%012x", Math.max(0, to.toEpochMilli())) + "~";
    }
}
