package dev.monitor.alertcounter;

import com.amazonaws.services.lambda.runtime.Context;
import com.fasterxml.jackson.databind.JsonNode;
import dev.monitor.alarms.AlertStreamProcessor;
import dev.monitor.alerts.LogLevel;
import dev.monitor.alerts.StreamedAlert;
import dev.monitor.config.Settings;
import dev.monitor.lambda.BatchItemFailures;
import dev.monitor.lambda.FunctionInit;
import dev.monitor.lambda.JsonHandler;
import dev.monitor.lambda.StreamRecord;
import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * New alert items from the table's stream in, counted and their alarms evaluated, and the earliest
 * record that must come again out (ReportBatchItemFailures): Lambda redelivers from it, and the
 * counters do not count twice what they already have.
 */
public final class AlertCounterHandler extends JsonHandler {
    /** Built during Lambda's init phase, once per execution environment. */
    private static final FunctionInit<AlertStreamProcessor> PROCESSOR =
            FunctionInit.of(() -> AlertCounterFactory.create(Settings.from(System.getenv()), Clock.systemUTC()));

    private final AlertStreamProcessor processor;

    public AlertCounterHandler() {
        this(PROCESSOR.get());
    }

    /** For the local stack and tests, which give the function its environment from the template. */
    public AlertCounterHandler(Map<String, String> environment) {
        this(AlertCounterFactory.create(Settings.from(environment), Clock.systemUTC()));
    }

    public AlertCounterHandler(AlertStreamProcessor processor) {
        this.processor = processor;
    }

    @Override
    public JsonNode handle(JsonNode event, Context context) {
        List<StreamedAlert> alerts = new ArrayList<>();
        for (StreamRecord record : StreamRecord.listFrom(event)) {
            alert(record).ifPresent(alerts::add);
        }
        return BatchItemFailures.of(processor.process(alerts).firstFailed().stream().toList());
    }

    /**
     * The alert of a new alert item; empty for anything else. An alert item that cannot be read is
     * skipped, not retried: it would fail the same way every time and hold up the shard.
     */
    static Optional<StreamedAlert> alert(StreamRecord record) {
        Map<String, AttributeValue> image = record.newImage();
        if (!record.isInsert() || image.isEmpty()) {
            return Optional.empty();
        }
        String partition = text(image, "pk");
        if (partition == null || !partition.startsWith("NO#")) {
            return Optional.empty();
        }
        String account = text(image, "account_sid");
        String code = text(image, "error_code");
        Optional<LogLevel> level = Optional.ofNullable(text(image, "log_level")).flatMap(LogLevel::fromWire);
        Optional<Instant> date = Optional.ofNullable(text(image, "date_generated")).flatMap(AlertCounterHandler::instant);
        if (account == null || code == null || level.isEmpty() || date.isEmpty()) {
            System.err.println("Skipping unreadable alert item " + text(image, "sk") + " at sequence number " + record.sequenceNumber());
            return Optional.empty();
        }
        return Optional.of(new StreamedAlert(partition, record.sequenceNumber(), account, code, level.get(), date.get()));
    }

    private static Optional<Instant> instant(String text) {
        try {
            return Optional.of(Instant.parse(text));
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

    private static String text(Map<String, AttributeValue> image, String name) {
        AttributeValue value = image.get(name);
        return value == null ? null : value.s();
    }
}
