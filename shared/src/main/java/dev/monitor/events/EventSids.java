package dev.monitor.events;

import java.time.Instant;
import java.util.HexFormat;
import java.util.regex.Pattern;

/**
 * Event Sids are {@code AE}, then the event date in 12 hex digits of epoch milliseconds, then 20
 * random hex digits. Sorting Sids sorts events by date, so the Sid is the sort key of every event
 * index; and a Sid alone says which shard holds its event, so fetching one is a single GetItem.
 */
public final class EventSids {
    public static final String PREFIX = "AE";
    /** Events of one account are spread over this many partitions, each good for 1,000 writes/s. */
    public static final int SHARDS = 4;
    private static final Pattern EVENT_SID = Pattern.compile("AE[0-9a-f]{32}");

    private EventSids() {
    }

    /** {@code randomPart} is 10 bytes, from a secure random source or a seeded derivation. */
    public static String of(Instant eventDate, byte[] randomPart) {
        return PREFIX + String.format("%012x", eventDate.toEpochMilli()) + HexFormat.of().formatHex(randomPart, 0, 10);
    }

    public static boolean isEventSid(String value) {
        return value != null && EVENT_SID.matcher(value).matches();
    }

    public static int shardOf(String sid) {
        return Character.digit(sid.charAt(sid.length() - 1), 16) % SHARDS;
    }

    /** The lowest sort key of events at or after this instant. */
    public static String lowerBound(Instant from) {
        return PREFIX + String.format("%012x", Math.max(0, from.toEpochMilli()));
    }

    /** The highest sort key of events at or before this instant. */
    public static String upperBound(Instant to) {
        return PREFIX + String.format("%012x", Math.max(0, to.toEpochMilli())) + "~";
    }
}
