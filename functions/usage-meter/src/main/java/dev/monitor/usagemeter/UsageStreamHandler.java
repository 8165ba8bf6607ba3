package dev.monitor.usagemeter;

import com.amazonaws.services.lambda.runtime.Context;
import com.fasterxml.jackson.databind.JsonNode;
import dev.monitor.aws.AwsClients;
import dev.monitor.cloudwatch.FunctionLog;
import dev.monitor.config.AwsSettings;
import dev.monitor.config.Environment;
import dev.monitor.config.SharedVariables;
import dev.monitor.dynamo.accounts.DynamoAccountStore;
import dev.monitor.dynamo.usage.DynamoUsageStore;
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
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * The table's stream in (only inserts and removals of events and alerts pass the template's filter),
 * one call to the {@link UsageMeter}, and the first record to deliver again out.
 */
public final class UsageStreamHandler extends JsonHandler {
    /** The function's name in its metrics' dimension. */
    public static final String FUNCTION = "usage-meter";

    /** Built during Lambda's init phase, once per execution environment. */
    private static final FunctionLog LOG = FunctionLog.toStdout(FUNCTION);

    private static final FunctionInit<UsageMeter> METER = FunctionInit.of(() -> create(Environment.system(), LOG));

    private final UsageMeter meter;
    private final FunctionLog log;

    public UsageStreamHandler() {
        this(METER.get(), LOG);
        Priming.register(priming(Environment.system()));
    }

    /** SnapStart's hooks: a stream record's parsing and a read (see {@link Priming#parsingAndRead}). */
    public static Priming priming(Environment env) {
        return Priming.parsingAndRead(
                Priming.STREAM_EVENT, event -> StreamRecord.listFrom(event).forEach(StreamChange::of), env);
    }

    /** For the local stack and tests, which give the function its environment from the template. */
    public UsageStreamHandler(Map<String, String> environment) {
        this(environment, FunctionLog.toStdout(FUNCTION));
    }

    private UsageStreamHandler(Map<String, String> environment, FunctionLog log) {
        this(create(Environment.of(environment), log), log);
    }

    public UsageStreamHandler(UsageMeter meter, FunctionLog log) {
        super(log);
        this.meter = meter;
        this.log = log;
    }

    /** The meter needs only the table (the counters, and each account's main account) and the pricing. */
    private static UsageMeter create(Environment env, FunctionLog log) {
        AwsClients clients = new AwsClients(AwsSettings.from(env));
        DynamoDbClient dynamo = clients.dynamoDb();
        String table = SharedVariables.table(env);
        return new UsageMeter(
                new DynamoUsageStore(dynamo, table),
                new DynamoAccountStore(dynamo, table),
                SharedVariables.pricing(env),
                Clock.systemUTC(),
                log);
    }

    @Override
    public JsonNode handle(JsonNode event, Context context) {
        List<StreamChange> changes = new ArrayList<>();
        for (StreamRecord record : StreamRecord.listFrom(event)) {
            changes.add(StreamChange.of(record));
        }
        List<String> failures = meter.apply(changes).stream().toList();
        log.add(Metric.STREAM_BATCHES, 1);
        log.add(Metric.BATCH_ITEM_FAILURES, failures.size());
        return BatchItemFailures.of(failures);
    }
}
