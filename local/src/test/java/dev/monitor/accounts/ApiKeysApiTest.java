package dev.monitor.accounts;

import static dev.monitor.testing.TwilioErrors.assertError;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.monitor.testing.ApiClient;
import dev.monitor.testing.RunningStack;
import dev.monitor.testing.TestAccount;
import java.util.List;
import org.junit.jupiter.api.Test;

class ApiKeysApiTest {
    private static JsonNode createKey(TestAccount account, String forAccountSid) {
        ApiClient.Response response = account.client()
                .postForm("/2010-04-01/Accounts/" + forAccountSid + "/Keys.json", "FriendlyName=CI+key");
        assertEquals(201, response.status(), response.text());
        return response.json();
    }

    @Test
    void anApiKeyActsForItsAccountButDoesNotManageAccountsOrKeys() {
        TestAccount account = RunningStack.newAccount();
        JsonNode key = createKey(account, account.sid());
        assertTrue(key.get("sid").asText().matches("SK[0-9a-f]{32}"));
        assertEquals("CI key", key.get("friendly_name").asText());
        ApiClient withKey = ApiClient.account(
                RunningStack.baseUrl(),
                key.get("sid").asText(),
                key.get("secret").asText());

        ApiClient.Response recorded = withKey.postJson("/v1/Events", "{\"event_type\": \"api-key.created\"}");
        assertEquals(201, recorded.status(), recorded.text());
        assertEquals(
                account.sid(),
                recorded.json().get("events").get(0).get("account_sid").asText());
        // The key reads its account's log: the event it recorded, and Monitor's event of the key's creation.
        List<JsonNode> log = account.eventsBesideItsCreation(withKey);
        assertEquals(2, log.size(), log.toString());
        assertEquals(
                recorded.json().get("events").get(0).get("sid").asText(),
                log.get(0).get("sid").asText());
        assertEquals("api-key.created", log.get(1).get("event_type").asText());
        assertEquals(key.get("sid").asText(), log.get(1).get("resource_sid").asText());

        assertError(withKey.get("/2010-04-01/Accounts.json"), 403);
        assertError(withKey.postForm("/2010-04-01/Accounts/" + account.sid() + "/Keys.json", "FriendlyName=more"), 403);
        assertError(
                ApiClient.account(RunningStack.baseUrl(), key.get("sid").asText(), "0".repeat(32))
                        .get("/v1/Events"),
                401);
    }

    @Test
    void keysAreListedRenamedAndDeletedWithoutEverShowingTheSecretAgain() {
        TestAccount account = RunningStack.newAccount();
        String sid = createKey(account, account.sid()).get("sid").asText();
        String keys = "/2010-04-01/Accounts/" + account.sid() + "/Keys";

        JsonNode list = account.client().get(keys + ".json").json();
        assertEquals(1, list.get("keys").size());
        assertFalse(list.get("keys").get(0).has("secret"));
        assertEquals(
                "Renamed",
                account.client()
                        .postForm(keys + "/" + sid + ".json", "FriendlyName=Renamed")
                        .json()
                        .get("friendly_name")
                        .asText());
        assertEquals(
                "Renamed",
                account.client()
                        .get(keys + "/" + sid + ".json")
                        .json()
                        .get("friendly_name")
                        .asText());

        assertEquals(204, account.client().delete(keys + "/" + sid + ".json").status());
        assertError(account.client().get(keys + "/" + sid + ".json"), 404);
        assertEquals(0, account.client().get(keys + ".json").json().get("keys").size());
    }

    @Test
    void aMainAccountManagesItsSubaccountsKeysAndNobodyElseSeesThem() {
        TestAccount main = RunningStack.newAccount();
        TestAccount sub = RunningStack.newSubaccount(main);
        TestAccount stranger = RunningStack.newAccount();
        JsonNode subKey = createKey(main, sub.sid());
        ApiClient withSubKey = ApiClient.account(
                RunningStack.baseUrl(),
                subKey.get("sid").asText(),
                subKey.get("secret").asText());
        assertEquals(
                sub.sid(),
                withSubKey
                        .postJson("/v1/Events", "{\"event_type\": \"user.login\"}")
                        .json()
                        .get("events")
                        .get(0)
                        .get("account_sid")
                        .asText());
        assertError(withSubKey.get("/v1/Events?AccountSid=" + main.sid()), 404);

        assertError(stranger.client().get("/2010-04-01/Accounts/" + sub.sid() + "/Keys.json"), 404);
        assertError(
                stranger.client()
                        .get("/2010-04-01/Accounts/" + main.sid() + "/Keys/"
                                + subKey.get("sid").asText() + ".json"),
                404);
        assertError(sub.client().get("/2010-04-01/Accounts/" + main.sid() + "/Keys.json"), 404);
        assertError(
                main.client()
                        .get("/2010-04-01/Accounts/" + main.sid() + "/Keys/"
                                + subKey.get("sid").asText() + ".json"),
                404);
    }
}
