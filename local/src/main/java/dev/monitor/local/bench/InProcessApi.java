package dev.monitor.local.bench;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.monitor.api.ApiFactory;
import dev.monitor.api.ApiHandler;
import dev.monitor.aws.AwsClients;
import dev.monitor.config.Settings;
import dev.monitor.json.Json;
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
    private final ApiHandler handler;

    private InProcessApi(ApiHandler handler) {
        this.handler = handler;
    }

    static InProcessApi start(Map<String, String> environment, ExecutionInterceptor... interceptors) {
        Settings settings = Settings.from(environment);
        AwsClients clients = new AwsClients(settings,
                ClientOverrideConfiguration.builder().executionInterceptors(List.of(interceptors)).build());
        return new InProcessApi(new ApiHandler(ApiFactory.create(settings, clients, Clock.systemUTC())));
    }

    /** Fails on any other status than {@code expectedStatus}: a benchmark of failing requests measures nothing. */
    APIGatewayV2HTTPResponse call(APIGatewayV2HTTPEvent request, int expectedStatus) {
        // The api handler reads nothing from the Lambda context.
        APIGatewayV2HTTPResponse response = handler.handleRequest(request, null);
        if (response.getStatusCode() != expectedStatus) {
            throw new IllegalStateException(request.getRequestContext().getHttp().getMethod() + " " + request.getRawPath()
                    + " answered " + response.getStatusCode() + ", not " + expectedStatus + ": " + response.getBody());
        }
        return response;
    }

    JsonNode json(APIGatewayV2HTTPEvent request, int expectedStatus) {
        try {
            return Json.parse(call(request, expectedStatus).getBody());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("The api answered something that is not JSON", e);
        }
    }

    /** A new main account, made with the operator key as its operator would. */
    AccountCredentials createAccount(String operatorKey, String friendlyName) {
        JsonNode created = json(HttpApiRequests.postJson("/v1/Accounts", HttpApiRequests.bearer(operatorKey),
                Json.write(Json.object().put("friendly_name", friendlyName))), 201);
        return new AccountCredentials(created.get("sid").textValue(), created.get("auth_token").textValue());
    }
}
