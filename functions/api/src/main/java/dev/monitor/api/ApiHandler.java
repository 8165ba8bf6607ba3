package dev.monitor.api;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import dev.monitor.config.Settings;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** API Gateway (HTTP API, payload 2.0) in, one call to the {@link Api}, the response out. */
public final class ApiHandler implements RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> {
    /** Built during Lambda's init phase, once per execution environment. */
    private static final class FromEnvironment {
        static final Api API = ApiFactory.create(Settings.from(System.getenv()), ApiFactory.CLOCK);
    }

    private final Api api;

    public ApiHandler() {
        this(FromEnvironment.API);
    }

    /** For the local stack and tests, which give the function its environment from the template. */
    public ApiHandler(Map<String, String> environment) {
        this(ApiFactory.create(Settings.from(environment), ApiFactory.CLOCK));
    }

    public ApiHandler(Api api) {
        this.api = api;
    }

    @Override
    public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
        HttpResponse response = api.handle(toRequest(event));
        return APIGatewayV2HTTPResponse.builder()
                .withStatusCode(response.status())
                .withHeaders(response.headers())
                .withBody(response.body())
                .withIsBase64Encoded(false)
                .build();
    }

    static HttpRequest toRequest(APIGatewayV2HTTPEvent event) {
        Map<String, String> headers = new HashMap<>();
        if (event.getHeaders() != null) {
            event.getHeaders().forEach((name, value) -> headers.put(name.toLowerCase(Locale.ROOT), value));
        }
        String body = event.getBody();
        if (body != null && event.getIsBase64Encoded()) {
            body = new String(Base64.getDecoder().decode(body), StandardCharsets.UTF_8);
        }
        APIGatewayV2HTTPEvent.RequestContext context = event.getRequestContext();
        String method = context.getHttp().getMethod().toUpperCase(Locale.ROOT);
        Map<String, List<String>> query = HttpRequest.parseForm(event.getRawQueryString());
        return new HttpRequest(method, event.getRawPath(), query, headers, body, context.getHttp().getSourceIp());
    }
}
