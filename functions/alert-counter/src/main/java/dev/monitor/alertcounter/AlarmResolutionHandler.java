package dev.monitor.alertcounter;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.ScheduledEvent;
import dev.monitor.alarms.AlarmResolutionCheck;
import dev.monitor.config.Settings;
import java.time.Clock;
import java.util.Map;

/** EventBridge's every-minute Scheduled Event in, one run of the {@link AlarmResolutionCheck}, a summary out. */
public final class AlarmResolutionHandler implements RequestHandler<ScheduledEvent, String> {
    /** Built during Lambda's init phase, once per execution environment. */
    private static final class FromEnvironment {
        static final AlarmResolutionCheck CHECK = AlertCounterFactory.resolutionCheck(Settings.from(System.getenv()), Clock.systemUTC());
    }

    private final AlarmResolutionCheck check;

    public AlarmResolutionHandler() {
        this(FromEnvironment.CHECK);
    }

    /** For the local stack and tests, which give the function its environment from the template. */
    public AlarmResolutionHandler(Map<String, String> environment) {
        this(AlertCounterFactory.resolutionCheck(Settings.from(environment), Clock.systemUTC()));
    }

    public AlarmResolutionHandler(AlarmResolutionCheck check) {
        this.check = check;
    }

    @Override
    public String handleRequest(ScheduledEvent event, Context context) {
        AlarmResolutionCheck.Result result = check.run();
        return "Checked " + result.checked() + " fired windows; resolved " + result.resolved() + " alarms";
    }
}
