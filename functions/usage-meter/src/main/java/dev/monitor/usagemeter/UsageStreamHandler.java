package dev.monitor.usagemeter;

import com.amazonaws.services.lambda.runtime.Context;
import com.fasterxml.jackson.databind.JsonNode;
import dev.monitor.aws.AwsClients;
import dev.monitor.aws.AwsSettings;
import dev.monitor.config.Environment;
import dev.monitor.config.SharedVariables;
import dev.monitor.lambda.BatchItemFailures;
import dev.monitor.lambda.FunctionInit;
import dev.monitor.lambda.JsonHandler;
import dev.monitor.lambda.Priming;
import dev.monitor.lambda.StreamRecord;
import dev.monitor.usage.DynamoUsageStore;
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
public final class UsageStreamHandler extends JsonHandler {
    /** Built during Lambda's init phase, once per execution environment. */
    private static final FunctionInit<UsageMeter> METER = FunctionInit.of(() -> create(Environment.system()));

    private final UsageMeter meter;

    public UsageStreamHandler() {
        this(METER.get());
        Priming.register(priming(Environment.system()));
    }

    /** SnapStart's hooks: a stream record's parsing and a read (see {@link Priming#parsingAndRead}). */
    public static Priming priming(Environment env) {
        return Priming.parsingAndRead(
                Priming.STREAM_EVENT, event -> StreamRecord.listFrom(event).forEach(StreamChange::of), env);
    }

    /** For the local stack and tests, which give the function its environment from the template. */
    public UsageStreamHandler(Map<String, String> environment) {
        this(create(Environment.of(environment)));
    }

    public UsageStreamHandler(UsageMeter meter) {
        this.meter = meter;
    }

    /** The meter needs only the table: it is the whole of this function's wiring. */
    private static UsageMeter create(Environment env) {
        AwsClients clients = new AwsClients(AwsSettings.from(env));
        return new UsageMeter(
                new DynamoUsageStore(clients.dynamoDb(), SharedVariables.table(env)),
                Clock.systemUTC(),
                System.err::println);
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
