package dev.monitor.lambda;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.fasterxml.jackson.databind.JsonNode;
import dev.monitor.json.Json;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * A function's handler that reads the event Lambda sends as JSON and writes its answer as JSON itself. Lambda's runtime
 * then passes the bytes through untouched: its own event serialization, which loads classes by name (Joda-Time among
 * them) and builds an ObjectMapper on the first invocation, never runs.
 */
public abstract class JsonHandler implements RequestStreamHandler {

    @Override
    public final void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        JsonNode event = Json.parse(new String(input.readAllBytes(), StandardCharsets.UTF_8));
        output.write(Json.write(handle(event, context)).getBytes(StandardCharsets.UTF_8));
    }

    /**
     * The event in, the answer out; what it throws, Lambda reports as the invocation's error. Benchmarks and tests call
     * it in-process.
     */
    public abstract JsonNode handle(JsonNode event, Context context);
}
