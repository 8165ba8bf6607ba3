package dev.monitor.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.standardwebhooks.Webhook;
import dev.monitor.notify.SigningSecretRotation;
import dev.monitor.testing.ApiClient;
import dev.monitor.testing.Eventually;
import dev.monitor.testing.RunningStack;
import dev.monitor.testing.TestAccount;
import dev.monitor.testing.WebhookReceiver;
import java.net.http.HttpHeaders;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * Changes that arrive at the same moment: two partial changes of one resource both stand, and of rotations at once
 * each answers a secret that signs, or 409.
 */
class ConcurrentChangesTest {
    private static final int ROUNDS = 10;

    /** The answers of {@code requests}, sent all at once. */
    private static List<ApiClient.Response> atOnce(List<Supplier<ApiClient.Response>> requests) throws Exception {
        ExecutorService senders = Executors.newFixedThreadPool(requests.size());
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<ApiClient.Response>> answers = new ArrayList<>();
            for (Supplier<ApiClient.Response> request : requests) {
                answers.add(senders.submit(() -> {
                    start.await();
                    return request.get();
                }));
            }
            start.countDown();
            List<ApiClient.Response> responses = new ArrayList<>();
            for (Future<ApiClient.Response> answer : answers) {
                responses.add(answer.get());
            }
            return responses;
        } finally {
            senders.shutdown();
        }
    }

    private static void allOk(List<ApiClient.Response> responses) {
        responses.forEach(
                response -> assertTrue(response.status() / 100 == 2, response.status() + " " + response.text()));
    }

    @Test
    void aTypeDisabledAndTheRetentionSetAtOnceBothStand() throws Exception {
        TestAccount account = RunningStack.newAccount();
        for (int round = 1; round <= ROUNDS; round++) {
            String type = "round" + round + ".done";
            int days = 30 + round;
            allOk(atOnce(List.of(
                    () -> account.client()
                            .postJson("/v1/Events/Configuration", "{\"disabled_event_types\": [\"" + type + "\"]}"),
                    () -> account.client()
                            .postJson("/v1/Events/Configuration", "{\"retention_days\": " + days + "}"))));
            JsonNode configuration =
                    account.client().get("/v1/Events/Configuration").json();
            assertEquals(type, configuration.get("disabled_event_types").get(0).asText(), configuration.toString());
            assertEquals(days, configuration.get("retention_days").asInt(), configuration.toString());
        }
    }

    @Test
    void anAlarmRenamedAndDisabledAtOnceKeepsBoth() throws Exception {
        TestAccount account = RunningStack.newAccount();
        JsonNode alarm = account.client().postJson("/v2/Alarms", """
                        {"friendlyName": "first", "queryType": "ALL", "triggerValue": 5, "timeWindow": "FIVE_MINS"}""").json();
        String sid = alarm.get("sid").asText();
        for (int round = 1; round <= ROUNDS; round++) {
            String name = "name " + round;
            boolean enabled = round % 2 == 0;
            // The replacement keeps the alarm enabled; disabling it at the same moment stands, or comes first.
            List<ApiClient.Response> answers = atOnce(List.of(
                    () -> account.client().send("PUT", "/v2/Alarms/" + sid, "application/json", """
                            {"friendlyName": "%s", "queryType": "ALL", "triggerValue": 5, "timeWindow": "FIVE_MINS",
                             "enabled": true}""".formatted(name)),
                    () -> account.client()
                            .send(
                                    "PUT",
                                    "/v2/Alarms/" + sid + "/status",
                                    "application/json",
                                    "{\"enabled\": " + enabled + "}")));
            allOk(answers);
            JsonNode now = account.client().get("/v2/Alarms/" + sid).json();
            assertEquals(name, now.get("friendlyName").asText(), now.toString());
            if (!now.get("enabled").asBoolean()) {
                assertTrue(!enabled, "disabled only by the status change");
            }
        }
    }

    @Test
    void aUsageTriggerRenamedAndGivenAnotherMethodAtOnceKeepsBoth() throws Exception {
        TestAccount account = RunningStack.newAccount();
        String triggers = "/2010-04-01/Accounts/" + account.sid() + "/Usage/Triggers";
        JsonNode trigger = account.client()
                .postForm(
                        triggers + ".json",
                        "UsageCategory=monitor-writes&TriggerValue=100&CallbackUrl=http%3A%2F%2F127.0.0.1%3A9%2Fu")
                .json();
        String path = triggers + "/" + trigger.get("sid").asText() + ".json";
        for (int round = 1; round <= ROUNDS; round++) {
            String name = "trigger" + round;
            String method = round % 2 == 0 ? "GET" : "POST";
            allOk(atOnce(List.of(
                    () -> account.client().postForm(path, "FriendlyName=" + name),
                    () -> account.client().postForm(path, "CallbackMethod=" + method))));
            JsonNode now = account.client().get(path).json();
            assertEquals(name, now.get("friendly_name").asText(), now.toString());
            assertEquals(method, now.get("callback_method").asText(), now.toString());
        }
    }

    @Test
    void aSubaccountRenamedAndSuspendedAtOnceKeepsBoth() throws Exception {
        TestAccount main = RunningStack.newAccount();
        TestAccount sub = RunningStack.newSubaccount(main);
        String path = "/2010-04-01/Accounts/" + sub.sid() + ".json";
        for (int round = 1; round <= ROUNDS; round++) {
            String name = "sub" + round;
            String status = round % 2 == 0 ? "active" : "suspended";
            allOk(atOnce(List.of(
                    () -> main.client().postForm(path, "FriendlyName=" + name),
                    () -> main.client().postForm(path, "Status=" + status))));
            JsonNode now = main.client().get(path).json();
            assertEquals(name, now.get("friendly_name").asText(), now.toString());
            assertEquals(status, now.get("status").asText(), now.toString());
        }
    }

    @Test
    void ofTenRotationsAtOnceOneStandsAndTheRestConflictAndTheSecretsOfEachRotationStillSign() throws Exception {
        TestAccount account = RunningStack.newAccount();
        String first =
                account.client().get("/v1/SigningSecret").json().get("secret").asText();
        List<Supplier<ApiClient.Response>> rotations = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            rotations.add(() -> account.client().postForm("/v1/SigningSecret/Rotate", ""));
        }
        Set<String> answered = new TreeSet<>();
        for (ApiClient.Response answer : atOnce(rotations)) {
            if (answer.status() == 200) {
                answered.add(answer.json().get("secret").asText());
            } else {
                assertEquals(409, answer.status(), answer.text());
                assertEquals(20409, answer.json().get("code").asInt(), answer.text());
            }
        }
        assertEquals(1, answered.size(), "one rotation of the burst stands");
        // Another rotation once the burst's is a moment old: every secret of the day still signs.
        Thread.sleep(SigningSecretRotation.ROTATION_SPACING.toMillis());
        ApiClient.Response again = account.client().postForm("/v1/SigningSecret/Rotate", "");
        assertEquals(200, again.status(), again.text());
        Set<String> signing = new TreeSet<>(answered);
        signing.add(first);
        signing.add(again.json().get("secret").asText());

        try (WebhookReceiver receiver = WebhookReceiver.ok()) {
            String alarm = account.client()
                    .postJson("/v2/Alarms", """
                            {"friendlyName": "signed", "queryType": "ALL", "triggerValue": 5,
                             "timeWindow": "FIVE_MINS", "webhook": "%s"}""".formatted(receiver.url("/signed")))
                    .json()
                    .get("sid")
                    .asText();
            assertEquals(
                    200,
                    account.client()
                            .postJson("/v2/Alarms/" + alarm + "/Test", "")
                            .status());
            WebhookReceiver.Received webhook = Eventually.until(
                            "the test notification", receiver::received, received -> !received.isEmpty())
                    .get(0);
            HttpHeaders headers = HttpHeaders.of(webhook.headers(), (name, value) -> true);
            assertEquals(3, webhook.header("webhook-signature").split(" ").length);
            for (String secret : signing) {
                new Webhook(secret).verify(webhook.body(), headers);
            }
        }
    }
}
