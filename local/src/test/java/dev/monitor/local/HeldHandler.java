package dev.monitor.local;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import java.util.Map;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/** Test handler: each invocation says it started, then waits for a permit from the test before it answers. */
public final class HeldHandler implements RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> {
    static final Semaphore STARTED = new Semaphore(0);
    static final Semaphore RELEASE = new Semaphore(0);

    public HeldHandler(Map<String, String> environment) {}

    @Override
    public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
        STARTED.release();
        try {
            if (!RELEASE.tryAcquire(30, TimeUnit.SECONDS)) {
                throw new IllegalStateException("Held for 30 s and never let go");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        return APIGatewayV2HTTPResponse.builder()
                .withStatusCode(200)
                .withBody("let go")
                .build();
    }
}
