package dev.monitor.usage;

import java.time.Instant;
import java.util.Optional;

/**
 * One record of the table's stream, as far as metering cares: an item of an event or alert that
 * appeared or went away.
 *
 * @param sequenceNumber the record's sequence number in the stream, a decimal number
 * @param inserted true for an item written, false for one removed (deleted, or expired by TTL)
 * @param partitionKey the item's table partition key, {@code EV#<account>#<shard>} for an event
 * @param accountSid the item's {@code account_sid}, when the record carries the new image
 * @param recordedAt when DynamoDB made the record: the GMT day it counts on
 */
public record StreamChange(String sequenceNumber, boolean inserted, String partitionKey, Optional<String> accountSid, Instant recordedAt) {
}
