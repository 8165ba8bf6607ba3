package dev.monitor.lambda;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.monitor.aws.AwsClients;
import dev.monitor.config.AwsSettings;
import dev.monitor.config.Environment;
import dev.monitor.config.SharedVariables;
import dev.monitor.jackson.Json;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.crac.Context;
import org.crac.Core;
import org.crac.Resource;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * What a function runs before SnapStart snapshots its initialized JVM, and after each restore of that snapshot. Before:
 * the function's request path on an input that writes nothing, so its classes are loaded and its code compiled in the
 * snapshot rather than on a first request. After: what each restored copy must not share with the others.
 */
public final class Priming implements Resource {
    /** A DynamoDB stream event of one record whose item is none of Monitor's: every stream function skips it. */
    public static final String STREAM_EVENT = "{\"Records\":[{\"eventName\":\"MODIFY\",\"dynamodb\":{"
            + "\"ApproximateCreationDateTime\":1700000000,\"SequenceNumber\":\"1\","
            + "\"Keys\":{\"pk\":{\"S\":\"PRIMING\"},\"sk\":{\"S\":\"PRIMING\"}},"
            + "\"NewImage\":{\"pk\":{\"S\":\"PRIMING\"},\"sk\":{\"S\":\"PRIMING\"},\"n\":{\"N\":\"1\"}}}}]}";
    /** EventBridge's Scheduled Event. */
    public static final String SCHEDULED_EVENT = "{\"version\":\"0\",\"id\":\"priming\","
            + "\"detail-type\":\"Scheduled Event\",\"source\":\"aws.events\",\"time\":\"2026-01-01T00:00:00Z\","
            + "\"resources\":[],\"detail\":{}}";

    /** org.crac holds registered resources weakly: these are the strong references that keep them. */
    private static final List<Priming> REGISTERED = new CopyOnWriteArrayList<>();

    private final Runnable beforeCheckpoint;
    private final Runnable afterRestore;

    public Priming(Runnable beforeCheckpoint, Runnable afterRestore) {
        this.beforeCheckpoint = beforeCheckpoint;
        this.afterRestore = afterRestore;
    }

    /** Registers with the runtime's CRaC context; without one (a JVM outside SnapStart) the hooks never run. */
    public static void register(Priming priming) {
        REGISTERED.add(priming);
        Core.getGlobalContext().register(priming);
    }

    /** A failure here fails the snapshot, and so the version's publication: better than a broken first request. */
    @Override
    public void beforeCheckpoint(Context<? extends Resource> context) {
        beforeCheckpoint.run();
    }

    @Override
    public void afterRestore(Context<? extends Resource> context) {
        afterRestore.run();
    }

    /**
     * The priming of a function on a stream, a queue or a schedule, whose every event leads to writes: the event's JSON
     * and its parsing into records (a sample that names nothing stored), then one read that finds nothing through a
     * DynamoDB client built from the function's settings as its own is (the SDK's classes, code and HTTP stack, in a
     * second instance). Nothing to redo after a restore: such a function draws its randomness from SecureRandom and
     * reads the clock at each use.
     */
    public static Priming parsingAndRead(String sampleEvent, Consumer<JsonNode> parse, Environment env) {
        return new Priming(
                () -> {
                    try {
                        parse.accept(Json.parse(sampleEvent));
                    } catch (JsonProcessingException e) {
                        throw new IllegalStateException("The priming event is not JSON", e);
                    }
                    readMissingItem(new AwsClients(AwsSettings.from(env)).dynamoDb(), SharedVariables.table(env));
                },
                () -> {});
    }

    /**
     * A consistent GetItem of a key no item has ({@code pk} is not one of the data model's prefixes): the SDK's
     * marshalling, signing, HTTP client and unmarshalling run, and nothing is read or written.
     */
    public static void readMissingItem(DynamoDbClient dynamo, String table) {
        dynamo.getItem(request -> request.tableName(table)
                .key(Map.of("pk", AttributeValue.fromS("PRIMING"), "sk", AttributeValue.fromS("PRIMING")))
                .consistentRead(true));
    }
}
