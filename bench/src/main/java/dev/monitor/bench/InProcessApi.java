package dev.monitor.bench;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.monitor.api.ApiFactory;
import dev.monitor.api.ApiGatewayHandler;
import dev.monitor.api.ApiSettings;
import dev.monitor.aws.AwsClients;
import dev.monitor.cloudwatch.FunctionLog;
import dev.monitor.config.Environment;
import dev.monitor.jackson.Json;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;

/**
 * One instance of the api function in this JVM, as the local stack runs it (the function's environment, its own SDK
 * clients), with the benchmark's interceptors on those clients. Called with API Gateway's events, no HTTP in between.
 */
final class InProcessApi {
    private final ApiGatewayHandler handler;

    private InProcessApi(ApiGatewayHandler handler) {
        this.handler = handler;
    }

    static InProcessApi start(Map<String, String> environment, ExecutionInterceptor... interceptors) {
        ApiSettings settings = ApiSettings.from(Environment.of(environment));
        AwsClients clients = new AwsClients(
                settings.aws(),
                ClientOverrideConfiguration.builder()
                        .executionInterceptors(List.of(interceptors))
                        .build());
        FunctionLog log = FunctionLog.toStdout(ApiGatewayHandler.FUNCTION);
        return new InProcessApi(
                new ApiGatewayHandler(ApiFactory.create(settings, clients, Clock.systemUTC(), log), log));
    }

    /**
     * Fails on any other status than {@code expectedStatus}: a benchmark of failing requests measures nothing. A 429
     * (over the account's limits) is waited out as its Retry-After says and sent again, as a client would.
     */
    JsonNode call(JsonNode request, int expectedStatus) {
        // The api handler reads nothing from the Lambda context.
        JsonNode response = handler.handle(request, null);
        for (int retry = 0; response.get("statusCode").asInt() == 429 && expectedStatus != 429 && retry < 10; retry++) {
            try {
                Thread.sleep(
                        1_000L * response.path("headers").path("Retry-After").asLong(1));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            response = handler.handle(request, null);
        }
        if (response.get("statusCode").asInt() != expectedStatus) {
            throw new IllegalStateException(request.at("/requestContext/http/method")
                            .asText() + " " + request.get("rawPath").asText() + " answered "
                    + response.get("statusCode").asInt() + ", not " + expectedStatus + ": "
                    + response.get("body").asText());
        }
        return response;
    }

    JsonNode json(JsonNode request, int expectedStatus) {
        try {
            return Json.parse(call(request, expectedStatus).get("body").asText());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("The api answered something that is not JSON", e);
        }
    }

    /** A new main account, made with the operator key as its operator would. */
    AccountCredentials createAccount(String operatorKey, String friendlyName) {
        JsonNode created = json(
                HttpApiRequests.postJson(
                        "/v1/Accounts",
                        HttpApiRequests.bearer(operatorKey),
                        Json.write(Json.object().put("friendly_name", friendlyName))),
                201);
        return new AccountCredentials(
                created.get("sid").textValue(), created.get("auth_token").textValue());
    }
}
