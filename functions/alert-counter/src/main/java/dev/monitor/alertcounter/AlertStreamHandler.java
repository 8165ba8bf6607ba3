package dev.monitor.alertcounter;

import com.amazonaws.services.lambda.runtime.Context;
import com.fasterxml.jackson.databind.JsonNode;
import dev.monitor.alerts.StreamedAlert;
import dev.monitor.cloudwatch.FunctionLog;
import dev.monitor.config.AlarmFunctionSettings;
import dev.monitor.config.Environment;
import dev.monitor.dynamo.alerts.AlertCodec;
import dev.monitor.lambda.BatchItemFailures;
import dev.monitor.lambda.FunctionInit;
import dev.monitor.lambda.JsonHandler;
import dev.monitor.lambda.Priming;
import dev.monitor.lambda.StreamRecord;
import dev.monitor.metrics.Metric;
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
    /** The function's name in its metrics' dimension. */
    public static final String FUNCTION = "alert-counter";

    /** Built during Lambda's init phase, once per execution environment. */
    private static final FunctionLog LOG = FunctionLog.toStdout(FUNCTION);

    private static final FunctionInit<AlertStreamProcessor> PROCESSOR =
            FunctionInit.of(() -> create(Environment.system(), LOG));

    private final AlertStreamProcessor processor;
    private final FunctionLog log;

    public AlertStreamHandler() {
        this(PROCESSOR.get(), LOG);
        Priming.register(priming(Environment.system()));
    }

    /** SnapStart's hooks: a stream record's parsing and a read (see {@link Priming#parsingAndRead}). */
    public static Priming priming(Environment env) {
        return Priming.parsingAndRead(
                Priming.STREAM_EVENT,
                event -> StreamRecord.listFrom(event).forEach(record -> AlertCodec.streamedAlert(record, LOG)),
                env);
    }

    /** For the local stack and tests, which give the function its environment from the template. */
    public AlertStreamHandler(Map<String, String> environment) {
        this(environment, FunctionLog.toStdout(FUNCTION));
    }

    private AlertStreamHandler(Map<String, String> environment, FunctionLog log) {
        this(create(Environment.of(environment), log), log);
    }

    public AlertStreamHandler(AlertStreamProcessor processor, FunctionLog log) {
        super(log);
        this.processor = processor;
        this.log = log;
    }

    private static AlertStreamProcessor create(Environment env, FunctionLog log) {
        return AlertCounterFactory.create(AlarmFunctionSettings.from(env), Clock.systemUTC(), log);
    }

    @Override
    public JsonNode handle(JsonNode event, Context context) {
        List<StreamedAlert> alerts = new ArrayList<>();
        for (StreamRecord record : StreamRecord.listFrom(event)) {
            AlertCodec.streamedAlert(record, log).ifPresent(alerts::add);
        }
        List<String> failures = processor.process(alerts).firstFailed().stream().toList();
        log.add(Metric.STREAM_BATCHES, 1);
        log.add(Metric.BATCH_ITEM_FAILURES, failures.size());
        return BatchItemFailures.of(failures);
    }
}
