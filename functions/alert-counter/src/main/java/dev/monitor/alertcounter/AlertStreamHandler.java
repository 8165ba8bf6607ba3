package dev.monitor.alertcounter;

import com.amazonaws.services.lambda.runtime.Context;
import com.fasterxml.jackson.databind.JsonNode;
import dev.monitor.alarms.AlertStreamProcessor;
import dev.monitor.alerts.AlertCodec;
import dev.monitor.alerts.StreamedAlert;
import dev.monitor.config.AlarmFunctionSettings;
import dev.monitor.config.Environment;
import dev.monitor.lambda.BatchItemFailures;
import dev.monitor.lambda.FunctionInit;
import dev.monitor.lambda.JsonHandler;
import dev.monitor.lambda.Priming;
import dev.monitor.lambda.StreamRecord;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * New alert items from the table's stream in, counted and their alarms evaluated, and the earliest
 * record that must come again out (ReportBatchItemFailures): Lambda redelivers from it, and the
 * counters do not count twice what they already have.
 */
public final class AlertStreamHandler extends JsonHandler {
    /** Built during Lambda's init phase, once per execution environment. */
    private static final FunctionInit<AlertStreamProcessor> PROCESSOR =
            FunctionInit.of(() -> create(Environment.system()));

    private final AlertStreamProcessor processor;

    public AlertStreamHandler() {
        this(PROCESSOR.get());
        Priming.register(priming(Environment.system()));
    }

    /** SnapStart's hooks: a stream record's parsing and a read (see {@link Priming#parsingAndRead}). */
    public static Priming priming(Environment env) {
        return Priming.parsingAndRead(
                Priming.STREAM_EVENT,
                event -> StreamRecord.listFrom(event)
                        .forEach(record -> AlertCodec.streamedAlert(record, System.err::println)),
                env);
    }

    /** For the local stack and tests, which give the function its environment from the template. */
    public AlertStreamHandler(Map<String, String> environment) {
        this(create(Environment.of(environment)));
    }

    public AlertStreamHandler(AlertStreamProcessor processor) {
        this.processor = processor;
    }

    private static AlertStreamProcessor create(Environment env) {
        return AlertCounterFactory.create(AlarmFunctionSettings.from(env), Clock.systemUTC());
    }

    @Override
    public JsonNode handle(JsonNode event, Context context) {
        List<StreamedAlert> alerts = new ArrayList<>();
        for (StreamRecord record : StreamRecord.listFrom(event)) {
            AlertCodec.streamedAlert(record, System.err::println).ifPresent(alerts::add);
        }
        return BatchItemFailures.of(
                processor.process(alerts).firstFailed().stream().toList());
    }
}
