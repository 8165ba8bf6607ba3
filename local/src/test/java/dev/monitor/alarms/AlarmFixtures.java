package dev.monitor.alarms;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import dev.monitor.testing.ApiClient;
import dev.monitor.testing.Eventually;
import dev.monitor.testing.RunningStack;
import dev.monitor.testing.TestAccount;
import dev.monitor.testing.WebhookReceiver;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** What the alarm tests do through the API, and what they look for at a receiver and in the SES store. */
final class AlarmFixtures {
    private AlarmFixtures() {}

    /** Creates the alarm and answers its Sid. */
    static String createAlarm(ApiClient client, String json) {
        ApiClient.Response response = client.postJson("/v2/Alarms", json);
        assertEquals(201, response.status(), response.text());
        return response.json().get("sid").asText();
    }

    /** Records {@code count} alerts of the code, all generated at {@code date}, in one request. */
    static void recordAlerts(TestAccount account, String code, int count, Instant date) {
        StringBuilder batch = new StringBuilder("[");
        for (int i = 0; i < count; i++) {
            batch.append(i == 0 ? "" : ",")
                    .append("{\"error_code\": \"")
                    .append(code)
                    .append("\", \"date_generated\": \"")
                    .append(date)
                    .append("\"}");
        }
        ApiClient.Response response = account.client().postJson("/v1/Alerts", batch + "]");
        assertEquals(201, response.status(), response.text());
    }

    /**
     * Waits until the counter has counted {@code expected} alerts of the account from {@code start} (inclusive) to
     * {@code end}.
     */
    static void awaitCounted(TestAccount account, Instant start, Instant end, long expected) {
        Eventually.until(
                expected + " alerts counted",
                () -> {
                    JsonNode counts = account.client()
                            .get("/v1/AlertCounts?Interval=minute&PageSize=1000&StartDate=" + start + "&EndDate="
                                    + end.minusSeconds(1))
                            .json()
                            .get("counts");
                    long total = 0;
                    for (JsonNode count : counts) {
                        total += count.get("count").asLong();
                    }
                    return total;
                },
                total -> total == expected);
    }

    static List<WebhookReceiver.Received> receivedAt(WebhookReceiver receiver, String path) {
        return receiver.received().stream()
                .filter(request -> request.uri().startsWith(path))
                .toList();
    }

    static List<JsonNode> emailsTo(String address) {
        List<JsonNode> emails = new ArrayList<>();
        for (JsonNode email : RunningStack.ses().store().get("emails")) {
            if (email.get("destination").toString().contains(address)) {
                emails.add(email);
            }
        }
        return emails;
    }
}
