package dev.monitor.usagecheck;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.ScheduledEvent;
import dev.monitor.config.Settings;
import dev.monitor.usage.UsageCheck;
import java.time.Clock;
import java.util.Map;

/** EventBridge's every-minute Scheduled Event in, one run of the {@link UsageCheck}, a summary out. */
public final class UsageCheckHandler implements RequestHandler<ScheduledEvent, String> {
    /** Built during Lambda's init phase, once per execution environment. */
    private static final class FromEnvironment {
        static final UsageCheck CHECK = UsageCheckFactory.check(Settings.from(System.getenv()), Clock.systemUTC());
    }

    private final UsageCheck check;

    public UsageCheckHandler() {
        this(FromEnvironment.CHECK);
    }

    /** For the local stack and tests, which give the function its environment from the template. */
    public UsageCheckHandler(Map<String, String> environment) {
        this(UsageCheckFactory.check(Settings.from(environment), Clock.systemUTC()));
    }

    public UsageCheckHandler(UsageCheck check) {
        this.check = check;
    }

    @Override
    public String handleRequest(ScheduledEvent event, Context context) {
        UsageCheck.Result result = check.run();
        return "Checked " + result.accountsChecked() + " accounts changed in minutes " + result.fromMinute() + " to " + result.toMinute()
                + "; fired " + result.triggersFired() + " triggers";
    }
}
