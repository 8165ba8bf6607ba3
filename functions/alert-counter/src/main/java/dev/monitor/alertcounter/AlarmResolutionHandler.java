package dev.monitor.alertcounter;

import com.amazonaws.services.lambda.runtime.Context;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.monitor.alarms.AlarmResolutionCheck;
import dev.monitor.config.Settings;
import dev.monitor.lambda.FunctionInit;
import dev.monitor.lambda.JsonHandler;
import java.time.Clock;
import java.util.Map;

/** EventBridge's every-minute Scheduled Event in (nothing of it is read), one run of the {@link AlarmResolutionCheck}, a summary out. */
public final class AlarmResolutionHandler extends JsonHandler {
    /** Built during Lambda's init phase, once per execution environment. */
    private static final FunctionInit<AlarmResolutionCheck> CHECK = FunctionInit.of(
            () -> AlertCounterFactory.resolutionCheck(Settings.from(System.getenv()), Clock.systemUTC()));

    private final AlarmResolutionCheck check;

    public AlarmResolutionHandler() {
        this(CHECK.get());
    }

    /** For the local stack and tests, which give the function its environment from the template. */
    public AlarmResolutionHandler(Map<String, String> environment) {
        this(AlertCounterFactory.resolutionCheck(Settings.from(environment), Clock.systemUTC()));
    }

    public AlarmResolutionHandler(AlarmResolutionCheck check) {
        this.check = check;
    }

    @Override
    public JsonNode handle(JsonNode event, Context context) {
        AlarmResolutionCheck.Result result = check.run();
        return TextNode.valueOf(
                "Checked " + result.checked() + " fired windows; resolved " + result.resolved() + " alarms");
    }
}
