package dev.monitor.usagecheck;

import com.amazonaws.services.lambda.runtime.Context;
import com.fasterxml.jackson.databind.JsonNode;
import dev.monitor.config.Settings;
import dev.monitor.lambda.BatchItemFailures;
import dev.monitor.lambda.FunctionInit;
import dev.monitor.lambda.JsonHandler;
import dev.monitor.lambda.StreamRecord;
import dev.monitor.usage.StreamChange;
import dev.monitor.usage.UsageMeter;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The table's stream in (only inserts and removals of events and alerts pass the template's filter),
 * one call to the {@link UsageMeter}, and the first record to deliver again out.
 */
public final class UsageMeterHandler extends JsonHandler {
    /** Built during Lambda's init phase, once per execution environment. */
    private static final FunctionInit<UsageMeter> METER =
            FunctionInit.of(() -> UsageCheckFactory.meter(Settings.from(System.getenv()), Clock.systemUTC()));

    private final UsageMeter meter;

    public UsageMeterHandler() {
        this(METER.get());
    }

    /** For the local stack and tests, which give the function its environment from the template. */
    public UsageMeterHandler(Map<String, String> environment) {
        this(UsageCheckFactory.meter(Settings.from(environment), Clock.systemUTC()));
    }

    public UsageMeterHandler(UsageMeter meter) {
        this.meter = meter;
    }

    @Override
    public JsonNode handle(JsonNode event, Context context) {
        List<StreamChange> changes = new ArrayList<>();
        for (StreamRecord record : StreamRecord.listFrom(event)) {
            changes.add(StreamChange.of(record));
        }
        return BatchItemFailures.of(meter.apply(changes).stream().toList());
    }
}
