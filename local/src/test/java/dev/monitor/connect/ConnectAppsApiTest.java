package dev.monitor.connect;

import static dev.monitor.connect.ConnectAppFixtures.REDIRECT;
import static dev.monitor.connect.ConnectAppFixtures.apps;
import static dev.monitor.connect.ConnectAppFixtures.authorize;
import static dev.monitor.connect.ConnectAppFixtures.authorized;
import static dev.monitor.connect.ConnectAppFixtures.createApp;
import static dev.monitor.connect.ConnectAppFixtures.form;
import static dev.monitor.testing.TwilioErrors.assertError;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.twilio.security.RequestValidator;
import dev.monitor.testing.ApiClient;
import dev.monitor.testing.CapturedLogs;
import dev.monitor.testing.Eventually;
import dev.monitor.testing.RunningStack;
import dev.monitor.testing.TestAccount;
import dev.monitor.testing.WebhookReceiver;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/** Connect apps over HTTP on the local stack: Twilio's shape, a user's authorization, and the deauthorize callback. */
class ConnectAppsApiTest {
    /** As the 2010-04-01 API writes dates, and the Accounts resource answers them. */
    private static final String RFC_2822 = "[A-Z][a-z]{2}, \\d{2} [A-Z][a-z]{2} \\d{4} \\d{2}:\\d{2}:\\d{2} \\+0000";

    private static Set<String> names(JsonNode json) {
        Set<String> names = new TreeSet<>();
        json.fieldNames().forEachRemaining(names::add);
        return names;
    }

    private static Map<String, String> formOf(String encoded) {
        Map<String, String> form = new LinkedHashMap<>();
        for (String pair : encoded.split("&")) {
            String[] parts = pair.split("=", 2);
            form.put(
                    URLDecoder.decode(parts[0], StandardCharsets.UTF_8),
                    URLDecoder.decode(parts[1], StandardCharsets.UTF_8));
        }
        return form;
    }

    @Test
    void anAppIsCreatedListedFetchedUpdatedAndDeletedInTwiliosShapeByItsOwnerOnly() {
        TestAccount owner = RunningStack.newAccount();
        JsonNode app = createApp(owner, "Rossum", "http://127.0.0.1:9/deauthorized", "get-all");
        String sid = app.get("sid").asText();
        assertTrue(sid.matches("CN[0-9a-f]{32}"), sid);
        assertEquals(
                Set.of(
                        "account_sid",
                        "authorize_redirect_url",
                        "company_name",
                        "date_created",
                        "date_updated",
                        "deauthorize_callback_method",
                        "deauthorize_callback_url",
                        "description",
                        "friendly_name",
                        "homepage_url",
                        "permissions",
                        "sid",
                        "uri"),
                names(app));
        assertEquals(owner.sid(), app.get("account_sid").asText());
        assertEquals(REDIRECT, app.get("authorize_redirect_url").asText());
        assertEquals("Rossum Inc", app.get("company_name").asText());
        assertEquals("POST", app.get("deauthorize_callback_method").asText(), "Twilio's default");
        assertEquals(
                "http://127.0.0.1:9/deauthorized",
                app.get("deauthorize_callback_url").asText());
        assertEquals(
                "Call analytics for your Monitor events", app.get("description").asText());
        assertEquals("Rossum", app.get("friendly_name").asText());
        assertEquals("https://rossum.example.com", app.get("homepage_url").asText());
        assertEquals("[\"get-all\"]", app.get("permissions").toString());
        assertEquals(apps(owner) + "/" + sid + ".json", app.get("uri").asText());
        assertTrue(
                app.get("date_created").asText().matches(RFC_2822),
                app.get("date_created").asText());
        assertEquals(app, owner.client().get(apps(owner) + "/" + sid + ".json").json());

        // The list: Twilio's envelope and flat paging, every page through to the end.
        List<String> made = new ArrayList<>(List.of(sid));
        made.add(createApp(owner, "Second", null, "post-all").get("sid").asText());
        made.add(createApp(owner, "Third", null, "get-all", "post-all")
                .get("sid")
                .asText());
        JsonNode first = owner.client().get(apps(owner) + ".json?PageSize=2").json();
        assertEquals(
                Set.of(
                        "connect_apps",
                        "end",
                        "first_page_uri",
                        "next_page_uri",
                        "page",
                        "page_size",
                        "previous_page_uri",
                        "start",
                        "uri"),
                names(first));
        assertEquals(2, first.get("connect_apps").size());
        JsonNode second =
                owner.client().get(first.get("next_page_uri").asText()).json();
        assertEquals(1, second.get("connect_apps").size());
        assertTrue(second.get("next_page_uri").isNull());
        Set<String> listed = new TreeSet<>();
        first.get("connect_apps").forEach(item -> listed.add(item.get("sid").asText()));
        second.get("connect_apps").forEach(item -> listed.add(item.get("sid").asText()));
        assertEquals(new TreeSet<>(made), listed);

        // Twilio's update: what it names, the rest kept; an empty value removes an optional field.
        ApiClient.Response updated = owner.client()
                .postForm(
                        apps(owner) + "/" + sid + ".json",
                        form(Map.of(
                                "FriendlyName",
                                "Rossum Analytics",
                                "Description",
                                "",
                                "DeauthorizeCallbackMethod",
                                "GET",
                                "Permissions",
                                List.of("post-all", "get-all"))));
        assertEquals(200, updated.status(), updated.text());
        assertEquals("Rossum Analytics", updated.json().get("friendly_name").asText());
        assertTrue(updated.json().get("description").isNull());
        assertEquals("Rossum Inc", updated.json().get("company_name").asText());
        assertEquals("GET", updated.json().get("deauthorize_callback_method").asText());
        assertEquals(
                "[\"get-all\",\"post-all\"]", updated.json().get("permissions").toString());

        // No other account sees, changes or deletes it.
        TestAccount other = RunningStack.newAccount();
        assertError(other.client().get(apps(owner) + "/" + sid + ".json"), 404);
        assertError(other.client().get(apps(other) + "/" + sid + ".json"), 404);
        assertError(other.client().postForm(apps(other) + "/" + sid + ".json", "FriendlyName=Mine"), 404);
        assertError(other.client().delete(apps(other) + "/" + sid + ".json"), 404);
        assertEquals(
                0,
                other.client()
                        .get(apps(other) + ".json")
                        .json()
                        .get("connect_apps")
                        .size());

        assertEquals(
                204, owner.client().delete(apps(owner) + "/" + sid + ".json").status());
        assertError(owner.client().get(apps(owner) + "/" + sid + ".json"), 404);
        assertError(owner.client().delete(apps(owner) + "/" + sid + ".json"), 404);
    }

    @Test
    void authorizingMakesTheAppAnAccountOfTheUsersFamilyOnceAndAnswersWhereTheBrowserGoes() {
        TestAccount owner = RunningStack.newAccount();
        TestAccount user = RunningStack.newAccount();
        String app = createApp(owner, "Rossum", null, "get-all", "post-all")
                .get("sid")
                .asText();

        // The authorize page's view of the app, to the account about to decide.
        JsonNode page = user.client().get("/v1/ConnectApps/" + app).json();
        assertEquals("Rossum", page.get("friendly_name").asText());
        assertEquals("Rossum Inc", page.get("company_name").asText());
        assertEquals("https://rossum.example.com", page.get("homepage_url").asText());
        assertEquals("[\"get-all\",\"post-all\"]", page.get("permissions").toString());
        assertEquals(REDIRECT + "?error=access_denied", page.get("decline_url").asText());
        assertTrue(page.get("authorized_account_sid").isNull());
        assertFalse(page.has("deauthorize_callback_url"), "the owner's callback is not the user's to see");

        JsonNode authorization = authorize(user, app);
        String appAccount = authorization.get("connect_app_account_sid").asText();
        assertTrue(appAccount.matches("AC[0-9a-f]{32}"), appAccount);
        assertNotEquals(user.sid(), appAccount);
        assertEquals(
                REDIRECT + "?AccountSid=" + appAccount,
                authorization.get("redirect_url").asText());
        assertEquals(user.sid(), authorization.get("account_sid").asText());
        assertEquals(app, authorization.get("connect_app_sid").asText());
        assertEquals("Rossum", authorization.get("connect_app_friendly_name").asText());
        assertEquals("Rossum Inc", authorization.get("connect_app_company_name").asText());
        assertEquals(
                "Call analytics for your Monitor events",
                authorization.get("connect_app_description").asText());
        assertEquals(
                "https://rossum.example.com",
                authorization.get("connect_app_homepage_url").asText());
        assertEquals(
                "[\"get-all\",\"post-all\"]", authorization.get("permissions").toString());
        assertEquals(
                authorized(user) + "/" + app + ".json", authorization.get("uri").asText());
        assertTrue(authorization.get("date_created").asText().matches(RFC_2822));

        // Authorizing again answers the authorization in force, and makes nothing.
        ApiClient.Response again = user.client().postForm(authorized(user) + ".json", "ConnectAppSid=" + app);
        assertEquals(200, again.status(), again.text());
        assertEquals(appAccount, again.json().get("connect_app_account_sid").asText());
        assertEquals(
                appAccount,
                user.client()
                        .get("/v1/ConnectApps/" + app)
                        .json()
                        .get("authorized_account_sid")
                        .asText());

        // The app's account: a subaccount of the user's, named after the app and marked as its.
        JsonNode accounts =
                user.client().get("/2010-04-01/Accounts.json").json().get("accounts");
        assertEquals(2, accounts.size(), accounts.toString());
        JsonNode account = user.client()
                .get("/2010-04-01/Accounts/" + appAccount + ".json")
                .json();
        assertEquals("Rossum", account.get("friendly_name").asText());
        assertEquals(user.sid(), account.get("owner_account_sid").asText());
        assertEquals(app, account.get("connect_app_sid").asText());
        assertEquals("active", account.get("status").asText());

        // The user's authorized apps, in Twilio's shape; the app's later changes show there.
        owner.client().postForm(apps(owner) + "/" + app + ".json", "FriendlyName=Rossum+Analytics");
        JsonNode list = user.client().get(authorized(user) + ".json").json();
        assertEquals(1, list.get("authorized_connect_apps").size());
        JsonNode listed = list.get("authorized_connect_apps").get(0);
        assertEquals("Rossum Analytics", listed.get("connect_app_friendly_name").asText());
        assertEquals(
                listed,
                user.client().get(authorized(user) + "/" + app + ".json").json());
        assertTrue(list.has("first_page_uri") && list.has("next_page_uri") && list.has("page_size"));

        // Only a main account's auth token authorizes: it makes an account.
        TestAccount subaccount = RunningStack.newSubaccount(user);
        assertError(subaccount.client().postForm(authorized(subaccount) + ".json", "ConnectAppSid=" + app), 403);
        JsonNode key = user.client()
                .postForm("/2010-04-01/Accounts/" + user.sid() + "/Keys.json", "FriendlyName=Console")
                .json();
        ApiClient keyClient = ApiClient.account(
                RunningStack.baseUrl(),
                key.get("sid").asText(),
                key.get("secret").asText());
        assertError(keyClient.postForm(authorized(user) + ".json", "ConnectAppSid=" + app), 403);
        assertError(keyClient.delete(authorized(user) + "/" + app + ".json"), 403);
        assertError(user.client().get("/v1/ConnectApps/CN" + "0".repeat(32)), 404);
    }

    @Test
    void deauthorizingEndsTheOwnersAccessAtOnceAndSendsTheSignedCallbackThroughTheNotifier() throws Exception {
        TestAccount owner = RunningStack.newAccount();
        TestAccount user = RunningStack.newAccount();
        try (WebhookReceiver receiver = WebhookReceiver.ok()) {
            String callback = receiver.url("/deauthorized?token=abc");
            String app =
                    createApp(owner, "Rossum", callback, "get-all").get("sid").asText();
            String appAccount = ConnectAppFixtures.authorizeForAccount(user, app);
            assertEquals(
                    200,
                    owner.client().get("/v1/Events?AccountSid=" + appAccount).status());

            assertEquals(
                    204,
                    user.client().delete(authorized(user) + "/" + app + ".json").status());
            assertError(owner.client().get("/v1/Events?AccountSid=" + appAccount), 404);
            assertError(user.client().get(authorized(user) + "/" + app + ".json"), 404);
            assertEquals(
                    0,
                    user.client()
                            .get(authorized(user) + ".json")
                            .json()
                            .get("authorized_connect_apps")
                            .size());
            assertEquals(
                    "closed",
                    user.client()
                            .get("/2010-04-01/Accounts/" + appAccount + ".json")
                            .json()
                            .get("status")
                            .asText());

            // Twilio's deauthorize callback, form-encoded, signed with the owner's auth token.
            WebhookReceiver.Received request = Eventually.until(
                            "the deauthorize callback", receiver::received, list -> !list.isEmpty())
                    .get(0);
            assertEquals("POST", request.method());
            assertEquals("/deauthorized?token=abc", request.uri());
            Map<String, String> parameters = formOf(request.body());
            assertEquals(Map.of("AccountSid", appAccount, "ConnectAppSid", app), parameters);
            assertTrue(new RequestValidator(owner.authToken())
                    .validate(callback, parameters, request.header("x-twilio-signature")));
            assertFalse(new RequestValidator(user.authToken())
                    .validate(callback, parameters, request.header("x-twilio-signature")));

            // A delivery of the owner's, with its attempt, as every notification is.
            JsonNode delivery = Eventually.until(
                            "the callback's delivery",
                            () -> owner.client()
                                    .get("/v1/Deliveries?SourceSid=" + app)
                                    .json()
                                    .get("deliveries"),
                            deliveries -> deliveries.size() == 1
                                    && deliveries.get(0).get("status").asText().equals("delivered"))
                    .get(0);
            assertEquals("connect_app", delivery.get("source_type").asText());
            assertEquals(callback, delivery.get("destination").asText());
            JsonNode attempts = owner.client()
                    .get("/v1/Deliveries/" + delivery.get("sid").asText())
                    .json()
                    .get("attempts");
            assertEquals(1, attempts.size());
            assertEquals(200, attempts.get(0).get("status_code").asInt());

            // Asked again (its answer lost), the same callback is queued, and the notifier sends it once.
            String job = delivery.get("job_id").asText();
            try (CapturedLogs logs = CapturedLogs.start()) {
                assertEquals(
                        204,
                        user.client()
                                .delete(authorized(user) + "/" + app + ".json")
                                .status());
                logs.await(
                        "the notifier taking the job again",
                        line -> line.path("message").asText().startsWith("A finished job came again")
                                && job.equals(line.path("jobId").asText()));
            }
            assertEquals(1, receiver.received().size(), "sent once");
        }
    }

    @Test
    void aGetCallbackCarriesItsParametersInTheQueryAndIsSignedOverTheFullUrl() {
        TestAccount owner = RunningStack.newAccount();
        TestAccount user = RunningStack.newAccount();
        try (WebhookReceiver receiver = WebhookReceiver.ok()) {
            String app = createApp(owner, "Rossum", receiver.url("/deauthorized"), "get-all")
                    .get("sid")
                    .asText();
            owner.client().postForm(apps(owner) + "/" + app + ".json", "DeauthorizeCallbackMethod=GET");
            String appAccount = ConnectAppFixtures.authorizeForAccount(user, app);
            assertEquals(
                    204,
                    user.client().delete(authorized(user) + "/" + app + ".json").status());
            WebhookReceiver.Received request = Eventually.until(
                            "the deauthorize callback", receiver::received, list -> !list.isEmpty())
                    .get(0);
            assertEquals("GET", request.method());
            String received =
                    receiver.url(request.uri().substring(0, request.uri().indexOf('?'))) + "?"
                            + URI.create(request.uri()).getRawQuery();
            assertEquals(
                    Map.of("AccountSid", appAccount, "ConnectAppSid", app),
                    formOf(URI.create(request.uri()).getRawQuery()));
            assertTrue(new RequestValidator(owner.authToken())
                    .validate(received, Map.of(), request.header("x-twilio-signature")));
        }
    }
}
