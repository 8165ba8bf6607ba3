package dev.monitor.alerts;

import dev.monitor.ids.TimeOrderedSids;

/**
 * Alert Sids are {@code NO}, the date generated in 12 hex digits of epoch milliseconds and 20 random
 * hex digits: they sort by date, and the last digit names the shard, so a fetch is one GetItem.
 */
public final class AlertSids {
    public static final String PREFIX = "NO";
    /** An account's alerts are spread over this many partitions, each good for 1,000 writes/s. */
    public static final TimeOrderedSids SIDS = new TimeOrderedSids(PREFIX, 4);

    private AlertSids() {
    }
}
