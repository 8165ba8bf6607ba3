package dev.monitor.console;

import static dev.monitor.testing.TwilioErrors.assertError;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.twilio.security.RequestValidator;
import dev.monitor.testing.ApiClient;
import dev.monitor.testing.Eventually;
import dev.monitor.testing.RunningStack;
import dev.monitor.testing.TestAccount;
import dev.monitor.testing.WebhookReceiver;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;
import org.junit.jupiter.api.parallel.ResourceAccessMode;
import org.junit.jupiter.api.parallel.ResourceLock;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;

/**
 * A Connect app's whole life in real Chromium: its owner creates it in the console, another account opens its
 * authorize URL, signs in there and authorizes it, the browser lands on the app's redirect (a receiver in this test)
 * with the new account's Sid, the owner records and reads events there, the user sees the app's account in the
 * account selector and deauthorizes it, the app's signed callback arrives, and the owner's next read is refused.
 */
@Order(1)
@Execution(ExecutionMode.CONCURRENT)
@ResourceLock(value = RunningStack.ALL_ACCOUNTS, mode = ResourceAccessMode.READ)
@ResourceLock("the console's browser")
class ConsoleConnectAppsTest extends ConsoleSuite {
    private static final String XSS = "<img src=x onerror=alert(1)>";
    private static final Pattern AUTHORIZED = Pattern.compile("/authorized\\?AccountSid=(AC[0-9a-f]{32})");
    private static final By OWNED_ROWS = By.cssSelector("table[aria-label='Connect apps you own'] tbody tr");
    private static final By AUTHORIZED_ROWS =
            By.cssSelector("table[aria-label='Connect apps you authorized'] tbody tr");

    /** Signs out, opens the link, and signs in on it, as a person sent an app's authorize URL does. */
    private static void openSignedOut(String link, TestAccount account) {
        browser.signedOut(base);
        browser.open(link);
        browser.type("signin-user", account.sid());
        browser.type("signin-secret", account.authToken());
        browser.click(By.cssSelector("button[type=submit]"));
    }

    /** Creates an app in the console's form as its owner and answers its authorize URL. */
    private static String createInTheConsole(TestAccount owner, String name, String redirect, String callback) {
        browser.signIn(base, owner.sid(), owner.authToken());
        browser.click(By.linkText("Connect apps"));
        browser.awaitScreen("Connect apps");
        browser.click(By.xpath("//button[normalize-space()='New Connect app']"));
        browser.type("app-name", name);
        browser.type("app-company", "Rossum Inc");
        browser.type("app-description", "Call analytics " + XSS);
        browser.type("app-homepage", "https://rossum.example.com");
        browser.type("app-redirect", redirect);
        browser.type("app-callback", callback);
        browser.click(By.id("app-permission-post-all"));
        browser.click(By.xpath("//button[normalize-space()='Create']"));
        browser.wait.until(driver -> driver.findElements(OWNED_ROWS).size() == 1);
        return browser.find(By.cssSelector("input.authorize-url")).getAttribute("value");
    }

    private static Map<String, String> form(String encoded) {
        Map<String, String> form = new LinkedHashMap<>();
        for (String pair : encoded.split("&")) {
            String[] parts = pair.split("=", 2);
            form.put(
                    URLDecoder.decode(parts[0], StandardCharsets.UTF_8),
                    URLDecoder.decode(parts[1], StandardCharsets.UTF_8));
        }
        return form;
    }

    private static List<WebhookReceiver.Received> requestsTo(WebhookReceiver receiver, String path) {
        return receiver.received().stream()
                .filter(request -> request.uri().startsWith(path))
                .toList();
    }

    @Test
    void anAppIsAuthorizedUsedByItsOwnerSeenInTheSelectorAndDeauthorizedWithASignedCallback() {
        TestAccount owner = RunningStack.newAccount();
        TestAccount user = RunningStack.newAccount();
        String name = "Rossum " + XSS;
        try (WebhookReceiver app = WebhookReceiver.ok()) {
            String callback = app.url("/deauthorized");
            String authorizeUrl = createInTheConsole(owner, name, app.url("/authorized"), callback);
            assertTrue(authorizeUrl.matches(Pattern.quote(base) + "/console/connect/CN[0-9a-f]{32}"), authorizeUrl);
            WebElement row = browser.driver.findElements(OWNED_ROWS).get(0);
            assertTrue(row.getText().contains(name), "the name shows as text: " + row.getText());
            assertTrue(row.findElements(By.tagName("img")).isEmpty(), "no markup of the name is made");
            assertTrue(row.getText().contains("get-all") && row.getText().contains("post-all"), row.getText());
            browser.click(By.xpath("//button[normalize-space()='Copy']"));
            browser.find(By.cssSelector(".copy-row [role=status]"));
            browser.screenshot("connect-apps");
            browser.assertNoConsoleErrors("the Connect apps screen");

            // Another account opens the authorize URL signed out, signs in there, and sees who asks for what.
            openSignedOut(authorizeUrl, user);
            browser.awaitScreen("Authorize a Connect app");
            browser.awaitText(By.id("authorize-app-name"), name);
            WebElement card = browser.find(By.cssSelector(".authorize-card"));
            assertTrue(card.getText().contains("Rossum Inc"), card.getText());
            assertTrue(card.getText().contains("Call analytics " + XSS), card.getText());
            assertTrue(card.getText().contains("get-all") && card.getText().contains("post-all"), card.getText());
            assertTrue(card.findElements(By.tagName("img")).isEmpty(), "the app's text stays text");
            assertEquals(
                    "https://rossum.example.com/",
                    card.findElement(By.linkText("https://rossum.example.com")).getAttribute("href"));
            browser.screenshot("connect-authorize");
            browser.assertNoConsoleErrors("an app's authorize page");

            // Authorize: one call, then the browser goes to the app's redirect with the account made for it.
            browser.click(By.xpath("//button[normalize-space()='Authorize']"));
            WebhookReceiver.Received landed = Eventually.until(
                            "the browser at the app's redirect",
                            () -> requestsTo(app, "/authorized"),
                            list -> !list.isEmpty())
                    .get(0);
            assertEquals("GET", landed.method());
            Matcher authorized = AUTHORIZED.matcher(landed.uri());
            assertTrue(authorized.matches(), landed.uri());
            String appAccount = authorized.group(1);
            browser.wait.until(driver -> driver.getCurrentUrl().equals(app.url(landed.uri())));

            // The owner records and reads events in the app's account, with AccountSid=.
            ApiClient.Response recorded = owner.client()
                    .postJson(
                            "/v1/Events?AccountSid=" + appAccount,
                            "{\"event_type\": \"call.completed\", \"source\": \"api\", \"source_ip_address\": "
                                    + "\"198.51.100.9\", \"description\": \"Recorded by the app\"}");
            assertEquals(201, recorded.status(), recorded.text());
            JsonNode events = owner.client()
                    .get("/v1/Events?EventType=call.completed&AccountSid=" + appAccount)
                    .json()
                    .get("events");
            assertEquals(1, events.size());
            assertEquals(appAccount, events.get(0).get("account_sid").asText());

            // The user's selector lists the app's account, named after the app, as a Connect app; it shows its data.
            browser.signIn(base, user.sid(), user.authToken());
            String label = name + " (Connect app)";
            browser.wait.until(driver -> new Select(driver.findElement(By.id("account-select")))
                    .getOptions().stream().anyMatch(option -> option.getText().startsWith(label)));
            new Select(browser.byId("account-select")).selectByValue(appAccount);
            browser.wait.until(driver -> driver.getCurrentUrl().contains("AccountSid=" + appAccount));
            browser.awaitText(By.cssSelector("table[aria-label=Events] tbody"), "198.51.100.9");
            browser.screenshot("events-connect-app");
            browser.assertNoConsoleErrors("a Connect app account's Event Log");

            // The user deauthorizes it, behind a confirmation that Cancel leaves as it was.
            browser.open(base + "/console/connect-apps");
            browser.awaitScreen("Connect apps");
            browser.wait.until(driver -> driver.findElements(AUTHORIZED_ROWS).size() == 1);
            browser.click(By.xpath("//button[normalize-space()='Deauthorize…']"));
            browser.click(By.xpath("//div[@role='dialog']//button[normalize-space()='Cancel']"));
            assertEquals(1, browser.driver.findElements(AUTHORIZED_ROWS).size());
            assertEquals(
                    200,
                    owner.client().get("/v1/Events?AccountSid=" + appAccount).status(),
                    "still authorized");
            browser.click(By.xpath("//button[normalize-space()='Deauthorize…']"));
            browser.screenshot("connect-deauthorize");
            browser.click(By.xpath("//div[@role='dialog']//button[normalize-space()='Deauthorize']"));
            browser.awaitText(By.cssSelector("[role=status]"), "deauthorized");
            browser.wait.until(driver -> driver.findElements(AUTHORIZED_ROWS).isEmpty());

            // The deauthorize callback arrives through the notifier, signed with the owner's auth token.
            WebhookReceiver.Received called = Eventually.until(
                            "the deauthorize callback", () -> requestsTo(app, "/deauthorized"), list -> !list.isEmpty())
                    .get(0);
            Map<String, String> parameters = form(called.body());
            assertEquals(appAccount, parameters.get("AccountSid"));
            assertTrue(parameters.get("ConnectAppSid").matches("CN[0-9a-f]{32}"), parameters.toString());
            assertTrue(new RequestValidator(owner.authToken())
                    .validate(callback, parameters, called.header("x-twilio-signature")));

            // The owner's next read is refused, and the selector no longer offers the closed account.
            assertError(owner.client().get("/v1/Events?AccountSid=" + appAccount), 404);
            browser.wait.until(driver -> new Select(driver.findElement(By.id("account-select")))
                    .getOptions().stream()
                            .noneMatch(option -> option.getAttribute("value").equals(appAccount)));
            browser.assertNoConsoleErrors("the Connect apps screen after deauthorizing");
        }
    }

    @Test
    void decliningSendsTheBrowserBackWithTheErrorAndMakesNoAccount() {
        TestAccount owner = RunningStack.newAccount();
        TestAccount user = RunningStack.newAccount();
        try (WebhookReceiver app = WebhookReceiver.ok()) {
            String authorizeUrl =
                    createInTheConsole(owner, "Declined", app.url("/authorized"), app.url("/deauthorized"));
            openSignedOut(authorizeUrl, user);
            browser.awaitText(By.id("authorize-app-name"), "Declined");
            browser.click(By.xpath("//button[normalize-space()='Decline']"));
            WebhookReceiver.Received landed = Eventually.until(
                            "the browser at the app's redirect",
                            () -> requestsTo(app, "/authorized"),
                            list -> !list.isEmpty())
                    .get(0);
            assertEquals("/authorized?error=access_denied", landed.uri());
            assertEquals(
                    1,
                    user.client()
                            .get("/2010-04-01/Accounts.json")
                            .json()
                            .get("accounts")
                            .size());
            assertEquals(
                    0,
                    user.client()
                            .get("/2010-04-01/Accounts/" + user.sid() + "/AuthorizedConnectApps.json")
                            .json()
                            .get("authorized_connect_apps")
                            .size());
        }
    }

    @Test
    void theFormShowsTheApisRefusalBesideTheFieldItNames() {
        TestAccount owner = RunningStack.newAccount();
        browser.signIn(base, owner.sid(), owner.authToken());
        browser.click(By.linkText("Connect apps"));
        browser.awaitScreen("Connect apps");
        browser.click(By.xpath("//button[normalize-space()='New Connect app']"));
        browser.type("app-name", "Sneaky");
        browser.type("app-redirect", "javascript:alert(document.cookie)");
        browser.click(By.xpath("//button[normalize-space()='Create']"));
        browser.awaitText(By.id("app-redirect-error"), "AuthorizeRedirectUrl must use https");
        browser.screenshot("connect-app-form-error");
        browser.assertNoConsoleErrors("a refused Connect app", 400);
        browser.pressEscape();
        assertEquals(
                0,
                owner.client()
                        .get("/2010-04-01/Accounts/" + owner.sid() + "/ConnectApps.json")
                        .json()
                        .get("connect_apps")
                        .size());
    }
}
