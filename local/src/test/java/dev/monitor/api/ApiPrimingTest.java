package dev.monitor.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.monitor.aws.AwsClients;
import dev.monitor.cloudwatch.FunctionLog;
import dev.monitor.config.Environment;
import dev.monitor.jackson.Json;
import dev.monitor.local.LocalStack;
import dev.monitor.testing.RunningStack;
import dev.monitor.testing.TestAccount;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.ResourceLock;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;
import software.amazon.awssdk.services.dynamodb.model.Select;

/**
 * SnapStart's priming of the api function, run as Lambda runs it (beforeCheckpoint, then afterRestore) on the local
 * stack, and the DynamoDB calls of a new instance's first request.
 */
// Alone on the shared stack, after the classes that run beside the others there: counts every item of the table.
@Order(Order.DEFAULT + 1)
@ResourceLock(RunningStack.ALL_ACCOUNTS)
class ApiPrimingTest {
    private static final Set<String> READS = Set.of("GetItem", "Query", "BatchGetItem");

    @Test
    void primingRunsTheRequestPathAndWritesNothing() {
        LocalStack stack = RunningStack.get();
        String table = stack.functionEnvironment("ApiFunction").get("MONITOR_TABLE");
        TestAccount account = RunningStack.newAccount();
        Instance api = Instance.start();
        // The stack's stream and schedule functions write on their own after a change; priming starts once they rest.
        int itemsBefore = settledItems(stack, table);
        api.calls.clear();

        api.handler.priming().beforeCheckpoint(null);
        api.handler.priming().afterRestore(null);

        // Ten rounds of: the unknown account's GetItem, then the list path's configuration GetItem and one Query per
        // shard.
        assertEquals(Map.of("GetItem", 20L, "Query", 40L), api.callsByOperation(), "priming's DynamoDB calls");
        assertTrue(READS.containsAll(api.calls), "priming only reads: " + api.calls);
        assertEquals(itemsBefore, items(stack, table), "items in the table after priming");
        // Primed, the instance still answers its callers as before.
        assertEquals(200, api.call(get("/v1/Events", account)).get("statusCode").asInt());
    }

    @Test
    void restoredCopiesMakeDifferentSids() {
        TestAccount account = RunningStack.newAccount();
        Instance first = Instance.start();
        Instance second = Instance.start();
        for (Instance copy : List.of(first, second)) {
            copy.handler.priming().beforeCheckpoint(null);
            copy.handler.priming().afterRestore(null);
        }
        // Each copy's Sids come from its own draws: a generator seeded at init would repeat them in every copy.
        List<String> firstSids = record(first, account, "api-key.created");
        List<String> secondSids = record(second, account, "api-key.created");
        assertNotEquals(firstSids, secondSids);
        List<String> all = new ArrayList<>(firstSids);
        all.addAll(secondSids);
        assertEquals(all.size(), Set.copyOf(all).size(), "distinct Sids: " + all);
    }

    @Test
    void firstRequestMakesTheCallsOfEveryLaterOne() {
        TestAccount account = RunningStack.newAccount();
        Instance setUp = Instance.start();
        record(setUp, account, "phone-number.created");
        record(setUp, account, "phone-number.deleted");
        Instance fresh = Instance.start();

        // A page of one of two events: the answer carries a sealed page token.
        fresh.calls.clear();
        JsonNode first = body(fresh.call(get("/v1/Events?PageSize=1", account)));
        Map<String, Long> firstCalls = fresh.callsByOperation();
        fresh.calls.clear();
        fresh.call(get("/v1/Events?PageSize=1", account));
        Map<String, Long> secondCalls = fresh.callsByOperation();

        assertTrue(first.at("/meta/next_page_url").asText().contains("PageToken="), first.toString());
        // The account (authentication), its family's admission and its release, its events configuration, one Query
        // per shard; the page-token key was read at init.
        assertEquals(
                Map.of("GetItem", 2L, "Query", 4L, "UpdateItem", 2L), firstCalls, "first request's DynamoDB calls");
        assertEquals(secondCalls, firstCalls, "a later request's DynamoDB calls");
    }

    private static List<String> record(Instance api, TestAccount account, String eventType) {
        ObjectNode request = request("POST", "/v1/Events", "", account);
        request.withObjectProperty("headers").put("content-type", "application/json");
        request.put("body", "{\"event_type\": \"" + eventType + "\"}");
        JsonNode answer = api.call(request);
        assertEquals(201, answer.get("statusCode").asInt(), answer.toString());
        List<String> sids = new ArrayList<>();
        body(answer).get("events").forEach(event -> sids.add(event.get("sid").asText()));
        return sids;
    }

    private static JsonNode body(JsonNode answer) {
        try {
            return Json.parse(answer.get("body").asText());
        } catch (JsonProcessingException e) {
            throw new AssertionError("Not JSON: " + answer, e);
        }
    }

    private static int settledItems(LocalStack stack, String table) {
        int count = items(stack, table);
        for (int same = 0, polls = 0; same < 4 && polls < 60; polls++) {
            try {
                Thread.sleep(500);
            } catch (InterruptedException e) {
                throw new AssertionError(e);
            }
            int next = items(stack, table);
            same = next == count ? same + 1 : 0;
            count = next;
        }
        return count;
    }

    private static int items(LocalStack stack, String table) {
        return stack.dynamoDb()
                .scan(request -> request.tableName(table).select(Select.COUNT))
                .count();
    }

    private static ObjectNode get(String pathAndQuery, TestAccount account) {
        int question = pathAndQuery.indexOf('?');
        return question < 0
                ? request("GET", pathAndQuery, "", account)
                : request("GET", pathAndQuery.substring(0, question), pathAndQuery.substring(question + 1), account);
    }

    private static ObjectNode request(String method, String path, String query, TestAccount account) {
        ObjectNode event = Json.object()
                .put("version", "2.0")
                .put("routeKey", "$default")
                .put("rawPath", path)
                .put("rawQueryString", query);
        event.putObject("headers")
                .put("host", "api.monitor.test")
                .put(
                        "authorization",
                        "Basic "
                                + Base64.getEncoder()
                                        .encodeToString((account.sid() + ":" + account.authToken())
                                                .getBytes(StandardCharsets.UTF_8)));
        event.putObject("requestContext")
                .putObject("http")
                .put("method", method)
                .put("path", path)
                .put("sourceIp", "192.0.2.10");
        return event.put("isBase64Encoded", false);
    }

    /** One api function instance with its own SDK clients, whose DynamoDB calls it records. */
    private record Instance(ApiGatewayHandler handler, List<String> calls) {
        static Instance start() {
            List<String> calls = Collections.synchronizedList(new ArrayList<>());
            ExecutionInterceptor recorder = new ExecutionInterceptor() {
                @Override
                public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
                    calls.add(attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME));
                }
            };
            ApiSettings settings =
                    ApiSettings.from(Environment.of(RunningStack.get().functionEnvironment("ApiFunction")));
            AwsClients clients = new AwsClients(
                    settings.aws(),
                    ClientOverrideConfiguration.builder()
                            .addExecutionInterceptor(recorder)
                            .build());
            FunctionLog log = FunctionLog.toStdout(ApiGatewayHandler.FUNCTION);
            return new Instance(
                    new ApiGatewayHandler(ApiFactory.create(settings, clients, ApiFactory.CLOCK, log), log), calls);
        }

        JsonNode call(JsonNode request) {
            return handler.handle(request, null);
        }

        Map<String, Long> callsByOperation() {
            Map<String, Long> counted = new TreeMap<>();
            synchronized (calls) {
                calls.forEach(operation -> counted.merge(operation, 1L, Long::sum));
            }
            return counted;
        }
    }
}
