package dev.monitor.alarmresolution;

import com.amazonaws.services.lambda.runtime.Context;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.monitor.cloudwatch.FunctionLog;
import dev.monitor.config.AlarmFunctionSettings;
import dev.monitor.config.Environment;
import dev.monitor.lambda.FunctionInit;
import dev.monitor.lambda.JsonHandler;
import dev.monitor.lambda.Priming;
import dev.monitor.metrics.Metric;
import java.time.Clock;
import java.util.Map;

/**
 * EventBridge's every-minute Scheduled Event in (nothing of it is read), one run of the {@link AlarmResolutionCheck},
 * a summary out.
 */
public final class ResolutionScheduleHandler extends JsonHandler {
    /** The function's name in its metrics' dimension. */
    public static final String FUNCTION = "alarm-resolution";

    /** Built during Lambda's init phase, once per execution environment. */
    private static final FunctionLog LOG = FunctionLog.toStdout(FUNCTION);

    private static final FunctionInit<AlarmResolutionCheck> CHECK =
            FunctionInit.of(() -> create(Environment.system(), LOG));

    private final AlarmResolutionCheck check;
    private final FunctionLog log;

    public ResolutionScheduleHandler() {
        this(CHECK.get(), LOG);
        Priming.register(priming(Environment.system()));
    }

    /**
     * SnapStart's hooks: the Scheduled Event's JSON, which the check does not read, and a read (see {@link
     * Priming#parsingAndRead}); the check itself would write what it finds due, so priming never runs it.
     */
    public static Priming priming(Environment env) {
        return Priming.parsingAndRead(Priming.SCHEDULED_EVENT, event -> {}, env);
    }

    /** For the local stack and tests, which give the function its environment from the template. */
    public ResolutionScheduleHandler(Map<String, String> environment) {
        this(environment, FunctionLog.toStdout(FUNCTION));
    }

    private ResolutionScheduleHandler(Map<String, String> environment, FunctionLog log) {
        this(create(Environment.of(environment), log), log);
    }

    public ResolutionScheduleHandler(AlarmResolutionCheck check, FunctionLog log) {
        super(log);
        this.check = check;
        this.log = log;
    }

    private static AlarmResolutionCheck create(Environment env, FunctionLog log) {
        return AlarmResolutionFactory.create(AlarmFunctionSettings.from(env), Clock.systemUTC(), log);
    }

    @Override
    public JsonNode handle(JsonNode event, Context context) {
        AlarmResolutionCheck.Result result = check.run();
        log.add(Metric.ALARMS_RESOLVED, result.resolved());
        return TextNode.valueOf(
                "Checked " + result.checked() + " fired windows; resolved " + result.resolved() + " alarms");
    }
}
