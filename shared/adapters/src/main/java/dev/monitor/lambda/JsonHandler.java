package dev.monitor.lambda;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.fasterxml.jackson.databind.JsonNode;
import dev.monitor.aws.CallBudget;
import dev.monitor.cloudwatch.FunctionLog;
import dev.monitor.cloudwatch.LogSink;
import dev.monitor.jackson.Json;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * A function's handler that reads the event Lambda sends as JSON and writes its answer as JSON itself. Lambda's runtime
 * then passes the bytes through untouched: its own event serialization, which loads classes by name (Joda-Time among
 * them) and builds an ObjectMapper on the first invocation, never runs. Each invocation logs under its request id; its
 * metrics are written when it ends, and what it throws is logged as one line before Lambda reports it.
 */
public abstract class JsonHandler implements RequestStreamHandler {
    private final FunctionLog log;

    protected JsonHandler(FunctionLog log) {
        this.log = log;
    }

    @Override
    public final void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        log.begin(context);
        JsonNode answer;
        try {
            JsonNode event = Json.parse(new String(input.readAllBytes(), StandardCharsets.UTF_8));
            // Every call to AWS ends inside the invocation's remaining time, with enough left to answer.
            answer = context == null
                    ? handle(event, null)
                    : CallBudget.within(context.getRemainingTimeInMillis(), () -> handle(event, context));
        } catch (IOException | RuntimeException | Error e) {
            log.error("The invocation failed", e);
            throw e;
        } finally {
            log.end();
        }
        output.write(Json.write(answer).getBytes(StandardCharsets.UTF_8));
    }

    /**
     * The event in, the answer out; what it throws, Lambda reports as the invocation's error. Benchmarks and tests call
     * it in-process.
     */
    public abstract JsonNode handle(JsonNode event, Context context);

    /** Sends this instance's log lines to {@code sink} from now on: the local stack collects every function's. */
    public final void sendLogsTo(LogSink sink) {
        log.sendTo(sink);
    }
}
