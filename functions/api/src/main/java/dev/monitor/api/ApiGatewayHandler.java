package dev.monitor.api;

import com.amazonaws.services.lambda.runtime.Context;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.monitor.cloudwatch.FunctionLog;
import dev.monitor.config.Environment;
import dev.monitor.errors.DomainException;
import dev.monitor.jackson.Json;
import dev.monitor.lambda.FunctionInit;
import dev.monitor.lambda.JsonHandler;
import dev.monitor.lambda.Priming;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** API Gateway's HTTP API event (payload format 2.0) in, one call to the {@link Api}, its response out. */
public final class ApiGatewayHandler extends JsonHandler {
    /** The function's name in its metrics' dimension. */
    public static final String FUNCTION = "api";

    /** Built during Lambda's init phase, once per execution environment. */
    private static final FunctionLog LOG = FunctionLog.toStdout(FUNCTION);

    private static final FunctionInit<Api> API =
            FunctionInit.of(() -> ApiFactory.create(ApiSettings.from(Environment.system()), ApiFactory.CLOCK, LOG));

    private final Api api;

    /**
     * What SnapStart's priming sends through the whole handler: an HTTP API event asking for {@code GET /v1/Events}
     * with well-formed credentials of an account that cannot exist (its Sid is all zeros), which the api refuses with
     * 401 after one GetItem that finds nothing.
     */
    private static final byte[] PRIMING_REQUEST = ("{\"version\":\"2.0\",\"routeKey\":\"$default\","
                    + "\"rawPath\":\"/v1/Events\",\"rawQueryString\":\"PageSize=20\","
                    + "\"headers\":{\"authorization\":\"Basic "
                    + Base64.getEncoder()
                            .encodeToString(
                                    (Api.PRIMING_ACCOUNT_SID + ":" + "0".repeat(32)).getBytes(StandardCharsets.UTF_8))
                    + "\",\"host\":\"priming.invalid\"},"
                    + "\"requestContext\":{\"http\":{\"method\":\"GET\",\"path\":\"/v1/Events\","
                    + "\"sourceIp\":\"192.0.2.1\"}},\"isBase64Encoded\":false}")
            .getBytes(StandardCharsets.UTF_8);

    /**
     * How often priming runs the request path. Once loads its classes but leaves most of its code interpreted: C1
     * compiles a method only after some hundreds of calls. The cold-start benchmark's first request after priming cost
     * 2.41 times a warm one with one round and 1.58 times with ten; each round is six reads at publication time.
     */
    private static final int PRIMING_ROUNDS = 10;

    /** Lambda's constructor: the one instance of this execution environment, primed before SnapStart's snapshot. */
    public ApiGatewayHandler() {
        this(API.get(), LOG);
        Priming.register(priming());
    }

    /** For the local stack and tests, which give the function its environment from the template. */
    public ApiGatewayHandler(Map<String, String> environment) {
        this(environment, FunctionLog.toStdout(FUNCTION));
    }

    private ApiGatewayHandler(Map<String, String> environment, FunctionLog log) {
        this(ApiFactory.create(ApiSettings.from(Environment.of(environment)), ApiFactory.CLOCK, log), log);
    }

    /** With an api built elsewhere, such as a benchmark's, and the log it was built with. */
    public ApiGatewayHandler(Api api, FunctionLog log) {
        super(log);
        this.api = api;
    }

    /**
     * Before the snapshot: the request path through this handler (JSON in and out, routing, authentication, the SDK's
     * marshalling and HTTP client, Twilio's error body), then the list path and the page token's sealing ({@link
     * Api#prime}); nothing is written. After a restore there is nothing to redo: Sids, secrets, nonces and
     * idempotency seeds come from the JDK's SecureRandom, which is reseeded in each restored copy on Lambda, the clock
     * is read at each use, and the SDK's pooled connections are idle past their keep-alive by the time a snapshot is
     * restored, so the JDK closes them rather than reuse them. Public for the tests, which run both hooks.
     */
    public Priming priming() {
        return new Priming(this::prime, () -> {});
    }

    private void prime() {
        for (int round = 0; round < PRIMING_ROUNDS; round++) {
            try {
                ByteArrayOutputStream answer = new ByteArrayOutputStream();
                handleRequest(new ByteArrayInputStream(PRIMING_REQUEST), answer, null);
                int status = Json.parse(answer.toString(StandardCharsets.UTF_8))
                        .path("statusCode")
                        .asInt();
                if (status != 401) {
                    throw new IllegalStateException("The priming request answered " + status + ", not 401");
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            api.prime();
        }
    }

    @Override
    public JsonNode handle(JsonNode event, Context context) {
        HttpResponse response;
        try {
            response = api.handle(toRequest(event));
        } catch (DomainException unreadable) {
            // A query string that cannot be decoded: answered like any bad input.
            response = ErrorResponses.of(unreadable).withStandardHeaders();
        }
        ObjectNode answer = Json.object().put("statusCode", response.status());
        ObjectNode headers = answer.putObject("headers");
        response.headers().forEach(headers::put);
        return answer.put("body", response.body()).put("isBase64Encoded", false);
    }

    static HttpRequest toRequest(JsonNode event) {
        Map<String, String> headers = new HashMap<>();
        event.path("headers")
                .properties()
                .forEach(header -> headers.put(
                        header.getKey().toLowerCase(Locale.ROOT),
                        header.getValue().asText()));
        String body = event.path("body").isTextual() ? event.get("body").asText() : null;
        if (body != null && event.path("isBase64Encoded").asBoolean()) {
            body = new String(Base64.getDecoder().decode(body), StandardCharsets.UTF_8);
        }
        JsonNode http = event.path("requestContext").path("http");
        String method = http.path("method").asText().toUpperCase(Locale.ROOT);
        Map<String, List<String>> query =
                HttpRequest.parseForm(event.path("rawQueryString").asText(""));
        return new HttpRequest(
                method,
                event.path("rawPath").asText(),
                query,
                headers,
                body,
                http.path("sourceIp").asText(null));
    }
}
