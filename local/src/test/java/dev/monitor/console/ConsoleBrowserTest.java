package dev.monitor.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.monitor.testing.ApiClient;
import dev.monitor.testing.Eventually;
import dev.monitor.testing.RunningStack;
import dev.monitor.testing.TestAccount;
import dev.monitor.testing.WebhookReceiver;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;
import org.junit.jupiter.api.parallel.ResourceAccessMode;
import org.junit.jupiter.api.parallel.ResourceLock;
import org.openqa.selenium.By;
import org.openqa.selenium.NoAlertPresentException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;

/** The console in real headless Chromium against the local stack, screen by screen, as a user drives it. */
@Order(1)
@Execution(ExecutionMode.CONCURRENT) // beside the other classes: much of its time is the browser's
@ResourceLock(value = RunningStack.ALL_ACCOUNTS, mode = ResourceAccessMode.READ)
@ResourceLock("the console's browser") // which its tests share, one after another
class ConsoleBrowserTest extends ConsoleSuite {
    private static final String XSS = "<img src=x onerror=alert(1)>";

    private static void recordEvents(TestAccount account, String json) {
        ApiClient.Response response = account.client().postJson("/v1/Events", json);
        assertEquals(201, response.status(), response.text());
    }

    private static String event(String type, String ip, String description) {
        return "{\"event_type\": \"" + type + "\", \"source\": \"api\", \"source_ip_address\": \"" + ip
                + "\", \"actor_sid\": "
                + "\"US0123456789abcdef0123456789abcdef\", \"actor_type\": \"user\", \"resource_sid\": \"PN0123456789abcdef0123456789abcdef\", "
                + "\"description\": \"" + description.replace("\"", "\\\"") + "\"}";
    }

    private static List<WebElement> eventRows() {
        return browser.driver.findElements(By.cssSelector("table[aria-label=Events] tbody tr"));
    }

    /** Waits for the meter, which counts from the table's stream, to have counted this month's writes. */
    private static void awaitWritesThisMonth(TestAccount account, String expected) {
        Eventually.until(
                expected + " writes metered",
                () -> account.client()
                        .get("/2010-04-01/Accounts/" + account.sid()
                                + "/Usage/Records/ThisMonth.json?Category=monitor-writes")
                        .json()
                        .get("usage_records")
                        .get(0)
                        .get("usage")
                        .asText(),
                expected::equals);
    }

    @Test
    void signsInWithGoodCredentialsOnlyAndKeepsThemInTheTabOnly() {
        TestAccount account = RunningStack.newAccount();
        browser.signedOut(base);
        browser.screenshot("sign-in");
        browser.assertNoConsoleErrors("the sign-in form");

        browser.type("signin-user", account.sid());
        browser.type("signin-secret", "not-the-token");
        browser.click(By.cssSelector("button[type=submit]"));
        browser.awaitText(By.cssSelector("[role=alert]"), "Those credentials were not accepted");
        browser.screenshot("sign-in-wrong");
        browser.assertNoConsoleErrors("a wrong sign-in", 401);

        browser.type("signin-secret", account.authToken());
        browser.click(By.cssSelector("button[type=submit]"));
        browser.awaitScreen("Event Log");
        Map<String, Object> storage = browser.storage();
        assertTrue(
                storage.get("session").toString().contains(account.authToken()),
                "the tab's sessionStorage holds the session");
        assertFalse(storage.get("local").toString().contains(account.authToken()), "localStorage holds no credential");
        assertEquals("", storage.get("cookie"), "no cookie");
        assertFalse(storage.get("url").toString().contains(account.authToken()), "the URL holds no credential");
        // A new account's log holds Monitor's event of its creation, by the operator.
        browser.wait.until(driver -> eventRows().size() == 1);
        String creation = eventRows().get(0).getText();
        assertTrue(creation.contains("account.created") && creation.contains("operator"), creation);
        browser.screenshot("events-new-account");
        browser.assertNoConsoleErrors("a new account's Event Log");

        browser.click(By.xpath("//button[normalize-space()='Sign out']"));
        browser.byId("signin-user");
        assertEquals("{}", browser.storage().get("session"), "signing out forgets the credentials");

        // An API key signs in too; without the Accounts resource it cannot switch accounts.
        JsonNode key = account.client()
                .postForm("/2010-04-01/Accounts/" + account.sid() + "/Keys.json", "FriendlyName=Console")
                .json();
        String keySid = key.get("sid").asText();
        browser.signIn(base, keySid, key.get("secret").asText());
        browser.awaitText(By.cssSelector(".account-static"), account.sid());
        browser.assertNoConsoleErrors("the Event Log signed in with an API key");

        // A revoked key ends the session with a message, and forgets the credentials.
        assertEquals(
                204,
                account.client()
                        .delete("/2010-04-01/Accounts/" + account.sid() + "/Keys/" + keySid + ".json")
                        .status());
        browser.click(By.linkText("Alerts"));
        browser.awaitText(By.cssSelector("[role=alert]"), "no longer accepts these credentials");
        assertEquals("{}", browser.storage().get("session"));
        browser.assertNoConsoleErrors("a revoked key's session", 401);
    }

    @Test
    void showsEventsRecordedThroughTheApiWithTheirDetailAndLeavesMarkupInert() {
        TestAccount account = RunningStack.newAccount();
        recordEvents(
                account,
                "[{\"event_type\": \"user.login\", \"source\": \"web\", \"source_ip_address\": \"198.51.100.23\", "
                        + "\"actor_sid\": \"US9f3c2a1b0e9d8c7b6a5f4e3d2c1b0a99\", \"actor_type\": \"user\", \"description\": \"Signed in\"},"
                        + "{\"event_type\": \"application.updated\", \"source\": \"api\", \"source_ip_address\": \"2001:db8::7\", "
                        + "\"resource_sid\": \"AP7e1d2c3b4a5968778695a4b3c2d1e0f1\", \"actor_sid\": \"SK1a2b3c4d5e6f708192a3b4c5d6e7f801\", "
                        + "\"actor_type\": \"api-key\", \"event_data\": {\"voice_url\": {\"previous\": \"https://a.example.com/v\", \"updated\": \"https://b.example.com/v\"}}},"
                        + "{\"event_type\": \"phone-number.updated\", \"source\": \"web\", \"source_ip_address\": \"198.51.100.23\", "
                        + "\"resource_sid\": \"PN5b4a39281706f5e4d3c2b1a0f9e8d7c6\", \"actor_sid\": \"US9f3c2a1b0e9d8c7b6a5f4e3d2c1b0a99\", \"actor_type\": \"user\"}]");
        recordEvents(account, event("phone-number.created", "203.0.113.10", "Bought +15005550006"));
        recordEvents(account, event("api-key.created", "203.0.113.11", XSS));
        browser.signIn(base, account.sid(), account.authToken());
        // The five and, oldest, the account's creation.
        browser.wait.until(driver -> eventRows().size() == 6);
        List<WebElement> rows = eventRows();
        assertTrue(
                rows.get(5).getText().contains("account.created"), rows.get(5).getText());
        assertTrue(
                rows.get(0).getText().contains("api-key.created"),
                "newest first: " + rows.get(0).getText());
        assertTrue(rows.get(1).getText().contains("phone-number.created"));
        assertTrue(rows.get(1).getText().contains("203.0.113.10"));
        String title = rows.get(0).findElement(By.tagName("time")).getAttribute("title");
        assertTrue(title.matches("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(\\.\\d+)?Z \\(UTC\\)"), title);
        browser.screenshot("events");
        browser.assertNoConsoleErrors("the Event Log");

        // By keyboard: Enter on the row's button opens the detail, Escape closes it and gives focus back.
        WebElement open = rows.get(0).findElement(By.cssSelector("button.row-open"));
        open.sendKeys(org.openqa.selenium.Keys.ENTER);
        WebElement dialog = browser.find(By.cssSelector("[role=dialog]"));
        browser.awaitText(By.cssSelector("[role=dialog]"), XSS);
        assertTrue(dialog.findElements(By.tagName("img")).isEmpty(), "the description stays text");
        assertTrue(
                browser.driver.findElements(By.cssSelector("img[src=x]")).isEmpty(),
                "no element was made of the description");
        assertNoAlert();
        browser.screenshot("event-detail");
        browser.pressEscape();
        assertEquals(
                open, browser.driver.switchTo().activeElement(), "focus is back on the row that opened the detail");
        browser.wait.until(ExpectedConditions.invisibilityOfElementLocated(By.cssSelector("[role=dialog]")));
        browser.assertNoConsoleErrors("the event detail");
    }

    private static void assertNoAlert() {
        try {
            browser.driver.switchTo().alert();
            throw new AssertionError("An alert opened: the payload ran");
        } catch (NoAlertPresentException expected) {
            // The payload is text.
        }
    }

    @Test
    void filtersByIpAndEventTypeTogetherInABookmarkableUrl() {
        TestAccount account = RunningStack.newAccount();
        recordEvents(
                account,
                "[" + event("phone-number.created", "198.51.100.7", "=HYPERLINK(\"https://example.com\"), wanted") + ","
                        + event("phone-number.deleted", "198.51.100.7", "other type") + ","
                        + event("phone-number.created", "198.51.100.8", "other ip") + "]");
        browser.signIn(base, account.sid(), account.authToken());
        // The three and the account's creation.
        browser.wait.until(driver -> eventRows().size() == 4);
        browser.wait.until(driver -> new Select(driver.findElement(By.id("filter-type")))
                        .getOptions()
                        .size()
                > 10);
        new Select(browser.byId("filter-type")).selectByVisibleText("phone-number.created");
        browser.type("filter-ip", "198.51.100.7");
        browser.click(By.xpath("//button[normalize-space()='Apply filters']"));
        browser.wait.until(driver -> driver.getCurrentUrl().contains("SourceIpAddress=198.51.100.7"));
        browser.wait.until(driver -> eventRows().size() == 1);
        assertTrue(eventRows().get(0).getText().contains("phone-number.created"));
        assertTrue(eventRows().get(0).getText().contains("198.51.100.7"));
        String url = browser.driver.getCurrentUrl();
        assertTrue(url.contains("EventType=phone-number.created"), url);
        assertFalse(url.contains(account.authToken()), url);
        browser.screenshot("events-filtered");
        browser.assertNoConsoleErrors("the filtered Event Log");

        // The bookmarked view opens filtered.
        browser.open(base + "/console/events");
        browser.wait.until(driver -> eventRows().size() == 4);
        browser.open(url);
        browser.wait.until(driver -> eventRows().size() == 1);
        assertEquals("198.51.100.7", browser.byId("filter-ip").getAttribute("value"));

        // The CSV holds the filtered view, a formula neutralised and quoted per RFC 4180.
        browser.click(By.xpath("//button[normalize-space()='Download CSV']"));
        browser.awaitText(By.cssSelector(".csv-progress"), "1 events downloaded");
        Path csv = Eventually.until("the CSV file", () -> downloaded("events-" + account.sid()), file -> file != null);
        List<String> lines = Eventually.until("the whole CSV", () -> readLines(csv), read -> read.size() == 2);
        assertTrue(lines.get(0).startsWith("sid,event_date,event_type,"), lines.get(0));
        assertTrue(lines.get(1).contains(",\"'=HYPERLINK(\"\"https://example.com\"\"), wanted\","), lines.get(1));
        browser.assertNoConsoleErrors("the CSV download");

        // Next and previous pages, three events a page.
        browser.open(base + "/console/events?PageSize=3");
        browser.wait.until(driver -> eventRows().size() == 3);
        browser.click(By.xpath("//button[normalize-space()='Next →']"));
        browser.wait.until(driver -> eventRows().size() == 1);
        browser.click(By.xpath("//button[normalize-space()='← Previous']"));
        browser.wait.until(driver -> eventRows().size() == 3);
        browser.assertNoConsoleErrors("paging");
    }

    private static Path downloaded(String prefix) {
        try (var files = Files.list(ConsoleBrowser.DOWNLOADS)) {
            return files.filter(file -> file.getFileName().toString().startsWith(prefix)
                            && file.toString().endsWith(".csv"))
                    .findFirst()
                    .orElse(null);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<String> readLines(Path file) {
        try {
            return Files.readAllLines(file);
        } catch (IOException e) {
            return List.of();
        }
    }

    @Test
    void switchesToASubaccountsEventLog() {
        TestAccount main = RunningStack.newAccount();
        TestAccount sub = RunningStack.newSubaccount(main);
        recordEvents(sub, event("user.login", "192.0.2.44", "the subaccount's event"));
        browser.signIn(base, main.sid(), main.authToken());
        browser.wait.until(driver -> new Select(driver.findElement(By.id("account-select")))
                        .getOptions()
                        .size()
                == 2);
        new Select(browser.byId("account-select")).selectByValue(sub.sid());
        browser.wait.until(driver -> driver.getCurrentUrl().contains("AccountSid=" + sub.sid()));
        // Its event and its creation by the main account (whose own log holds one event, its creation).
        browser.wait.until(driver -> eventRows().size() == 2);
        assertTrue(eventRows().get(0).getText().contains("user.login"));
        assertTrue(eventRows().get(0).getText().contains("192.0.2.44"));
        String creation = eventRows().get(1).getText();
        assertTrue(creation.contains("account.created") && creation.contains(main.sid()), creation);
        browser.screenshot("events-subaccount");
        browser.assertNoConsoleErrors("a subaccount's Event Log");

        // A request slower than 300 ms shows the loading bar until it answers.
        assertTrue(browser.driver.findElements(By.cssSelector(".loading-bar")).isEmpty());
        browser.script(
                "const quick = window.fetch; window.fetch = (...request) => new Promise(done => setTimeout(done, 1000)).then(() => quick(...request))");
        browser.type("filter-ip", "192.0.2.44");
        browser.click(By.xpath("//button[normalize-space()='Apply filters']"));
        browser.find(By.cssSelector(".loading-bar"));
        browser.wait.until(ExpectedConditions.invisibilityOfElementLocated(By.cssSelector(".loading-bar")));
        assertEquals(1, eventRows().size());
    }

    @Test
    void aTypeDisabledInConfigureIsNoLongerRecorded() {
        TestAccount account = RunningStack.newAccount();
        browser.signIn(base, account.sid(), account.authToken());
        browser.click(By.linkText("Configure"));
        browser.awaitScreen("Configure");
        WebElement checkbox = browser.byId("type-phone-number.deleted");
        assertTrue(checkbox.isSelected(), "recorded by default");
        checkbox.click();
        browser.find(By.xpath("//*[normalize-space()='Unsaved changes']"));
        browser.script("window.scrollTo(0, 0)");
        browser.screenshot("configure");
        // Leaving with unsaved changes asks first.
        browser.click(By.linkText("Event Log"));
        browser.wait.until(ExpectedConditions.alertIsPresent()).dismiss();
        browser.awaitScreen("Configure");
        browser.click(By.xpath("//button[normalize-space()='Save']"));
        browser.awaitText(By.cssSelector("[role=status].banner"), "Saved");
        browser.assertNoConsoleErrors("Configure");
        JsonNode configuration =
                account.client().get("/v1/Events/Configuration").json();
        assertEquals(
                "[\"phone-number.deleted\"]",
                configuration.get("disabled_event_types").toString());

        ApiClient.Response recorded = account.client()
                .postJson(
                        "/v1/Events",
                        "[" + event("phone-number.deleted", "203.0.113.5", "not kept") + ","
                                + event("phone-number.created", "203.0.113.5", "kept") + "]");
        assertEquals(201, recorded.status(), recorded.text());
        assertFalse(recorded.json().get("events").get(0).get("stored").asBoolean());
        browser.click(By.linkText("Event Log"));
        // Beside the kept one, the saved configuration is Monitor's event, from the console ("web").
        browser.wait.until(driver -> eventRows().size() == 3);
        List<WebElement> rows = eventRows();
        assertTrue(
                rows.get(0).getText().contains("phone-number.created"),
                rows.get(0).getText());
        String configured = rows.get(1).getText();
        assertTrue(configured.contains("events-configuration.updated") && configured.contains("web"), configured);
        assertTrue(
                rows.get(2).getText().contains("account.created"), rows.get(2).getText());
    }

    @Test
    void chartsTheAlertsRecordedThroughTheApiByErrorCode() {
        TestAccount account = RunningStack.newAccount();
        recordAlerts(account, "11200", 3);
        recordAlerts(account, "82002", 2);
        Eventually.until(
                "5 alerts counted",
                () -> {
                    long total = 0;
                    for (JsonNode count : account.client()
                            .get("/v1/AlertCounts?Interval=day")
                            .json()
                            .get("counts")) {
                        total += count.get("count").asLong();
                    }
                    return total;
                },
                total -> total == 5);
        browser.signIn(base, account.sid(), account.authToken());
        browser.click(By.linkText("Alerts"));
        browser.awaitScreen("Alerts");
        browser.awaitText(By.cssSelector("tr[data-error-code='11200'] .count"), "3");
        browser.awaitText(By.cssSelector("tr[data-error-code='82002'] .count"), "2");
        browser.find(By.cssSelector(".chart canvas"));
        // The list loads apart from the counts: the 5 alerts are waited for, not read at once.
        By alertRows = By.cssSelector("table[aria-label=Alerts] tbody tr");
        browser.wait.until(driver -> driver.findElements(alertRows).size() == 5);
        browser.screenshot("alerts");
        browser.assertNoConsoleErrors("Alerts");

        browser.click(By.cssSelector("table[aria-label=Alerts] tbody tr button"));
        browser.awaitText(By.cssSelector("[role=dialog]"), "request_variables");
        browser.screenshot("alert-detail");
        browser.pressEscape();
        browser.assertNoConsoleErrors("an alert's detail");
    }

    private static void recordAlerts(TestAccount account, String code, int count) {
        StringBuilder batch = new StringBuilder("[");
        for (int i = 0; i < count; i++) {
            batch.append(i == 0 ? "" : ",")
                    .append("{\"error_code\": \"")
                    .append(code)
                    .append("\", \"log_level\": \"error\", \"alert_text\": \"Failure ")
                    .append(i)
                    .append(
                            "\", \"request_method\": \"POST\", \"request_url\": \"https://example.com/hook\", \"request_variables\": \"a=1\"}");
        }
        ApiClient.Response response = account.client().postJson("/v1/Alerts", batch + "]");
        assertEquals(201, response.status(), response.text());
    }

    @Test
    void createsAnAlarmInTheFormThatFiresIntoAReceiverAndTestsIt() {
        TestAccount account = RunningStack.newAccount();
        try (WebhookReceiver receiver = WebhookReceiver.ok()) {
            browser.signIn(base, account.sid(), account.authToken());
            browser.click(By.linkText("Triggers"));
            browser.awaitScreen("Triggers");
            browser.awaitText(By.cssSelector(".empty"), "No alert triggers yet");
            browser.screenshot("triggers-empty");
            browser.assertNoConsoleErrors("Triggers");
            browser.click(By.xpath("//button[normalize-space()='New alert trigger']"));

            // The API's validation message shows beside the field it names.
            browser.type("alarm-name", "Webhook failures");
            browser.type("alarm-query", "11200");
            browser.type("alarm-threshold", "0");
            browser.type("alarm-webhook", receiver.url("/alarm"));
            browser.click(By.xpath("//button[normalize-space()='Create']"));
            browser.awaitText(By.id("alarm-threshold-error"), "triggerValue must be a whole number");
            browser.screenshot("alarm-form-error");
            browser.assertNoConsoleErrors("the alarm form's validation", 400);

            browser.type("alarm-threshold", "2");
            new Select(browser.byId("alarm-window")).selectByValue("FIVE_MINS");
            browser.click(By.xpath("//button[normalize-space()='Create']"));
            browser.wait.until(ExpectedConditions.invisibilityOfElementLocated(By.cssSelector("[role=dialog]")));
            browser.awaitText(By.cssSelector("table[aria-label='Alert triggers']"), "Webhook failures");
            JsonNode alarm =
                    account.client().get("/v2/Alarms").json().get("alarms").get(0);
            assertEquals("ERROR_CODE", alarm.get("queryType").asText());
            assertEquals("11200", alarm.get("query").asText());
            assertEquals(2, alarm.get("triggerValue").asInt());
            assertEquals("FIVE_MINS", alarm.get("timeWindow").asText());
            assertEquals(receiver.url("/alarm"), alarm.get("webhook").asText());

            recordAlerts(account, "11200", 2);
            Eventually.until("the alarm's webhook", receiver::received, received -> !received.isEmpty());
            assertTrue(
                    receiver.received().get(0).body().contains("11200"),
                    receiver.received().get(0).body());

            browser.open(base + "/console/triggers");
            browser.wait.until(driver -> !driver.findElement(
                            By.cssSelector("table[aria-label='Alert triggers'] tbody tr td:nth-child(4)"))
                    .getText()
                    .equals("—"));
            browser.click(By.xpath("//button[normalize-space()='Firing log']"));
            browser.awaitText(By.cssSelector("[role=dialog]"), "2 ≥ 2");
            browser.screenshot("alarm-firing-log");
            browser.pressEscape();
            browser.wait.until(ExpectedConditions.invisibilityOfElementLocated(By.cssSelector("[role=dialog]")));

            // Editing keeps what the form does not change and saves what it does.
            browser.click(By.xpath("//button[normalize-space()='Edit']"));
            assertEquals("11200", browser.byId("alarm-query").getAttribute("value"));
            browser.type("alarm-threshold", "3");
            browser.type("alarm-email", "ops@example.com");
            // A date-time field's keyboard entry depends on the locale; its value does not.
            browser.script("const input = document.getElementById('alarm-muted'); input.value = '2099-06-15T10:30';"
                    + " input.dispatchEvent(new Event('input', {bubbles: true}))");
            browser.click(By.xpath("//button[normalize-space()='Save']"));
            browser.wait.until(ExpectedConditions.invisibilityOfElementLocated(By.cssSelector("[role=dialog]")));
            JsonNode edited = account.client()
                    .get("/v2/Alarms/" + alarm.get("sid").asText())
                    .json();
            assertEquals(3, edited.get("triggerValue").asInt(), edited.toString());
            assertEquals("[\"ops@example.com\"]", edited.get("email").toString());
            assertEquals(receiver.url("/alarm"), edited.get("webhook").asText());
            assertTrue(edited.get("mutedUntil").asText().startsWith("2099-06-15T"), edited.toString());
            browser.awaitText(By.cssSelector("table[aria-label='Alert triggers']"), "muted until");
            browser.assertNoConsoleErrors("editing the alarm");

            browser.click(By.xpath("//button[normalize-space()='Test']"));
            browser.awaitText(By.cssSelector("[role=dialog] .test-results"), "delivered");
            Eventually.until("the test's webhook", receiver::received, received -> received.size() == 2);
            browser.screenshot("triggers-test");
            browser.pressEscape();
            browser.screenshot("triggers");
            browser.assertNoConsoleErrors("the alarm's test");
        }
    }

    @Test
    void createsAndDeletesAUsageTriggerOfPlusN() {
        TestAccount account = RunningStack.newAccount();
        // The account's creation, an event of Monitor's own, is this month's first write: +1000 is 1001.
        awaitWritesThisMonth(account, "1");
        browser.signIn(base, account.sid(), account.authToken());
        browser.click(By.linkText("Triggers"));
        browser.awaitScreen("Triggers");
        browser.click(By.xpath("//button[normalize-space()='New usage trigger']"));
        browser.type("ut-name", "Busy month");
        browser.type("ut-value", "+1000");
        new Select(browser.byId("ut-recurring")).selectByVisibleText("monthly");
        browser.type("ut-url", "http://127.0.0.1:9/usage");
        browser.click(By.xpath("//form[@aria-label='Usage trigger']//button[normalize-space()='Create']"));
        browser.awaitText(By.cssSelector("table[aria-label='Usage triggers']"), "Busy month");
        assertTrue(browser.find(By.cssSelector("table[aria-label='Usage triggers']"))
                .getText()
                .contains("1001"));
        browser.screenshot("usage-triggers");
        browser.click(By.xpath("//table[@aria-label='Usage triggers']//button[normalize-space()='Delete']"));
        browser.driver.switchTo().alert().accept();
        browser.awaitText(By.cssSelector(".banner-ok"), "Usage trigger deleted");
        assertEquals(
                0,
                account.client()
                        .get("/2010-04-01/Accounts/" + account.sid() + "/Usage/Triggers.json")
                        .json()
                        .get("usage_triggers")
                        .size());
        browser.assertNoConsoleErrors("usage triggers");
    }

    @Test
    void retriesAFailedDelivery() {
        TestAccount account = RunningStack.newAccount();
        // Fails the stack's three attempts (0s, 1s, 1s), then takes the retry.
        try (WebhookReceiver receiver = WebhookReceiver.answering(n -> n <= 3 ? 500 : 200)) {
            ApiClient.Response created = account.client()
                    .postJson(
                            "/v2/Alarms",
                            "{\"friendlyName\": \"Flaky\", \"queryType\": \"ALL\", "
                                    + "\"triggerValue\": 1, \"timeWindow\": \"FIVE_MINS\", \"webhook\": \""
                                    + receiver.url("/flaky") + "\"}");
            assertEquals(201, created.status(), created.text());
            String alarm = created.json().get("sid").asText();
            assertEquals(
                    200,
                    account.client()
                            .postJson("/v2/Alarms/" + alarm + "/Test", "")
                            .status());
            Eventually.until(
                    "the delivery failed",
                    () -> account.client()
                            .get("/v1/Deliveries?Status=failed")
                            .json()
                            .get("deliveries")
                            .size(),
                    failed -> failed == 1);

            browser.signIn(base, account.sid(), account.authToken());
            browser.click(By.linkText("Deliveries"));
            browser.awaitScreen("Deliveries");
            browser.awaitText(By.cssSelector(".delivery .badge"), "failed");
            assertEquals(
                    3,
                    browser.driver
                            .findElements(By.cssSelector(".delivery table tbody tr"))
                            .size());
            browser.screenshot("deliveries-failed");
            browser.assertNoConsoleErrors("Deliveries");

            browser.click(By.xpath("//button[normalize-space()='Retry']"));
            browser.awaitText(By.cssSelector(".banner-ok"), "queued again");
            Eventually.until("the retry's webhook", receiver::received, received -> received.size() == 4);
            Eventually.until(
                    "the retry delivered",
                    () -> account.client()
                            .get("/v1/Deliveries?Status=delivered")
                            .json()
                            .get("deliveries")
                            .size(),
                    delivered -> delivered == 1);
            browser.click(By.xpath("//button[normalize-space()='Refresh']"));
            browser.awaitText(By.cssSelector(".delivery .badge"), "delivered");
            assertEquals(
                    4,
                    browser.driver
                            .findElements(By.cssSelector(".delivery table tbody tr"))
                            .size());
            browser.screenshot("deliveries");

            String before = account.client()
                    .get("/v1/SigningSecret")
                    .json()
                    .get("secret")
                    .asText();
            browser.click(By.xpath("//button[normalize-space()='Rotate…']"));
            browser.awaitText(By.cssSelector("[role=dialog]"), "24 hours");
            browser.screenshot("signing-secret-rotate");
            browser.click(By.xpath("//button[normalize-space()='Rotate secret']"));
            browser.awaitText(By.cssSelector(".banner-ok"), "Rotated");
            String after = account.client()
                    .get("/v1/SigningSecret")
                    .json()
                    .get("secret")
                    .asText();
            assertFalse(before.equals(after), "rotated");
            browser.click(By.xpath("//button[normalize-space()='Show']"));
            browser.awaitText(By.id("signing-secret"), after);
            browser.assertNoConsoleErrors("the signing secret");
        }
    }

    @Test
    void showsThisAndLastMonthsUsageAndTheFreeEventsUsed() {
        TestAccount account = RunningStack.newAccount();
        recordEvents(
                account,
                "[" + event("user.login", "192.0.2.1", "one") + "," + event("user.login", "192.0.2.1", "two") + "]");
        // The account's creation, an event of Monitor's own, and the two.
        awaitWritesThisMonth(account, "3");
        browser.signIn(base, account.sid(), account.authToken());
        browser.click(By.linkText("Usage"));
        browser.awaitScreen("Usage");
        browser.awaitText(By.cssSelector(".allowance"), "3 of 5,000 free events used");
        assertTrue(browser.find(By.cssSelector("table[aria-label='Usage this month'] tr[data-category=monitor-writes]"))
                .getText()
                .contains("3 events"));
        browser.find(By.cssSelector("table[aria-label='Usage last month']"));
        browser.screenshot("usage");
        browser.assertNoConsoleErrors("Usage");
    }

    /** Every screen at a phone's 390 by 844: nothing wider than the window, every control labelled. */
    @Test
    void everyScreenFitsANarrowWindowWithEveryControlLabelled() {
        TestAccount account = RunningStack.newAccount();
        recordEvents(account, event("phone-number.created", "203.0.113.10", "Bought +15005550006"));
        recordAlerts(account, "11200", 1);
        try (WebhookReceiver receiver = WebhookReceiver.ok()) {
            ApiClient.Response created = account.client()
                    .postJson(
                            "/v2/Alarms",
                            "{\"friendlyName\": \"Errors\", \"queryType\": \"LOG_LEVEL\", "
                                    + "\"query\": \"error\", \"triggerValue\": 5, \"timePeriod\": \"daily\", \"webhook\": \""
                                    + receiver.url("/narrow") + "\"}");
            assertEquals(201, created.status(), created.text());
            assertEquals(
                    200,
                    account.client()
                            .postJson("/v2/Alarms/" + created.json().get("sid").asText() + "/Test", "")
                            .status());
            Eventually.until("the test delivered", receiver::received, received -> received.size() == 1);
            ApiClient.Response app = account.client()
                    .postForm(
                            "/2010-04-01/Accounts/" + account.sid() + "/ConnectApps.json",
                            "FriendlyName=Narrow&AuthorizeRedirectUrl=https%3A%2F%2Fapp.example.com%2Fauthorized"
                                    + "&Permissions=get-all");
            assertEquals(201, app.status(), app.text());
            browser.signIn(base, account.sid(), account.authToken());
            try {
                browser.resize(390, 844);
                for (String[] screen : new String[][] {
                    {"events", "Event Log"},
                    {"configure", "Configure"},
                    {"alerts", "Alerts"},
                    {"triggers", "Triggers"},
                    {"usage", "Usage"},
                    {"deliveries", "Deliveries"},
                    {"connect-apps", "Connect apps"},
                    {"connect/" + app.json().get("sid").asText(), "Authorize a Connect app"}
                }) {
                    browser.open(base + "/console/" + screen[0]);
                    browser.awaitScreen(screen[1]);
                    browser.wait.until(
                            driver -> driver.findElements(By.cssSelector("table, .empty, .type-group, .authorize-card"))
                                            .size()
                                    > 0);
                    browser.screenshot(screen[0].replace('/', '-') + "-390");
                    Object overflow = browser.script("return document.documentElement.scrollWidth - window.innerWidth");
                    Object widest = browser.script(
                            "return [...document.querySelectorAll('body *')].filter(e => e.getBoundingClientRect().right > window.innerWidth"
                                    + " && !e.closest('.table-wrap, .sidenav')).slice(-3).map(e => e.outerHTML.slice(0, 120))");
                    assertTrue(
                            ((Number) overflow).intValue() <= 0,
                            screen[1] + " is wider than the window by " + overflow + " pixels: " + widest);
                    Object unlabelled =
                            browser.script("return [...document.querySelectorAll('input, select, textarea, button, a')]"
                                    + ".filter(e => !(e.labels && e.labels.length) && !e.getAttribute('aria-label') && !e.textContent.trim())"
                                    + ".map(e => e.outerHTML.slice(0, 80))");
                    assertEquals(List.of(), unlabelled, screen[1] + " has controls without a label");
                    browser.assertNoConsoleErrors(screen[1] + " at 390 pixels");
                }
            } finally {
                browser.resize(1280, 800);
            }
        }
    }
}
