package dev.monitor.events;

import dev.monitor.ids.TimeOrderedSids;
import java.time.Instant;

/**
 * Event Sids are {@code AE}, then the event date in 12 hex digits of epoch milliseconds, then 20
 * random hex digits. Sorting Sids sorts events by date, so the Sid is the sort key of every event
 * index; and a Sid alone says which shard holds its event, so fetching one is a single GetItem.
 */
public final class EventSids {
    public static final String PREFIX = "AE";
    /** Events of one account are spread over this many partitions, each good for 1,000 writes/s. */
    public static final int SHARDS = 4;
    private static final TimeOrderedSids SIDS = new TimeOrderedSids(PREFIX, SHARDS);

    private EventSids() {
    }

    /** {@code randomPart} is 10 bytes, from a secure random source or a seeded derivation. */
    public static String of(Instant eventDate, byte[] randomPart) {
        return SIDS.of(eventDate, randomPart);
    }

    public static boolean isEventSid(String value) {
        return SIDS.matches(value);
    }

    public static int shardOf(String sid) {
        return SIDS.shardOf(sid);
    }

    /** The lowest sort key of events at or after this instant. */
    public static String lowerBound(Instant from) {
        return SIDS.lowerBound(from);
    }

    /** The highest sort key of events at or before this instant. */
    public static String upperBound(Instant to) {
        return SIDS.upperBound(to);
    }
}
