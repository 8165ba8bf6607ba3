package dev.monitor.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.monitor.jackson.Json;
import dev.monitor.testing.ApiClient;
import dev.monitor.testing.RunningStack;
import dev.monitor.testing.TestAccount;
import java.io.IOException;
import java.math.BigInteger;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.Supplier;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;
import org.junit.jupiter.api.parallel.ResourceAccessMode;
import org.junit.jupiter.api.parallel.ResourceLock;

/**
 * Thousands of requests made by mutating valid ones at random, from a fixed seed: a field dropped, nulled, of another
 * type, huge, or misspelt; a body cut short or sent as another media type; a filter with a junk value or a misspelt
 * name. None may answer a 5xx or take more than a few seconds, and what was refused stored nothing: in the end each
 * account holds exactly what its accepted requests created. The figures go to target/random-mutation.txt.
 */
@Order(4)
@Execution(ExecutionMode.CONCURRENT) // beside the other classes: its 44 s were the longest of the sequence
@ResourceLock(value = RunningStack.ALL_ACCOUNTS, mode = ResourceAccessMode.READ)
class RandomMutationTest {
    private static final long SEED = 20261125L;
    private static final int REQUESTS = 2_000;
    /** Far above any answer of a healthy local stack, far below a request that works for long. */
    private static final long SLOWEST_ALLOWED_MILLIS = 5_000;

    private static final String EVENT = """
            {"event_type": "user.login", "resource_sid": "US%s", "actor_sid": "US%s", "actor_type": "user",
             "source": "api", "source_ip_address": "203.0.113.7", "description": "signed in",
             "event_data": {"browser": "firefox"}}""";
    private static final String ALERT = """
            {"error_code": "11200", "log_level": "error", "alert_text": "timeout", "request_method": "POST",
             "request_url": "https://example.com/hook"}""";
    private static final String ALARM = """
            {"friendlyName": "errors", "queryType": "ERROR_CODE", "query": "11200", "triggerValue": 5,
             "timeWindow": "FIVE_MINS", "email": ["ops@example.com"]}""";
    private static final List<String> LISTS = List.of(
            "/v1/Events?EventType=user.login&StartDate=2026-01-01&PageSize=20",
            "/v1/Events?ActorSid=US" + "a".repeat(32) + "&SourceIpAddress=203.0.113.7",
            "/v1/Alerts?LogLevel=error&ErrorCode=11200&EndDate=2026-12-31",
            "/v1/AlertCounts?Interval=hour&ErrorCode=11200",
            "/v2/Alarms?PageSize=5",
            "/v1/Deliveries?Status=failed",
            "/2010-04-01/Accounts.json?Status=active&FriendlyName=x");

    private final Random random = new Random(SEED);
    private long slowest;
    private final int[] byStatusClass = new int[6];

    @Test
    void noMutationAnswersAServerErrorOrRunsLongOrStoresWhatWasRefused() throws IOException {
        TestAccount account = RunningStack.newAccount();
        ApiClient client = account.client();
        int eventsStored = 0;
        int alertsStored = 0;
        int alarmsStored = 0;
        int subaccountsCreated = 0;
        List<String> serverErrors = new ArrayList<>();
        for (int i = 0; i < REQUESTS; i++) {
            int kind = random.nextInt(5);
            ApiClient.Response response;
            String description;
            switch (kind) {
                case 0 -> {
                    String body = mutate(EVENT.formatted(hex(), hex()));
                    description = "POST /v1/Events " + body;
                    response = post(client, "/v1/Events", body);
                    if (response.status() == 201) {
                        for (JsonNode event : response.json().get("events")) {
                            eventsStored += event.get("stored").asBoolean() ? 1 : 0;
                        }
                    }
                }
                case 1 -> {
                    String body = mutate(ALERT);
                    description = "POST /v1/Alerts " + body;
                    response = post(client, "/v1/Alerts", body);
                    if (response.status() == 201) {
                        alertsStored += response.json().get("alerts").size();
                    }
                }
                case 2 -> {
                    String body = mutate(ALARM);
                    description = "POST /v2/Alarms " + body;
                    response = post(client, "/v2/Alarms", body);
                    alarmsStored += response.status() == 201 ? 1 : 0;
                }
                case 3 -> {
                    String path = mutateQuery(LISTS.get(random.nextInt(LISTS.size())));
                    description = "GET " + path;
                    response = time(() -> client.get(path));
                }
                default -> {
                    String form = mutateForm("FriendlyName=Sub");
                    description = "POST /2010-04-01/Accounts.json " + form;
                    response = time(() -> client.postForm("/2010-04-01/Accounts.json", form));
                    subaccountsCreated += response.status() == 201 ? 1 : 0;
                }
            }
            byStatusClass[response.status() / 100]++;
            if (response.status() >= 500) {
                serverErrors.add(description + " -> " + response.status() + " " + response.text());
            }
        }
        assertEquals(List.of(), serverErrors);
        // Beside the events recorded, each alarm created is Monitor's alarm.created event in the log.
        List<JsonNode> log = account.eventsBesideItsCreation();
        long alarmEvents = log.stream()
                .filter(event -> event.get("event_type").asText().equals("alarm.created"))
                .count();
        assertEquals(alarmsStored, alarmEvents);
        assertEquals(eventsStored, log.size() - alarmEvents);
        assertEquals(alertsStored, count(client, "/v1/Alerts?PageSize=1000", "alerts"));
        assertEquals(alarmsStored, count(client, "/v2/Alarms?PageSize=1000", "alarms"));
        assertEquals(
                subaccountsCreated + 1,
                client.get("/2010-04-01/Accounts.json?PageSize=1000")
                        .json()
                        .get("accounts")
                        .size());
        Files.writeString(
                Path.of("target", "random-mutation.txt"),
                "requests " + REQUESTS + ", seed " + SEED + "\n2xx " + byStatusClass[2] + ", 4xx " + byStatusClass[4]
                        + ", 5xx " + byStatusClass[5] + "\nslowest " + slowest + " ms\nstored by accepted requests: "
                        + eventsStored + " events, " + alertsStored + " alerts, " + alarmsStored
                        + " alarms, " + subaccountsCreated + " subaccounts; by refused requests: 0\n");
        assertTrue(slowest < SLOWEST_ALLOWED_MILLIS, "the slowest request took " + slowest + " ms");
    }

    private ApiClient.Response post(ApiClient client, String path, String body) {
        String contentType = random.nextInt(12) == 0
                ? List.of("text/plain", "application/jsonx", "application/x-www-form-urlencoded", "application/json;")
                        .get(random.nextInt(4))
                : "application/json";
        return time(() -> client.send("POST", path, contentType, body));
    }

    private ApiClient.Response time(Supplier<ApiClient.Response> call) {
        long start = System.nanoTime();
        ApiClient.Response response = call.get();
        slowest = Math.max(slowest, (System.nanoTime() - start) / 1_000_000);
        return response;
    }

    /** One to three mutations of a valid JSON body, or a corruption of its text. */
    private String mutate(String valid) throws IOException {
        if (random.nextInt(10) == 0) {
            return corrupt(valid);
        }
        JsonNode root = Json.parse(valid);
        ObjectNode item = (ObjectNode) root;
        int mutations = 1 + random.nextInt(3);
        for (int m = 0; m < mutations; m++) {
            List<String> names = new ArrayList<>();
            item.fieldNames().forEachRemaining(names::add);
            String name = names.isEmpty() ? "x" : names.get(random.nextInt(names.size()));
            switch (random.nextInt(8)) {
                case 0 -> item.remove(name);
                case 1 -> item.putNull(name);
                case 2 -> item.set(name, junkValue());
                case 3 -> item.set(misspell(name), item.remove(name));
                case 4 -> item.put(name, "x".repeat(1 + random.nextInt(40_000)));
                case 5 -> item.put(name, random.nextBoolean() ? Long.MAX_VALUE : -1);
                case 6 -> item.put(name, new String(Character.toChars(0x1F600 + random.nextInt(50))) + "\u0000");
                default -> {
                    // A batch of copies of the item, sometimes more than a batch may hold.
                    ArrayNode batch = JsonNodeFactory.instance.arrayNode();
                    int copies = random.nextInt(4) == 0 ? 101 : 1 + random.nextInt(5);
                    for (int c = 0; c < copies; c++) {
                        batch.add(item.deepCopy());
                    }
                    return Json.write(batch);
                }
            }
        }
        return Json.write(root);
    }

    private JsonNode junkValue() {
        return switch (random.nextInt(6)) {
            case 0 -> JsonNodeFactory.instance.numberNode(new BigInteger("18446744073709551617"));
            case 1 -> JsonNodeFactory.instance.numberNode(random.nextDouble() * 1e300);
            case 2 -> JsonNodeFactory.instance.arrayNode().add(1).add("a");
            case 3 -> JsonNodeFactory.instance.objectNode().put("nested", true);
            case 4 -> JsonNodeFactory.instance.booleanNode(random.nextBoolean());
            default -> JsonNodeFactory.instance.textNode("2026-02-30T25:61:00Z");
        };
    }

    private String corrupt(String valid) {
        int at = random.nextInt(valid.length());
        return switch (random.nextInt(3)) {
            case 0 -> valid.substring(0, at);
            case 1 -> valid.substring(0, at) + "\"{[" + valid.substring(at);
            default -> valid.repeat(2);
        };
    }

    private String misspell(String name) {
        if (name.length() < 2) {
            return name + "_";
        }
        int at = random.nextInt(name.length() - 1);
        return name.substring(0, at) + name.charAt(at + 1) + name.charAt(at) + name.substring(at + 2);
    }

    /** A list's query with a value replaced by junk, a name misspelt, or a parameter added. */
    private String mutateQuery(String valid) {
        int question = valid.indexOf('?');
        String path = valid.substring(0, question);
        List<String> pairs =
                new ArrayList<>(List.of(valid.substring(question + 1).split("&")));
        int at = random.nextInt(pairs.size());
        String[] pair = pairs.get(at).split("=", 2);
        String junk = List.of(
                        "", "-1", "99999999999999999999", "2026-13-01", "null", "%", "<script>", "'; DROP", "\u00e9")
                .get(random.nextInt(9));
        pairs.set(
                at,
                switch (random.nextInt(3)) {
                    case 0 -> pair[0] + "=" + URLEncoder.encode(junk, StandardCharsets.UTF_8);
                    case 1 -> misspell(pair[0]) + "=" + pair[1];
                    default -> pairs.get(at) + "&PageToken=" + URLEncoder.encode(junk, StandardCharsets.UTF_8);
                });
        return path + "?" + String.join("&", pairs);
    }

    private String mutateForm(String valid) {
        return switch (random.nextInt(4)) {
            case 0 -> "Friendlyname=Sub";
            case 1 -> "FriendlyName=" + "x".repeat(1 + random.nextInt(200));
            case 2 ->
                "FriendlyName=Sub&Status=" + List.of("closed", "bogus", "").get(random.nextInt(3));
            default -> valid + "&" + misspell("FriendlyName") + "=y";
        };
    }

    private static String hex() {
        return "0123456789abcdef0123456789abcdef";
    }

    /** Every item of a list, following its pages. */
    private static int count(ApiClient client, String path, String key) {
        JsonNode page = client.get(path).json();
        int count = page.get(key).size();
        while (page.path("meta").path("next_page_url").isTextual()) {
            page = client.getUrl(page.get("meta").get("next_page_url").asText()).json();
            count += page.get(key).size();
        }
        return count;
    }
}
