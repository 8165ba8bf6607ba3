package dev.monitor.dynamo;

import dev.monitor.paging.TimelineFilter;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * One item type on a sharded timeline, as the table holds it: its keys, its filter indexes and its
 * attributes, written and read, from the table or from a stream image alike.
 *
 * @param <T> the item
 * @param <F> the filter a request reads the timeline by
 */
public abstract class TimelineCodec<T, F extends TimelineFilter> {
    /** The table's time-to-live attribute, epoch seconds; reads never return an item past it. */
    public static final String EXPIRES_AT = "expires_at";

    private final TimelineKeys keys;
    private final List<FilterDimension<T, F>> dimensions;

    /**
     * {@code dimensions} are the filters an index serves, most selective first: the first a request sets chooses the
     * index.
     */
    protected TimelineCodec(TimelineKeys keys, List<FilterDimension<T, F>> dimensions) {
        this.keys = keys;
        this.dimensions = dimensions;
    }

    public final TimelineKeys keys() {
        return keys;
    }

    public final List<FilterDimension<T, F>> dimensions() {
        return dimensions;
    }

    /** The whole item, keys included. */
    public abstract Map<String, AttributeValue> encode(T item, Instant expiresAt);

    public abstract T decode(Map<String, AttributeValue> item);
}
