package dev.monitor.local;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;

/** Test handler: records each request's event and environment, and echoes the body back. */
public final class HttpEchoHandler implements RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> {
    static final BlockingQueue<APIGatewayV2HTTPEvent> EVENTS = new LinkedBlockingQueue<>();
    static volatile Map<String, String> environment;

    public HttpEchoHandler(Map<String, String> environment) {
        HttpEchoHandler.environment = environment;
    }

    @Override
    public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
        EVENTS.add(event);
        context.getLogger()
                .log("echoing " + event.getRequestContext().getHttp().getMethod() + " " + event.getRawPath());
        return APIGatewayV2HTTPResponse.builder()
                .withStatusCode(201)
                .withHeaders(
                        Map.of("Content-Type", "application/octet-stream", "X-Function", context.getFunctionName()))
                .withCookies(List.of("seen=yes; Path=/"))
                .withBody(event.getBody())
                .withIsBase64Encoded(event.getIsBase64Encoded())
                .build();
    }
}
