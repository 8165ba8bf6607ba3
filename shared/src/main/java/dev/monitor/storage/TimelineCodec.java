package dev.monitor.storage;

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
public interface TimelineCodec<T, F> {
    /** The table's time-to-live attribute, epoch seconds; reads never return an item past it. */
    String EXPIRES_AT = "expires_at";

    TimelineKeys keys();

    /** The filters an index serves, most selective first: the first a request sets chooses the index. */
    List<FilterDimension<T, F>> dimensions();

    /** The whole item, keys included. */
    Map<String, AttributeValue> encode(T item, Instant expiresAt);

    T decode(Map<String, AttributeValue> item);
}
