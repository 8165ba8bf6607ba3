package dev.monitor.usagecheck;

import com.amazonaws.services.lambda.runtime.Context;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.monitor.config.Settings;
import dev.monitor.lambda.FunctionInit;
import dev.monitor.lambda.JsonHandler;
import dev.monitor.usage.UsageCheck;
import java.time.Clock;
import java.util.Map;

/** EventBridge's every-minute Scheduled Event in (nothing of it is read), one run of the {@link UsageCheck}, a summary out. */
public final class UsageCheckHandler extends JsonHandler {
    /** Built during Lambda's init phase, once per execution environment. */
    private static final FunctionInit<UsageCheck> CHECK =
            FunctionInit.of(() -> UsageCheckFactory.check(Settings.from(System.getenv()), Clock.systemUTC()));

    private final UsageCheck check;

    public UsageCheckHandler() {
        this(CHECK.get());
    }

    /** For the local stack and tests, which give the function its environment from the template. */
    public UsageCheckHandler(Map<String, String> environment) {
        this(UsageCheckFactory.check(Settings.from(environment), Clock.systemUTC()));
    }

    public UsageCheckHandler(UsageCheck check) {
        this.check = check;
    }

    @Override
    public JsonNode handle(JsonNode event, Context context) {
        UsageCheck.Result result = check.run();
        return TextNode.valueOf("Checked " + result.accountsChecked() + " accounts changed in minutes "
                + result.fromMinute() + " to " + result.toMinute() + "; fired " + result.triggersFired() + " triggers");
    }
}
