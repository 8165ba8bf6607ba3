package dev.monitor.connect;

import static dev.monitor.connect.ConnectAppFixtures.apps;
import static dev.monitor.connect.ConnectAppFixtures.authorized;
import static dev.monitor.connect.ConnectAppFixtures.createApp;
import static dev.monitor.connect.ConnectAppFixtures.form;
import static dev.monitor.testing.TwilioErrors.assertError;
import static dev.monitor.testing.TwilioErrors.assertErrorMentions;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import dev.monitor.testing.ApiClient;
import dev.monitor.testing.RunningStack;
import dev.monitor.testing.TestAccount;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every bad request on the Connect app routes gets a 4xx with Twilio's error body naming the problem, and stores
 * nothing: no app, no change of one, no authorization and no account.
 */
class ConnectAppsBadInputTest {
    private TestAccount owner;
    private TestAccount user;
    /** The owner's one app, as it was made: what every test leaves as it found it. */
    private JsonNode app;

    private String appPath;

    @BeforeEach
    void oneApp() {
        owner = RunningStack.newAccount();
        user = RunningStack.newAccount();
        app = createApp(owner, "Rossum", null, "get-all");
        appPath = apps(owner) + "/" + app.get("sid").asText() + ".json";
    }

    @AfterEach
    void nothingWasStored() {
        JsonNode listed = owner.client().get(apps(owner) + ".json").json().get("connect_apps");
        assertEquals(1, listed.size(), "apps: " + listed);
        assertEquals(app, owner.client().get(appPath).json(), "the app as it was made");
        JsonNode authorizations =
                user.client().get(authorized(user) + ".json").json().get("authorized_connect_apps");
        assertEquals(0, authorizations.size(), "authorizations: " + authorizations);
        assertEquals(
                1,
                user.client()
                        .get("/2010-04-01/Accounts.json")
                        .json()
                        .get("accounts")
                        .size(),
                "no account made");
    }

    private static Map<String, Object> good() {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("FriendlyName", "Rossum");
        fields.put("AuthorizeRedirectUrl", "https://app.example.com/authorized");
        fields.put("Permissions", "get-all");
        return fields;
    }

    private ApiClient.Response create(Map<String, Object> fields) {
        return owner.client().postForm(apps(owner) + ".json", form(fields));
    }

    private ApiClient.Response createWith(String field, Object value) {
        Map<String, Object> fields = good();
        fields.put(field, value);
        return create(fields);
    }

    private static Set<String> fieldsNamed(JsonNode error) {
        Set<String> fields = new TreeSet<>();
        error.path("details")
                .path("errors")
                .forEach(entry -> fields.add(entry.get("field").asText()));
        return fields;
    }

    @Test
    void aNewAppWithoutWhatItNeedsNamesEachMissingField() {
        JsonNode error = assertError(owner.client().postForm(apps(owner) + ".json", ""), 400);
        assertEquals(Set.of("AuthorizeRedirectUrl", "FriendlyName", "Permissions"), fieldsNamed(error));
        assertErrorMentions(createWith("FriendlyName", " "), 400, "FriendlyName", "empty");
        assertErrorMentions(createWith("AuthorizeRedirectUrl", ""), 400, "AuthorizeRedirectUrl", "required");
        assertErrorMentions(createWith("Permissions", ""), 400, "Permissions");
    }

    @Test
    void lengthsAreBounded() {
        assertErrorMentions(createWith("FriendlyName", "x".repeat(65)), 400, "FriendlyName", "64");
        assertErrorMentions(createWith("CompanyName", "x".repeat(256)), 400, "CompanyName", "255");
        assertErrorMentions(createWith("Description", "x".repeat(1001)), 400, "Description", "1000");
        assertErrorMentions(
                createWith("AuthorizeRedirectUrl", "https://app.example.com/" + "x".repeat(2048)),
                400,
                "AuthorizeRedirectUrl",
                "2048");
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "javascript:alert(document.cookie)",
                "JavaScript:alert(1)",
                "data:text/html,<script>alert(1)</script>",
                "http://app.example.com/authorized",
                "ftp://app.example.com/authorized",
                "https://user:secret@app.example.com/authorized",
                "https://app.example.com/authorized#fragment",
                "//app.example.com/authorized",
                "not a url"
            })
    void theRedirectIsHttpsOrThisMachineAndNeverAScriptOrCredentials(String url) {
        assertErrorMentions(createWith("AuthorizeRedirectUrl", url), 400, "AuthorizeRedirectUrl");
        assertErrorMentions(
                owner.client().postForm(appPath, form(Map.of("AuthorizeRedirectUrl", url))),
                400,
                "AuthorizeRedirectUrl");
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "javascript:alert(1)",
                "file:///etc/passwd",
                "http://0x7f000001/deauthorized",
                "http://2130706433/deauthorized",
                "gopher://127.0.0.1:25/",
                "http://u:p@127.0.0.1/deauthorized"
            })
    void theDeauthorizeCallbackIsCheckedAsEveryWebhookIs(String url) {
        assertErrorMentions(createWith("DeauthorizeCallbackUrl", url), 400, "DeauthorizeCallbackUrl");
        assertErrorMentions(
                owner.client().postForm(appPath, form(Map.of("DeauthorizeCallbackUrl", url))),
                400,
                "DeauthorizeCallbackUrl");
    }

    @Test
    void theHomepageMethodAndPermissionsAreTwiliosValuesOnly() {
        assertErrorMentions(createWith("HomepageUrl", "javascript:alert(1)"), 400, "HomepageUrl");
        assertErrorMentions(createWith("DeauthorizeCallbackMethod", "PUT"), 400, "DeauthorizeCallbackMethod", "PUT");
        assertErrorMentions(createWith("Permissions", "read-all"), 400, "Permissions", "read-all");
        assertErrorMentions(createWith("Permissions", List.of("get-all", "admin")), 400, "Permissions", "admin");
        assertErrorMentions(owner.client().postForm(appPath, "Permissions="), 400, "Permissions");
        assertErrorMentions(owner.client().postForm(appPath, "FriendlyName="), 400, "FriendlyName");
        assertErrorMentions(owner.client().postForm(appPath, "AuthorizeRedirectUrl="), 400, "AuthorizeRedirectUrl");
    }

    @Test
    void everyProblemOfOneRequestIsNamedAtOnce() {
        Map<String, Object> fields = good();
        fields.put("FriendlyName", "x".repeat(65));
        fields.put("AuthorizeRedirectUrl", "javascript:alert(1)");
        fields.put("HomepageUrl", "ftp://example.com");
        fields.put("DeauthorizeCallbackUrl", "file:///etc/passwd");
        fields.put("DeauthorizeCallbackMethod", "DELETE");
        fields.put("Permissions", "everything");
        JsonNode error = assertError(create(fields), 400);
        assertEquals(
                Set.of(
                        "AuthorizeRedirectUrl",
                        "DeauthorizeCallbackMethod",
                        "DeauthorizeCallbackUrl",
                        "FriendlyName",
                        "HomepageUrl",
                        "Permissions"),
                fieldsNamed(error));
    }

    @Test
    void unknownFieldsParametersMediaTypesAndMethodsAreRefused() {
        assertErrorMentions(createWith("Colour", "red"), 400, "Colour", "Known here");
        assertErrorMentions(createWith("Permission", "get-all"), 400, "Permission", "did you mean 'Permissions'");
        assertErrorMentions(owner.client().postForm(appPath, "Name=Other"), 400, "Name");
        assertError(owner.client().postJson(apps(owner) + ".json", "{\"FriendlyName\": \"Rossum\"}"), 415);
        assertError(owner.client().postJson(appPath, "{\"FriendlyName\": \"Other\"}"), 415);
        assertError(owner.client().send("PUT", appPath, "application/x-www-form-urlencoded", "FriendlyName=x"), 405);
        assertErrorMentions(owner.client().get(apps(owner) + ".json?FriendlyName=Rossum"), 400, "FriendlyName");
        assertErrorMentions(owner.client().get(apps(owner) + ".json?PageSize=0"), 400, "PageSize");
        assertErrorMentions(user.client().get(authorized(user) + ".json?PageSize=1001"), 400, "PageSize");
        assertErrorMentions(user.client().get(authorized(user) + ".json?PageToken=forged&Page=1"), 400, "PageToken");
    }

    @Test
    void unknownAppsAreNotFound() {
        for (String sid : List.of("CN" + "0".repeat(32), "nope", "AC" + "0".repeat(32), "cn" + "a".repeat(32))) {
            assertError(owner.client().get(apps(owner) + "/" + sid + ".json"), 404);
            assertError(owner.client().postForm(apps(owner) + "/" + sid + ".json", "FriendlyName=x"), 404);
            assertError(owner.client().delete(apps(owner) + "/" + sid + ".json"), 404);
            assertError(user.client().get("/v1/ConnectApps/" + sid), 404);
            assertError(user.client().postForm(authorized(user) + ".json", "ConnectAppSid=" + sid), 404);
            assertError(user.client().get(authorized(user) + "/" + sid + ".json"), 404);
            assertError(user.client().delete(authorized(user) + "/" + sid + ".json"), 404);
        }
        // Authorized apps of an app the user did not authorize, and another account's.
        String sid = app.get("sid").asText();
        assertError(user.client().get(authorized(user) + "/" + sid + ".json"), 404);
        assertError(user.client().delete(authorized(user) + "/" + sid + ".json"), 404);
        assertError(user.client().get(authorized(owner) + ".json"), 404);
        assertError(user.client().postForm(authorized(owner) + ".json", "ConnectAppSid=" + sid), 404);
    }

    @Test
    void anAuthorizationNamesItsAppInItsOwnFormOnly() {
        assertErrorMentions(user.client().postForm(authorized(user) + ".json", ""), 400, "ConnectAppSid");
        assertErrorMentions(user.client().postForm(authorized(user) + ".json", "ConnectAppSid="), 400, "ConnectAppSid");
        assertErrorMentions(
                user.client()
                        .postForm(
                                authorized(user) + ".json",
                                "ConnectAppSid=" + app.get("sid").asText() + "&Permissions=post-all"),
                400,
                "Permissions");
        assertError(
                user.client()
                        .postJson(
                                authorized(user) + ".json",
                                "{\"ConnectAppSid\": \"" + app.get("sid").asText() + "\"}"),
                415);
        assertErrorMentions(
                user.client().get("/v1/ConnectApps/" + app.get("sid").asText() + "?Expand=true"), 400, "Expand");
    }
}
