package dev.monitor.local.bench;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;

/**
 * The HTTP API events (payload 2.0) API Gateway would send the api function. Only the JDK and the Lambda event types,
 * because the cold-start probe carries this class into a JVM that has nothing but the function's jar.
 */
final class HttpApiRequests {
    private static final String HOST = "api.monitor.test";
    private static final String SOURCE_IP = "192.0.2.10";

    private HttpApiRequests() {}

    static String basic(String accountSid, String authToken) {
        return "Basic " + Base64.getEncoder().encodeToString((accountSid + ":" + authToken).getBytes(StandardCharsets.UTF_8));
    }

    static String bearer(String key) {
        return "Bearer " + key;
    }

    /** {@code pathAndQuery} as a client sends it, such as {@code /v1/Events?PageSize=50}. */
    static APIGatewayV2HTTPEvent get(String pathAndQuery, String authorization) {
        int question = pathAndQuery.indexOf('?');
        String path = question < 0 ? pathAndQuery : pathAndQuery.substring(0, question);
        String query = question < 0 ? "" : pathAndQuery.substring(question + 1);
        return event("GET", path, query, Map.of("authorization", authorization, "host", HOST), null);
    }

    static APIGatewayV2HTTPEvent postJson(String path, String authorization, String json) {
        return event("POST", path, "", Map.of("authorization", authorization, "host", HOST, "content-type", "application/json"), json);
    }

    private static APIGatewayV2HTTPEvent event(String method, String path, String query, Map<String, String> headers, String body) {
        return APIGatewayV2HTTPEvent.builder()
                .withVersion("2.0")
                .withRouteKey("$default")
                .withRawPath(path)
                .withRawQueryString(query)
                .withHeaders(headers)
                .withBody(body)
                .withIsBase64Encoded(false)
                .withRequestContext(APIGatewayV2HTTPEvent.RequestContext.builder()
                        .withDomainName(HOST)
                        .withStage("$default")
                        .withHttp(APIGatewayV2HTTPEvent.RequestContext.Http.builder()
                                .withMethod(method)
                                .withPath(path)
                                .withProtocol("HTTP/1.1")
                                .withSourceIp(SOURCE_IP)
                                .build())
                        .build())
                .build();
    }
}
