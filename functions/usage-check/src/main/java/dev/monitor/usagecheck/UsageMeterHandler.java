package dev.monitor.usagecheck;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import com.amazonaws.services.lambda.runtime.events.models.dynamodb.AttributeValue;
import com.amazonaws.services.lambda.runtime.events.models.dynamodb.StreamRecord;
import dev.monitor.config.Settings;
import dev.monitor.usage.StreamChange;
import dev.monitor.usage.UsageMeter;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The table's stream in (only inserts and removals of events and alerts pass the template's filter),
 * one call to the {@link UsageMeter}, and the first record to deliver again out.
 */
public final class UsageMeterHandler implements RequestHandler<DynamodbEvent, StreamsEventResponse> {
    /** Built during Lambda's init phase, once per execution environment. */
    private static final class FromEnvironment {
        static final UsageMeter METER = UsageCheckFactory.meter(Settings.from(System.getenv()), Clock.systemUTC());
    }

    private final UsageMeter meter;

    public UsageMeterHandler() {
        this(FromEnvironment.METER);
    }

    /** For the local stack and tests, which give the function its environment from the template. */
    public UsageMeterHandler(Map<String, String> environment) {
        this(UsageCheckFactory.meter(Settings.from(environment), Clock.systemUTC()));
    }

    public UsageMeterHandler(UsageMeter meter) {
        this.meter = meter;
    }

    @Override
    public StreamsEventResponse handleRequest(DynamodbEvent event, Context context) {
        List<StreamChange> changes = new ArrayList<>(event.getRecords().size());
        for (DynamodbEvent.DynamodbStreamRecord record : event.getRecords()) {
            StreamRecord data = record.getDynamodb();
            Optional<String> accountSid = Optional.ofNullable(data.getNewImage()).map(image -> image.get("account_sid")).map(AttributeValue::getS);
            changes.add(new StreamChange(data.getSequenceNumber(), "INSERT".equals(record.getEventName()),
                    data.getKeys().get("pk").getS(), accountSid, data.getApproximateCreationDateTime().toInstant()));
        }
        List<StreamsEventResponse.BatchItemFailure> failures = meter.apply(changes)
                .map(sequenceNumber -> List.of(new StreamsEventResponse.BatchItemFailure(sequenceNumber)))
                .orElse(List.of());
        return new StreamsEventResponse(failures);
    }
}
