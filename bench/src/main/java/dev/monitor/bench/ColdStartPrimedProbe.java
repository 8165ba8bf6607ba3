package dev.monitor.bench;

import com.fasterxml.jackson.databind.JsonNode;
import dev.monitor.api.ApiGatewayHandler;
import dev.monitor.lambda.Priming;
import java.lang.management.ManagementFactory;
import java.util.Arrays;

/**
 * Run in a fresh JVM from the api function's jar: Lambda's init, then the priming SnapStart runs (before the snapshot,
 * then after a restore), then a first authenticated {@code GET /v1/Events}, then {@value #WARM_REQUESTS} more. Prints,
 * in microseconds: JVM start to the end of init, the first request after priming (what a SnapStart cold start costs
 * the function after its restore), and the median of the later ones (a warm request). Argument: the Authorization
 * header.
 */
public final class ColdStartPrimedProbe {
    static final int WARM_REQUESTS = 30;

    private ColdStartPrimedProbe() {}

    public static void main(String[] args) {
        ApiGatewayHandler handler = new ApiGatewayHandler();
        long initialized = System.currentTimeMillis();
        Priming priming = handler.priming();
        priming.beforeCheckpoint(null);
        priming.afterRestore(null);
        long first = request(handler, args[0]);
        long[] warm = new long[WARM_REQUESTS];
        for (int i = 0; i < WARM_REQUESTS; i++) {
            warm[i] = request(handler, args[0]);
        }
        Arrays.sort(warm);
        long jvmStart = ManagementFactory.getRuntimeMXBean().getStartTime();
        System.out.println((initialized - jvmStart) * 1000 + " " + first + " " + warm[WARM_REQUESTS / 2]);
    }

    /** Microseconds from the event to the response. */
    private static long request(ApiGatewayHandler handler, String authorization) {
        JsonNode event = HttpApiRequests.get("/v1/Events", authorization);
        long start = System.nanoTime();
        // The api handler reads nothing from the Lambda context.
        JsonNode response = handler.handle(event, null);
        long elapsed = (System.nanoTime() - start) / 1000;
        if (response.get("statusCode").asInt() != 200) {
            System.err.println("GET /v1/Events answered " + response.get("statusCode") + ": "
                    + response.get("body").asText());
            System.exit(1);
        }
        return elapsed;
    }
}
