package dev.monitor.accounts;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import dev.monitor.testing.ApiClient;
import dev.monitor.testing.RunningStack;
import dev.monitor.testing.TestAccount;
import org.junit.jupiter.api.Test;

/** As in Twilio, a main account that the operator suspends or closes takes its subaccounts with it. */
class FamilyStatusTest {
    private static void setStatus(TestAccount main, String status) {
        ApiClient.Response response =
                RunningStack.operator().postForm("/2010-04-01/Accounts/" + main.sid() + ".json", "Status=" + status);
        assertEquals(200, response.status(), response.text());
        assertEquals(status, response.json().get("status").asText());
    }

    /** An API key of the account, as a client of its own. */
    private static ApiClient apiKey(TestAccount account) {
        ApiClient.Response response =
                account.client().postForm("/2010-04-01/Accounts/" + account.sid() + "/Keys.json", "FriendlyName=k");
        assertEquals(201, response.status(), response.text());
        JsonNode key = response.json();
        return ApiClient.account(
                RunningStack.baseUrl(),
                key.get("sid").asText(),
                key.get("secret").asText());
    }

    /** The client reads and records events (200, 201), or gets 401 for both. */
    private static void assertStatus(int expected, ApiClient client, String who) {
        assertEquals(expected, client.get("/v1/Events").status(), who + " reading events");
        assertEquals(
                expected == 200 ? 201 : expected,
                client.postJson("/v1/Events", "{\"event_type\": \"family.checked\"}")
                        .status(),
                who + " recording an event");
    }

    @Test
    void suspendingTheMainAccountStopsItsSubaccountsUntilItIsActiveAgain() {
        TestAccount main = RunningStack.newAccount();
        TestAccount sub = RunningStack.newSubaccount(main);
        ApiClient subKey = apiKey(sub);
        ApiClient mainKey = apiKey(main);
        assertStatus(200, sub.client(), "the subaccount's token");
        assertStatus(200, subKey, "the subaccount's API key");

        setStatus(main, "suspended");
        assertStatus(401, main.client(), "the suspended main account's token");
        assertStatus(401, mainKey, "the suspended main account's API key");
        assertStatus(401, sub.client(), "the subaccount's token under a suspended main account");
        assertStatus(401, subKey, "the subaccount's API key under a suspended main account");
        // The operator still sees the subaccount as it was: its own status did not change.
        assertEquals(
                "active",
                RunningStack.operator()
                        .get("/2010-04-01/Accounts/" + sub.sid() + ".json")
                        .json()
                        .get("status")
                        .asText());

        setStatus(main, "active");
        assertStatus(200, main.client(), "the reactivated main account's token");
        assertStatus(200, sub.client(), "the subaccount's token again");
        assertStatus(200, subKey, "the subaccount's API key again");
    }

    @Test
    void closingTheMainAccountStopsItsSubaccountsForGood() {
        TestAccount main = RunningStack.newAccount();
        TestAccount sub = RunningStack.newSubaccount(main);
        ApiClient subKey = apiKey(sub);
        TestAccount otherMain = RunningStack.newAccount();

        setStatus(main, "closed");
        assertStatus(401, sub.client(), "the subaccount's token under a closed main account");
        assertStatus(401, subKey, "the subaccount's API key under a closed main account");
        assertStatus(200, otherMain.client(), "another family's account");
    }

    @Test
    void aSubaccountSuspendedByItsOwnerStaysSuspendedWhenTheMainAccountIsReactivated() {
        TestAccount main = RunningStack.newAccount();
        TestAccount sub = RunningStack.newSubaccount(main);
        ApiClient.Response suspended =
                main.client().postForm("/2010-04-01/Accounts/" + sub.sid() + ".json", "Status=suspended");
        assertEquals(200, suspended.status(), suspended.text());
        setStatus(main, "suspended");
        setStatus(main, "active");
        assertStatus(401, sub.client(), "the subaccount its owner suspended");
        assertStatus(200, main.client(), "the main account");
    }
}
