package dev.monitor.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.amazonaws.services.lambda.runtime.tests.EventLoader;
import com.fasterxml.jackson.databind.JsonNode;
import dev.monitor.json.Json;
import dev.monitor.testing.ApiClient;
import dev.monitor.testing.RunningStack;
import dev.monitor.testing.TestAccount;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The sample events of {@code events/api/}, as API Gateway sends them, through the handler itself:
 * what {@code sam local invoke} does with them, here against the local stack's DynamoDB.
 */
class ApiHandlerEventFixturesTest {
    private static ApiHandler handler;
    private static TestAccount account;

    @BeforeAll
    static void handlerWithTheFunctionsEnvironment() {
        handler = new ApiHandler(RunningStack.get().functionEnvironment("ApiFunction"));
        account = RunningStack.newAccount();
    }

    private static APIGatewayV2HTTPEvent fixture(String name, String authorization) {
        APIGatewayV2HTTPEvent event = EventLoader.loadApiGatewayHttpEvent(Path.of("..", "events", "api", name).toString());
        Map<String, String> headers = new HashMap<>(event.getHeaders());
        headers.put("authorization", authorization);
        event.setHeaders(headers);
        return event;
    }

    private static JsonNode json(APIGatewayV2HTTPResponse response) throws Exception {
        return Json.parse(response.getBody());
    }

    @Test
    void health() throws Exception {
        APIGatewayV2HTTPResponse response = handler.handleRequest(fixture("health.json", ""), null);
        assertEquals(200, response.getStatusCode());
        assertEquals("ok", json(response).get("status").asText());
    }

    @Test
    void createAccountWithTheOperatorKey() throws Exception {
        APIGatewayV2HTTPResponse response = handler.handleRequest(fixture("create-account.json", "Bearer " + RunningStack.get().operatorKey()), null);
        assertEquals(201, response.getStatusCode(), response.getBody());
        assertEquals("Acme Corp", json(response).get("friendly_name").asText());
    }

    @Test
    void recordListAndFetchEvents() throws Exception {
        String basic = ApiClient.basic(account.sid(), account.authToken());
        APIGatewayV2HTTPResponse recorded = handler.handleRequest(fixture("record-events.json", basic), null);
        assertEquals(201, recorded.getStatusCode(), recorded.getBody());
        JsonNode events = json(recorded).get("events");
        assertEquals(2, events.size());
        assertEquals("https://monitor.example.com/v1/Events/" + events.get(0).get("sid").asText(), events.get(0).get("url").asText());
        assertEquals(json(recorded), json(handler.handleRequest(fixture("record-events.json", basic), null)), "the fixture's Idempotency-Key makes a retry answer the same");

        JsonNode list = json(handler.handleRequest(fixture("list-events.json", basic), null));
        assertEquals(1, list.get("events").size());
        assertEquals("phone-number.created", list.get("events").get(0).get("event_type").asText());
        assertTrue(list.get("meta").get("url").asText().startsWith("https://monitor.example.com/v1/Events?EventType=phone-number.created&PageSize=20"));

        APIGatewayV2HTTPEvent fetch = fixture("fetch-event.json", basic);
        String sid = events.get(0).get("sid").asText();
        fetch.setRawPath("/v1/Events/" + sid);
        fetch.getRequestContext().getHttp().setPath("/v1/Events/" + sid);
        assertEquals(sid, json(handler.handleRequest(fetch, null)).get("sid").asText());
        assertEquals(404, handler.handleRequest(fixture("fetch-event.json", basic), null).getStatusCode());
    }

    @Test
    void createASubaccountWithAForm() throws Exception {
        APIGatewayV2HTTPResponse response = handler.handleRequest(fixture("create-subaccount.json", ApiClient.basic(account.sid(), account.authToken())), null);
        assertEquals(201, response.getStatusCode(), response.getBody());
        assertEquals(account.sid(), json(response).get("owner_account_sid").asText());
    }
}
