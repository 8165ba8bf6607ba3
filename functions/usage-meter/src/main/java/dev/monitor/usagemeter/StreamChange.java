package dev.monitor.usagemeter;

import dev.monitor.dynamo.Attributes;
import dev.monitor.dynamo.TimelineKeys;
import dev.monitor.dynamo.alerts.AlertCodec;
import dev.monitor.dynamo.events.EventCodec;
import dev.monitor.lambda.StreamRecord;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * One record of the table's stream, as far as metering cares: an item of an event or alert that
 * appeared or went away.
 *
 * @param sequenceNumber the record's sequence number in the stream, a decimal number
 * @param inserted true for an item written, false for one removed (deleted, or expired by TTL)
 * @param partitionKey the item's table partition key, as {@link EventCodec} or {@link AlertCodec} writes it
 * @param accountSid the item's {@code account_sid}, when the record carries the new image
 * @param recordedAt when DynamoDB made the record: the GMT day it counts on
 */
public record StreamChange(
        String sequenceNumber, boolean inserted, String partitionKey, Optional<String> accountSid, Instant recordedAt) {
    /** The metered items, which the meter's stream filter in template.yaml passes. */
    private static final List<TimelineKeys> METERED = List.of(EventCodec.KEYS, AlertCodec.KEYS);

    public static StreamChange of(StreamRecord record) {
        return new StreamChange(
                record.sequenceNumber(),
                record.isInsert(),
                TimelineKeys.partitionKeyIn(record.keys()),
                Attributes.optionalString(record.newImage(), TimelineKeys.ACCOUNT_SID),
                record.approximateCreation());
    }

    /** The account it counts for: the item's; for a removal, which carries only the keys, the one its key names. */
    public Optional<String> account() {
        return accountSid.or(() -> METERED.stream()
                .flatMap(keys -> keys.accountOf(partitionKey).stream())
                .findFirst());
    }
}
