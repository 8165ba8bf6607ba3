package dev.monitor.accounts;

import static dev.monitor.testing.TwilioErrors.assertError;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.monitor.testing.ApiClient;
import dev.monitor.testing.RunningStack;
import dev.monitor.testing.TestAccount;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class AccountsApiTest {
    @Test
    void theOperatorCreatesMainAccountsWithACredentialShownOnce() {
        ApiClient.Response response = RunningStack.operator().postJson("/v1/Accounts", "{\"friendly_name\": \"Acme\"}");
        assertEquals(201, response.status(), response.text());
        JsonNode account = response.json();
        assertTrue(account.get("sid").asText().matches("AC[0-9a-f]{32}"));
        assertTrue(account.get("auth_token").asText().matches("[0-9a-f]{32}"));
        assertEquals("Acme", account.get("friendly_name").asText());
        assertEquals("active", account.get("status").asText());
        assertTrue(account.hasNonNull("date_created") && account.hasNonNull("date_updated"));

        ApiClient client = ApiClient.account(
                RunningStack.baseUrl(),
                account.get("sid").asText(),
                account.get("auth_token").asText());
        JsonNode fetched = client.get(
                        "/2010-04-01/Accounts/" + account.get("sid").asText() + ".json")
                .json();
        assertEquals("Acme", fetched.get("friendly_name").asText());
        assertTrue(fetched.get("auth_token").isNull(), "the token is not kept, so it is not shown again");
    }

    @Test
    void onlyTheOperatorKeyCreatesMainAccounts() {
        TestAccount account = RunningStack.newAccount();
        assertError(account.client().postJson("/v1/Accounts", "{\"friendly_name\": \"x\"}"), 403);
        assertError(
                ApiClient.operator(RunningStack.baseUrl(), "not-the-key")
                        .postJson("/v1/Accounts", "{\"friendly_name\": \"x\"}"),
                401);
        assertError(
                ApiClient.anonymous(RunningStack.baseUrl()).postJson("/v1/Accounts", "{\"friendly_name\": \"x\"}"),
                401);
        assertError(
                RunningStack.operator().postJson("/v1/Accounts", "{\"friendly_name\": \"x\", \"status\": \"active\"}"),
                400);
        assertError(RunningStack.operator().postJson("/v1/Accounts", "{}"), 400);
    }

    @Test
    void wrongOrMalformedCredentialsGet401() {
        TestAccount account = RunningStack.newAccount();
        String base = RunningStack.baseUrl();
        String path = "/2010-04-01/Accounts/" + account.sid() + ".json";
        assertError(ApiClient.account(base, account.sid(), "0".repeat(32)).get(path), 401);
        assertError(ApiClient.account(base, account.sid(), "").get(path), 401);
        assertError(ApiClient.account(base, "ACnot-a-sid", account.authToken()).get(path), 401);
        assertError(ApiClient.withAuthorization(base, "Basic %%%").get(path), 401);
        assertError(ApiClient.withAuthorization(base, "Digest abc").get(path), 401);
        assertError(ApiClient.anonymous(base).get(path), 401);
        assertEquals(200, account.client().get(path).status());
    }

    @Test
    void aMainAccountCreatesListsAndFetchesItsSubaccounts() {
        TestAccount main = RunningStack.newAccount();
        ApiClient.Response created = main.client().postForm("/2010-04-01/Accounts.json", "FriendlyName=Support+team");
        assertEquals(201, created.status(), created.text());
        JsonNode sub = created.json();
        assertEquals("Support team", sub.get("friendly_name").asText());
        assertEquals(main.sid(), sub.get("owner_account_sid").asText());
        assertTrue(sub.get("auth_token").asText().matches("[0-9a-f]{32}"));
        assertEquals(
                "/2010-04-01/Accounts/" + sub.get("sid").asText() + ".json",
                sub.get("uri").asText());
        assertTrue(sub.get("date_created")
                .asText()
                .matches("[A-Z][a-z]{2}, \\d{2} [A-Z][a-z]{2} \\d{4} \\d{2}:\\d{2}:\\d{2} \\+0000"));
        TestAccount second = RunningStack.newSubaccount(main);

        JsonNode list = main.client().get("/2010-04-01/Accounts.json").json();
        Set<String> sids = new HashSet<>();
        list.get("accounts").forEach(account -> sids.add(account.get("sid").asText()));
        assertEquals(Set.of(main.sid(), sub.get("sid").asText(), second.sid()), sids);
        assertEquals(0, list.get("page").asInt());
        assertEquals(50, list.get("page_size").asInt());
        assertTrue(list.get("next_page_uri").isNull());

        JsonNode filtered = main.client()
                .get("/2010-04-01/Accounts.json?FriendlyName=Support+team")
                .json();
        assertEquals(1, filtered.get("accounts").size());
        assertEquals(
                sub.get("sid").asText(),
                filtered.get("accounts").get(0).get("sid").asText());

        assertEquals(
                200,
                main.client()
                        .get("/2010-04-01/Accounts/" + second.sid() + ".json")
                        .status());
    }

    @Test
    void pagesThroughAFamilyWithTokens() {
        TestAccount main = RunningStack.newAccount();
        Set<String> expected = new HashSet<>(Set.of(main.sid()));
        for (int i = 0; i < 4; i++) {
            expected.add(RunningStack.newSubaccount(main).sid());
        }
        Set<String> seen = new HashSet<>();
        JsonNode page =
                main.client().get("/2010-04-01/Accounts.json?PageSize=2").json();
        int pages = 1;
        while (true) {
            page.get("accounts")
                    .forEach(account -> assertTrue(seen.add(account.get("sid").asText()), "no account twice"));
            if (page.get("next_page_uri").isNull()) {
                break;
            }
            page = main.client().get(page.get("next_page_uri").asText()).json();
            pages++;
        }
        assertEquals(expected, seen);
        assertTrue(pages >= 3);
    }

    @Test
    void aSubaccountNeverReachesItsParentOrSiblings() {
        TestAccount main = RunningStack.newAccount();
        TestAccount sub = RunningStack.newSubaccount(main);
        TestAccount sibling = RunningStack.newSubaccount(main);
        TestAccount stranger = RunningStack.newAccount();

        assertError(sub.client().get("/2010-04-01/Accounts/" + main.sid() + ".json"), 404);
        assertError(sub.client().get("/2010-04-01/Accounts/" + sibling.sid() + ".json"), 404);
        assertError(main.client().get("/2010-04-01/Accounts/" + stranger.sid() + ".json"), 404);
        JsonNode list = sub.client().get("/2010-04-01/Accounts.json").json();
        assertEquals(1, list.get("accounts").size());
        assertEquals(sub.sid(), list.get("accounts").get(0).get("sid").asText());
        assertError(sub.client().postForm("/2010-04-01/Accounts.json", "FriendlyName=Grandchild"), 403);
    }

    @Test
    void aMainAccountRenamesSuspendsReactivatesAndClosesItsSubaccounts() {
        TestAccount main = RunningStack.newAccount();
        TestAccount sub = RunningStack.newSubaccount(main);
        String path = "/2010-04-01/Accounts/" + sub.sid() + ".json";

        ApiClient.Response renamed = sub.client().postForm(path, "FriendlyName=Renamed+by+itself");
        assertEquals(200, renamed.status(), renamed.text());
        assertEquals(
                "Renamed by itself",
                main.client().get(path).json().get("friendly_name").asText());
        assertError(sub.client().postForm(path, "Status=suspended"), 403);
        assertError(sub.client().postForm("/2010-04-01/Accounts/" + main.sid() + ".json", "FriendlyName=Hijack"), 404);

        assertEquals(
                "suspended",
                main.client()
                        .postForm(path, "Status=suspended")
                        .json()
                        .get("status")
                        .asText());
        assertError(sub.client().get(path), 401);
        assertEquals(
                "active",
                main.client()
                        .postForm(path, "Status=active")
                        .json()
                        .get("status")
                        .asText());
        assertEquals(200, sub.client().get(path).status());

        assertEquals(
                "closed",
                main.client()
                        .postForm(path, "Status=closed")
                        .json()
                        .get("status")
                        .asText());
        assertError(sub.client().get(path), 401);
        assertError(main.client().postForm(path, "Status=active"), 400);
        assertError(main.client().postForm(path, "Status=asleep"), 400);
        assertError(main.client().postForm(path, "FriendlyName=" + "x".repeat(65)), 400);
    }
}
