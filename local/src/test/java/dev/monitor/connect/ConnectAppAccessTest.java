package dev.monitor.connect;

import static dev.monitor.connect.ConnectAppFixtures.apps;
import static dev.monitor.connect.ConnectAppFixtures.authorizeForAccount;
import static dev.monitor.connect.ConnectAppFixtures.authorized;
import static dev.monitor.connect.ConnectAppFixtures.createApp;
import static dev.monitor.testing.TwilioErrors.assertError;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import dev.monitor.testing.ApiClient;
import dev.monitor.testing.RunningStack;
import dev.monitor.testing.TestAccount;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Who reaches an account a user's authorization made for a Connect app, and with what: the app's owner, by its auth
 * token or its API key, as far as the grant goes (get-all reads, post-all records and changes), and there only; the
 * user as any subaccount of its own; nobody else. Every answer is checked by status and Twilio's error code.
 */
class ConnectAppAccessTest {
    private static final String ALARM = """
            {"friendlyName": "Errors", "queryType": "ALL", "triggerValue": 5, "timeWindow": "FIVE_MINS"}""";

    private static TestAccount owner;
    private static ApiClient ownerKey;
    private static TestAccount otherOwner;
    private static TestAccount user;
    private static TestAccount usersSubaccount;
    /** The accounts the user's authorizations made, for an app asking get-all, post-all, and both. */
    private static String readOnly;

    private static String writeOnly;
    private static String both;

    @BeforeAll
    static void authorizeThreeApps() {
        owner = RunningStack.newAccount();
        otherOwner = RunningStack.newAccount();
        user = RunningStack.newAccount();
        usersSubaccount = RunningStack.newSubaccount(user);
        JsonNode key = owner.client()
                .postForm("/2010-04-01/Accounts/" + owner.sid() + "/Keys.json", "FriendlyName=Connect")
                .json();
        ownerKey = ApiClient.account(
                RunningStack.baseUrl(),
                key.get("sid").asText(),
                key.get("secret").asText());
        readOnly = authorizeForAccount(
                user, createApp(owner, "Reader", null, "get-all").get("sid").asText());
        writeOnly = authorizeForAccount(
                user, createApp(owner, "Writer", null, "post-all").get("sid").asText());
        both = authorizeForAccount(
                user,
                createApp(owner, "Both", null, "get-all", "post-all").get("sid").asText());
        // Another owner's app, authorized by the same user: its account is not this owner's to reach.
        authorizeForAccount(
                user,
                createApp(otherOwner, "Theirs", null, "get-all", "post-all")
                        .get("sid")
                        .asText());
    }

    /** The Monitor data a grant's get-all reads, of the account {@code sid}. */
    private static List<String> reads(String sid) {
        return List.of(
                "/v1/Events?AccountSid=" + sid,
                "/v1/Alerts?AccountSid=" + sid,
                "/v1/AlertCounts?AccountSid=" + sid,
                "/v2/Alarms?AccountSid=" + sid,
                "/v1/Deliveries?AccountSid=" + sid,
                "/2010-04-01/Accounts/" + sid + "/Usage/Records.json",
                "/2010-04-01/Accounts/" + sid + "/Usage/Triggers.json");
    }

    /** Each change a grant's post-all makes in the account {@code sid}, its answer's status. */
    private static List<Function<ApiClient, ApiClient.Response>> writes(String sid) {
        return List.of(
                client -> client.postJson("/v1/Events?AccountSid=" + sid, "{\"event_type\": \"user.login\"}"),
                client -> client.postJson(
                        "/v1/Alerts?AccountSid=" + sid, "{\"error_code\": \"11200\", \"log_level\": \"error\"}"),
                client -> client.postJson("/v2/Alarms?AccountSid=" + sid, ALARM),
                client -> client.postForm(
                        "/2010-04-01/Accounts/" + sid + "/Usage/Triggers.json",
                        "UsageCategory=monitor-writes&TriggerValue=%2B100&CallbackUrl="
                                + ConnectAppFixtures.encode("http://127.0.0.1:9/usage")));
    }

    private static void assertReads(ApiClient client, String sid, int status) {
        for (String read : reads(sid)) {
            ApiClient.Response response = client.get(read);
            if (status == 200) {
                assertEquals(200, response.status(), read + ": " + response.text());
            } else {
                assertError(response, status);
            }
        }
    }

    private static List<Integer> writeStatuses(ApiClient client, String sid) {
        List<Integer> statuses = new ArrayList<>();
        writes(sid).forEach(write -> statuses.add(write.apply(client).status()));
        return statuses;
    }

    @Test
    void theOwnerReadsWithGetAllAndWritesWithPostAllByItsTokenAndByItsKeys() {
        for (ApiClient client : List.of(owner.client(), ownerKey)) {
            assertReads(client, readOnly, 200);
            assertReads(client, both, 200);
            assertEquals(List.of(403, 403, 403, 403), writeStatuses(client, readOnly));
            assertEquals(List.of(201, 201, 201, 201), writeStatuses(client, both));
            assertEquals(List.of(201, 201, 201, 201), writeStatuses(client, writeOnly));
            assertReads(client, writeOnly, 403);
        }
        // What was recorded is the app's account's, as its user sees it.
        JsonNode events = user.client()
                .get("/v1/Events?EventType=user.login&AccountSid=" + both)
                .json()
                .get("events");
        assertEquals(2, events.size());
        assertEquals(both, events.get(0).get("account_sid").asText());
        // The alarms and triggers it made there are changes of the app's, each an event naming it.
        String app = accountsApp(both);
        for (String type : List.of("alarm.created", "usage-trigger.created")) {
            JsonNode changes = user.client()
                    .get("/v1/Events?EventType=" + type + "&AccountSid=" + both)
                    .json()
                    .get("events");
            assertEquals(2, changes.size(), type);
            for (JsonNode change : changes) {
                assertEquals("connect-app", change.get("actor_type").asText(), type);
                assertEquals(app, change.get("actor_sid").asText(), type);
            }
        }
        // An event naming the account in its body goes there too.
        ApiClient.Response named = owner.client()
                .postJson(
                        "/v1/Events?AccountSid=" + both,
                        "{\"event_type\": \"user.logout\", \"account_sid\": \"" + both + "\"}");
        assertEquals(201, named.status(), named.text());
    }

    @Test
    void aRefusalSaysWhichPermissionTheGrantLacks() {
        JsonNode body = assertError(
                owner.client().postJson("/v1/Events?AccountSid=" + readOnly, "{\"event_type\": \"user.login\"}"), 403);
        assertEquals(20403, body.get("code").asInt());
        assertEquals(
                "The Connect app " + accountsApp(readOnly) + " was not granted post-all in account " + readOnly
                        + ": it may not record events and alerts, and manage alarms and usage triggers there",
                body.get("message").asText());
    }

    private static String accountsApp(String sid) {
        return user.client()
                .get("/2010-04-01/Accounts/" + sid + ".json")
                .json()
                .get("connect_app_sid")
                .asText();
    }

    @Test
    void theOwnerReachesNothingElseOfTheUsersNorTheAccountsAndKeysResources() {
        for (ApiClient client : List.of(owner.client(), ownerKey)) {
            // No other account of the user's.
            assertReads(client, user.sid(), 404);
            assertReads(client, usersSubaccount.sid(), 404);
            // Not the Accounts and Keys resources, of the user or of the app's account.
            for (String sid : List.of(user.sid(), both)) {
                assertError(client.get("/2010-04-01/Accounts/" + sid + ".json"), client == ownerKey ? 403 : 404);
                assertError(client.get("/2010-04-01/Accounts/" + sid + "/Keys.json"), client == ownerKey ? 403 : 404);
                assertError(
                        client.postForm("/2010-04-01/Accounts/" + sid + "/Keys.json", "FriendlyName=Mine"),
                        client == ownerKey ? 403 : 404);
                assertError(
                        client.postForm("/2010-04-01/Accounts/" + sid + ".json", "Status=closed"),
                        client == ownerKey ? 403 : 404);
            }
            // Nor what the grant does not name: the account's configuration, its signing secret, retries, Connect apps.
            assertError(client.get("/v1/Events/Configuration?AccountSid=" + both), 404);
            assertError(client.postJson("/v1/Events/Configuration?AccountSid=" + both, "{\"retention_days\": 1}"), 404);
            assertError(client.get("/v1/SigningSecret?AccountSid=" + both), 404);
            assertError(client.postJson("/v1/SigningSecret/Rotate?AccountSid=" + both, ""), 404);
            assertError(client.get("/2010-04-01/Accounts/" + both + "/ConnectApps.json"), 404);
            assertError(client.get(authorized(user) + ".json"), 404);
            assertError(client.get("/2010-04-01/Accounts/" + both + "/AuthorizedConnectApps.json"), 404);
        }
    }

    @Test
    void noOtherOwnerNorTheUsersSubaccountsReachTheAppsAccountButTheUserDoesAsASubaccount() {
        assertReads(otherOwner.client(), both, 404);
        assertEquals(List.of(404, 404, 404, 404), writeStatuses(otherOwner.client(), both));
        assertReads(usersSubaccount.client(), both, 404);
        assertEquals(List.of(404, 404, 404, 404), writeStatuses(usersSubaccount.client(), both));
        // The user's main account reads and writes it as any subaccount, whatever the app was granted.
        assertReads(user.client(), readOnly, 200);
        assertEquals(List.of(201, 201, 201, 201), writeStatuses(user.client(), readOnly));
        // The owner does not reach another owner's app's account for this user.
        String theirs = authorizedAccountOf("Theirs");
        assertReads(owner.client(), theirs, 404);
        assertReads(otherOwner.client(), theirs, 200);
    }

    private static String authorizedAccountOf(String name) {
        for (JsonNode app : user.client().get(authorized(user) + ".json").json().get("authorized_connect_apps")) {
            if (app.get("connect_app_friendly_name").asText().equals(name)) {
                return app.get("connect_app_account_sid").asText();
            }
        }
        throw new AssertionError("no authorization of " + name);
    }

    @Test
    void aDeauthorizedAppAndASuspendedUsersAppReachNothing() {
        TestAccount someUser = RunningStack.newAccount();
        String app = createApp(owner, "Passing", null, "get-all", "post-all")
                .get("sid")
                .asText();
        String account = authorizeForAccount(someUser, app);
        assertReads(owner.client(), account, 200);

        // Suspended by the operator, the user's family takes nothing, the app's account included.
        ApiClient.Response suspended = RunningStack.operator()
                .postForm("/2010-04-01/Accounts/" + someUser.sid() + ".json", "Status=suspended");
        assertEquals(200, suspended.status(), suspended.text());
        assertEquals(
                20005,
                assertError(owner.client().get("/v1/Events?AccountSid=" + account), 403)
                        .get("code")
                        .asInt());
        assertEquals(
                403,
                owner.client()
                        .postJson("/v1/Events?AccountSid=" + account, "{\"event_type\": \"user.login\"}")
                        .status());
        RunningStack.operator().postForm("/2010-04-01/Accounts/" + someUser.sid() + ".json", "Status=active");
        assertReads(owner.client(), account, 200);

        // Deauthorized: the account is closed and the owner's next request is "not found".
        assertEquals(
                204,
                someUser.client()
                        .delete(authorized(someUser) + "/" + app + ".json")
                        .status());
        assertReads(owner.client(), account, 404);
        assertEquals(List.of(404, 404, 404, 404), writeStatuses(owner.client(), account));

        // A deleted app reaches nothing either.
        String deleted = createApp(owner, "Deleted", null, "get-all").get("sid").asText();
        String deletedAccount = authorizeForAccount(someUser, deleted);
        assertReads(owner.client(), deletedAccount, 200);
        assertEquals(
                204,
                owner.client().delete(apps(owner) + "/" + deleted + ".json").status());
        assertReads(owner.client(), deletedAccount, 404);
    }
}
