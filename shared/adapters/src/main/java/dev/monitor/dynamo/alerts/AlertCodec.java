package dev.monitor.dynamo.alerts;

import static dev.monitor.dynamo.Attributes.n;
import static dev.monitor.dynamo.Attributes.s;

import dev.monitor.alerts.Alert;
import dev.monitor.alerts.AlertFilter;
import dev.monitor.alerts.LogLevel;
import dev.monitor.alerts.StreamedAlert;
import dev.monitor.dynamo.Attributes;
import dev.monitor.dynamo.FilterDimension;
import dev.monitor.dynamo.FilterIndex;
import dev.monitor.dynamo.TimelineCodec;
import dev.monitor.dynamo.TimelineKeys;
import dev.monitor.lambda.StreamRecord;
import dev.monitor.logging.Log;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The alert item: an account's alerts lie under {@code NO#<account>#<shard>} in the table, and
 * gsi1..gsi3 hold them again under the error code, the log level and the resource. Every key starts
 * with {@code NO#}: the alert counter's stream filter and usage metering pick alerts out by it.
 */
public final class AlertCodec extends TimelineCodec<Alert, AlertFilter> {
    public static final TimelineKeys KEYS = new TimelineKeys("NO#", Alert.SIDS);

    /** Most selective first (docs/data-model.md, "Alerts"). */
    private static final List<FilterDimension<Alert, AlertFilter>> DIMENSIONS = List.of(
            new FilterDimension<>(
                    new FilterIndex("gsi3", "g3pk", "R", "resource_sid"), Alert::resourceSid, AlertFilter::resourceSid),
            new FilterDimension<>(
                    new FilterIndex("gsi1", "g1pk", "E", "error_code"), Alert::errorCode, AlertFilter::errorCode),
            new FilterDimension<>(
                    new FilterIndex("gsi2", "g2pk", "L", "log_level"),
                    alert -> alert.logLevel().wire(),
                    filter -> filter.logLevel().map(LogLevel::wire)));

    public AlertCodec() {
        super(KEYS, DIMENSIONS);
    }

    @Override
    public Map<String, AttributeValue> encode(Alert alert, Instant expiresAt) {
        Map<String, AttributeValue> item =
                KEYS.itemKeys(alert.accountSid(), alert.sid(), FilterDimension.valuesIn(DIMENSIONS, alert));
        item.put(TimelineKeys.ACCOUNT_SID, s(alert.accountSid()));
        item.put("error_code", s(alert.errorCode()));
        item.put("log_level", s(alert.logLevel().wire()));
        Attributes.putIfPresent(item, "alert_text", alert.alertText());
        Attributes.putIfPresent(item, "resource_sid", alert.resourceSid());
        Attributes.putIfPresent(item, "service_sid", alert.serviceSid());
        Attributes.putIfPresent(item, "request_method", alert.requestMethod());
        Attributes.putIfPresent(item, "request_url", alert.requestUrl());
        Attributes.putIfPresent(item, "request_variables", alert.requestVariables());
        Attributes.putIfPresent(item, "request_headers", alert.requestHeaders());
        Attributes.putIfPresent(item, "response_body", alert.responseBody());
        Attributes.putIfPresent(item, "response_headers", alert.responseHeaders());
        Attributes.putIfPresent(item, "api_version", alert.apiVersion());
        item.put("more_info", s(alert.moreInfo()));
        item.put("date_generated", s(alert.dateGenerated().toString()));
        item.put("date_created", s(alert.dateCreated().toString()));
        item.put(EXPIRES_AT, n(expiresAt.getEpochSecond()));
        return item;
    }

    @Override
    public Alert decode(Map<String, AttributeValue> item) {
        return new Alert(
                Attributes.string(item, "sk"),
                Attributes.string(item, TimelineKeys.ACCOUNT_SID),
                Attributes.string(item, "error_code"),
                LogLevel.fromWire(Attributes.string(item, "log_level")).orElseThrow(),
                Attributes.stringOrNull(item, "alert_text"),
                Attributes.stringOrNull(item, "resource_sid"),
                Attributes.stringOrNull(item, "service_sid"),
                Attributes.stringOrNull(item, "request_method"),
                Attributes.stringOrNull(item, "request_url"),
                Attributes.stringOrNull(item, "request_variables"),
                Attributes.stringOrNull(item, "request_headers"),
                Attributes.stringOrNull(item, "response_body"),
                Attributes.stringOrNull(item, "response_headers"),
                Attributes.stringOrNull(item, "api_version"),
                Attributes.string(item, "more_info"),
                Attributes.instant(item, "date_generated"),
                Attributes.instant(item, "date_created"));
    }

    /**
     * What the alert counter reads of a stream record: the alert of a new alert item, empty for
     * anything else. An alert item that cannot be read is skipped, with a word to {@code log}, not
     * retried: it would fail the same way every time and hold up the shard.
     */
    public static Optional<StreamedAlert> streamedAlert(StreamRecord record, Log log) {
        Map<String, AttributeValue> image = record.newImage();
        if (!record.isInsert() || !KEYS.holds(image)) {
            return Optional.empty();
        }
        String account = Attributes.stringOrNull(image, TimelineKeys.ACCOUNT_SID);
        String code = Attributes.stringOrNull(image, "error_code");
        Optional<LogLevel> level = Attributes.optionalString(image, "log_level").flatMap(LogLevel::fromWire);
        Optional<Instant> date =
                Attributes.optionalString(image, "date_generated").flatMap(AlertCodec::instant);
        if (account == null || code == null || level.isEmpty() || date.isEmpty()) {
            log.warn("Skipping an unreadable alert item", Map.of("sequenceNumber", record.sequenceNumber()));
            return Optional.empty();
        }
        return Optional.of(new StreamedAlert(
                TimelineKeys.partitionKeyIn(image), record.sequenceNumber(), account, code, level.get(), date.get()));
    }

    private static Optional<Instant> instant(String text) {
        try {
            return Optional.of(Instant.parse(text));
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }
}
