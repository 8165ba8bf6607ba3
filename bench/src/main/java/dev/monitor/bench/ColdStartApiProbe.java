package dev.monitor.bench;

import com.fasterxml.jackson.databind.JsonNode;
import dev.monitor.api.ApiGatewayHandler;
import java.lang.management.ManagementFactory;

/**
 * Run in a fresh JVM from the api function's jar: Lambda's init (the handler's no-argument constructor, which reads
 * the environment) and a first authenticated {@code GET /v1/Events}. Prints the time from JVM start to the end of
 * init and to the response, in microseconds to the millisecond. Argument: the Authorization header.
 */
public final class ColdStartApiProbe {
    private ColdStartApiProbe() {}

    public static void main(String[] args) {
        ApiGatewayHandler handler = new ApiGatewayHandler();
        long initialized = System.currentTimeMillis();
        // The api handler reads nothing from the Lambda context.
        JsonNode response = handler.handle(HttpApiRequests.get("/v1/Events", args[0]), null);
        long answered = System.currentTimeMillis();
        long jvmStart = ManagementFactory.getRuntimeMXBean().getStartTime();
        if (response.get("statusCode").asInt() != 200) {
            System.err.println("GET /v1/Events answered " + response.get("statusCode") + ": "
                    + response.get("body").asText());
            System.exit(1);
        }
        System.out.println((initialized - jvmStart) * 1000 + " " + (answered - jvmStart) * 1000);
    }
}
