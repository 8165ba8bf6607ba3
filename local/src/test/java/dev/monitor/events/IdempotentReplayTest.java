package dev.monitor.events;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.monitor.testing.ApiClient;
import dev.monitor.testing.RunningStack;
import dev.monitor.testing.TestAccount;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A replayed Idempotency-Key answers exactly as the first request did. */
class IdempotentReplayTest {
    private static void configure(TestAccount account, String json) {
        ApiClient.Response configured = account.client().postJson("/v1/Events/Configuration", json);
        assertEquals(200, configured.status(), configured.text());
    }

    @Test
    void aReplayAnswersStoredAsTheFirstRequestDidAfterTheConfigurationChanged() {
        TestAccount account = RunningStack.newAccount();
        configure(account, "{\"disabled_event_types\": [\"user.logout\"]}");
        String body = "[{\"event_type\": \"user.login\"}, {\"event_type\": \"user.logout\"}]";
        Map<String, String> key = Map.of("Idempotency-Key", "replay-after-configuring");
        ApiClient.Response first = account.client().postJson("/v1/Events", body, key);
        assertEquals(201, first.status(), first.text());
        assertEquals(true, first.json().get("events").get(0).get("stored").asBoolean());
        assertEquals(false, first.json().get("events").get(1).get("stored").asBoolean());

        // The types swap places in the configuration; the replay still tells what the first request did.
        configure(account, "{\"disabled_event_types\": [\"user.login\"]}");
        ApiClient.Response replayed = account.client().postJson("/v1/Events", body, key);
        assertEquals(201, replayed.status(), replayed.text());
        assertEquals(first.json(), replayed.json());
        // Each configuration is an event of Monitor's own, newest first.
        assertEquals(
                List.of("events-configuration.updated", "user.login", "events-configuration.updated"),
                account.eventsBesideItsCreation().stream()
                        .map(event -> event.get("event_type").asText())
                        .toList(),
                "the replay stored nothing new, and the event the first request dropped stays dropped");
    }
}
