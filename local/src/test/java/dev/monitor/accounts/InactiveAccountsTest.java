package dev.monitor.accounts;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import dev.monitor.testing.ApiClient;
import dev.monitor.testing.RunningStack;
import dev.monitor.testing.TestAccount;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A suspended or closed subaccount takes no change, through its parent's credentials either: each write answers 403
 * with Twilio's "Account not active" and stores nothing, and its data stays readable by the parent.
 */
class InactiveAccountsTest {
    private static void assertRefused(ApiClient.Response response) {
        assertEquals(403, response.status(), response.text());
        assertEquals(20005, response.json().get("code").asInt(), response.text());
    }

    @ParameterizedTest
    @ValueSource(strings = {"suspended", "closed"})
    void aStoppedSubaccountTakesNoWriteThroughItsParentAndStaysReadable(String status) {
        TestAccount main = RunningStack.newAccount();
        TestAccount sub = RunningStack.newSubaccount(main);
        ApiClient parent = main.client();
        String selector = "?AccountSid=" + sub.sid();
        String account = "/2010-04-01/Accounts/" + sub.sid();
        assertEquals(
                201,
                parent.postJson(
                                "/v1/Events",
                                "{\"event_type\": \"before.stop\", \"account_sid\": \"" + sub.sid() + "\"}")
                        .status());
        String alarm =
                parent.postJson("/v2/Alarms" + selector, """
                        {"friendlyName": "kept", "queryType": "ALL", "triggerValue": 5, "timeWindow": "FIVE_MINS"}""").json().get("sid").asText();
        assertEquals(200, parent.postForm(account + ".json", "Status=" + status).status());

        assertRefused(parent.postJson(
                "/v1/Events", "{\"event_type\": \"after.stop\", \"account_sid\": \"" + sub.sid() + "\"}"));
        assertRefused(
                parent.postJson("/v1/Alerts", "{\"error_code\": \"11200\", \"account_sid\": \"" + sub.sid() + "\"}"));
        assertRefused(parent.postJson("/v1/Events/Configuration" + selector, "{\"retention_days\": 7}"));
        assertRefused(parent.postJson("/v2/Alarms" + selector, """
                {"friendlyName": "new", "queryType": "ALL", "triggerValue": 5, "timeWindow": "FIVE_MINS"}"""));
        assertRefused(parent.send(
                "PUT", "/v2/Alarms/" + alarm + "/status" + selector, "application/json", "{\"enabled\": false}"));
        assertRefused(parent.delete("/v2/Alarms/" + alarm + selector));
        assertRefused(parent.postJson("/v2/Alarms/" + alarm + "/Test" + selector, ""));
        assertRefused(parent.postForm(
                account + "/Usage/Triggers.json",
                "UsageCategory=monitor-writes&TriggerValue=5&CallbackUrl=https%3A%2F%2Fhooks.example.com%2Fu"));
        assertRefused(parent.postForm(account + "/Keys.json", "FriendlyName=key"));
        assertRefused(parent.postForm("/v1/SigningSecret/Rotate" + selector, ""));

        // Nothing of it was stored, and what was there is still there to read: the event recorded before, and
        // Monitor's events of the alarm's creation and of the status change.
        assertEquals(
                List.of("account.updated", "alarm.created", "before.stop"),
                sub.eventsBesideItsCreation(parent).stream()
                        .map(event -> event.get("event_type").asText())
                        .toList());
        assertEquals(0, parent.get("/v1/Alerts" + selector).json().get("alerts").size());
        assertEquals(
                30,
                parent.get("/v1/Events/Configuration" + selector)
                        .json()
                        .get("retention_days")
                        .asInt());
        JsonNode alarms = parent.get("/v2/Alarms" + selector).json().get("alarms");
        assertEquals(1, alarms.size());
        assertEquals(true, alarms.get(0).get("enabled").asBoolean());
        assertEquals(
                0,
                parent.get(account + "/Usage/Triggers.json")
                        .json()
                        .get("usage_triggers")
                        .size());
        assertEquals(0, parent.get(account + "/Keys.json").json().get("keys").size());
        // A suspended account's own credentials stop working; its parent can still reactivate it.
        assertEquals(401, sub.client().get("/v1/Events").status());
    }
}
