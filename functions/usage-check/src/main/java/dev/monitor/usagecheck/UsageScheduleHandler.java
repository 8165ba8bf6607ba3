package dev.monitor.usagecheck;

import com.amazonaws.services.lambda.runtime.Context;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.monitor.config.Environment;
import dev.monitor.lambda.FunctionInit;
import dev.monitor.lambda.JsonHandler;
import dev.monitor.lambda.Priming;
import dev.monitor.usage.UsageCheck;
import java.time.Clock;
import java.util.Map;

/** EventBridge's every-minute Scheduled Event in (nothing of it is read), one run of the {@link UsageCheck}, a summary out. */
public final class UsageScheduleHandler extends JsonHandler {
    /** Built during Lambda's init phase, once per execution environment. */
    private static final FunctionInit<UsageCheck> CHECK = FunctionInit.of(() -> create(Environment.system()));

    private final UsageCheck check;

    public UsageScheduleHandler() {
        this(CHECK.get());
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
    public UsageScheduleHandler(Map<String, String> environment) {
        this(create(Environment.of(environment)));
    }

    public UsageScheduleHandler(UsageCheck check) {
        this.check = check;
    }

    private static UsageCheck create(Environment env) {
        return UsageCheckFactory.create(UsageCheckSettings.from(env), Clock.systemUTC());
    }

    @Override
    public JsonNode handle(JsonNode event, Context context) {
        UsageCheck.Result result = check.run();
        return TextNode.valueOf("Checked " + result.accountsChecked() + " accounts changed in minutes "
                + result.fromMinute() + " to " + result.toMinute() + "; fired " + result.triggersFired() + " triggers");
    }
}
