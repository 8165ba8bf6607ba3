package dev.monitor.alerts;

import java.time.Instant;

/**
 * An alert as the table's stream delivered it to the counter.
 *
 * @param partition the alert item's table partition key; the stream keeps one partition's records in
 *     order, so a sequence number above a partition's last counted one is a record not yet counted
 * @param sequenceNumber the stream record's sequence number (decimal digits)
 */
public record StreamedAlert(
        String partition,
        String sequenceNumber,
        String accountSid,
        String errorCode,
        LogLevel logLevel,
        Instant dateGenerated) {

    /** Sequence numbers are up to 40 digits; left-padded to 40 they compare as strings in numeric order. */
    public String orderedSequenceNumber() {
        return "0".repeat(Math.max(0, 40 - sequenceNumber.length())) + sequenceNumber;
    }
}
