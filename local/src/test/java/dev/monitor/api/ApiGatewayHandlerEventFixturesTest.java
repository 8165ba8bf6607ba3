package dev.monitor.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.monitor.jackson.Json;
import dev.monitor.testing.ApiClient;
import dev.monitor.testing.RunningStack;
import dev.monitor.testing.TestAccount;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The sample events of {@code events/api/}, as API Gateway sends them, through the handler itself:
 * what {@code sam local invoke} does with them, here against the local stack's DynamoDB.
 */
class ApiGatewayHandlerEventFixturesTest {
    private static ApiGatewayHandler handler;
    private static TestAccount account;

    @BeforeAll
    static void handlerWithTheFunctionsEnvironment() {
        handler = new ApiGatewayHandler(RunningStack.get().functionEnvironment("ApiFunction"));
        account = RunningStack.newAccount();
    }

    private static ObjectNode fixture(String name, String authorization) throws Exception {
        ObjectNode event = (ObjectNode) Json.parse(Files.readString(Path.of("..", "events", "api", name)));
        ((ObjectNode) event.get("headers")).put("authorization", authorization);
        return event;
    }

    private static JsonNode json(JsonNode response) throws Exception {
        return Json.parse(response.get("body").asText());
    }

    private static int status(JsonNode response) {
        return response.get("statusCode").asInt();
    }

    @Test
    void health() throws Exception {
        JsonNode response = handler.handle(fixture("health.json", ""), null);
        assertEquals(200, status(response));
        assertEquals("ok", json(response).get("status").asText());
    }

    @Test
    void createAccountWithTheOperatorKey() throws Exception {
        JsonNode response = handler.handle(
                fixture("create-account.json", "Bearer " + RunningStack.get().operatorKey()), null);
        assertEquals(201, status(response), response.toString());
        assertEquals("Acme Corp", json(response).get("friendly_name").asText());
    }

    @Test
    void recordListAndFetchEvents() throws Exception {
        String basic = ApiClient.basic(account.sid(), account.authToken());
        JsonNode recorded = handler.handle(fixture("record-events.json", basic), null);
        assertEquals(201, status(recorded), recorded.toString());
        JsonNode events = json(recorded).get("events");
        assertEquals(2, events.size());
        assertEquals(
                "https://monitor.example.com/v1/Events/"
                        + events.get(0).get("sid").asText(),
                events.get(0).get("url").asText());
        assertEquals(
                json(recorded),
                json(handler.handle(fixture("record-events.json", basic), null)),
                "the fixture's Idempotency-Key makes a retry answer the same");

        JsonNode list = json(handler.handle(fixture("list-events.json", basic), null));
        assertEquals(1, list.get("events").size());
        assertEquals(
                "phone-number.created",
                list.get("events").get(0).get("event_type").asText());
        assertTrue(list.get("meta")
                .get("url")
                .asText()
                .startsWith("https://monitor.example.com/v1/Events?EventType=phone-number.created&PageSize=20"));

        ObjectNode fetch = fixture("fetch-event.json", basic);
        String sid = events.get(0).get("sid").asText();
        fetch.put("rawPath", "/v1/Events/" + sid);
        ((ObjectNode) fetch.at("/requestContext/http")).put("path", "/v1/Events/" + sid);
        assertEquals(sid, json(handler.handle(fetch, null)).get("sid").asText());
        assertEquals(404, status(handler.handle(fixture("fetch-event.json", basic), null)));
    }

    @Test
    void createASubaccountWithAForm() throws Exception {
        JsonNode response = handler.handle(
                fixture("create-subaccount.json", ApiClient.basic(account.sid(), account.authToken())), null);
        assertEquals(201, status(response), response.toString());
        assertEquals(account.sid(), json(response).get("owner_account_sid").asText());
    }
}
