package dev.monitor.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.monitor.jackson.Json;
import dev.monitor.testing.ApiClient;
import dev.monitor.testing.Eventually;
import dev.monitor.testing.RunningStack;
import dev.monitor.testing.TestAccount;
import dev.monitor.testing.WebhookReceiver;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
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
 * The console links that notifications carry (an alarm's webhook and email, a usage trigger's callback), as they
 * arrived, opened in real Chromium by a person who signs in on them: each shows what it is about.
 */
@Order(1)
@Execution(ExecutionMode.CONCURRENT)
@ResourceLock(value = RunningStack.ALL_ACCOUNTS, mode = ResourceAccessMode.READ)
@ResourceLock("the console's browser")
class ConsoleNotificationLinksTest extends ConsoleSuite {
    private static final By DIALOG = By.cssSelector("[role=dialog]");

    private static JsonNode parse(String json) {
        try {
            return Json.parse(json);
        } catch (IOException e) {
            throw new IllegalStateException(json, e);
        }
    }

    private static void recordAlerts(TestAccount account, String code, int count) {
        StringBuilder batch = new StringBuilder("[");
        for (int i = 0; i < count; i++) {
            batch.append(i == 0 ? "" : ",")
                    .append("{\"error_code\": \"")
                    .append(code)
                    .append("\", \"log_level\": \"error\", \"alert_text\": \"Failure ")
                    .append(i)
                    .append(" of ")
                    .append(code)
                    .append("\"}");
        }
        ApiClient.Response response = account.client().postJson("/v1/Alerts", batch + "]");
        assertEquals(201, response.status(), response.text());
    }

    /** Signs out, opens the link, and signs in on it, as a person who clicked it in a mail would. */
    private static void openSignedOut(String link, TestAccount account) {
        browser.signedOut(base);
        browser.open(link);
        browser.type("signin-user", account.sid());
        browser.type("signin-secret", account.authToken());
        browser.click(By.cssSelector("button[type=submit]"));
    }

    @Test
    void anAlarmsWebhookAndEmailLinkToItsPageAndToTheAlertsThatFiredIt() {
        TestAccount account = RunningStack.newAccount();
        String name = "Checkout callbacks " + account.sid().substring(2, 10);
        try (WebhookReceiver receiver = WebhookReceiver.ok()) {
            ApiClient.Response created = account.client()
                    .postJson(
                            "/v2/Alarms",
                            "{\"friendlyName\": \"" + name + "\", \"queryType\": \"ERROR_CODE\", \"query\": \"11200\", "
                                    + "\"triggerValue\": 2, \"timeWindow\": \"FIVE_MINS\", \"email\": [\"ops@example.com\"], "
                                    + "\"webhook\": \"" + receiver.url("/alarm") + "\"}");
            assertEquals(201, created.status(), created.text());
            String alarm = created.json().get("sid").asText();
            recordAlerts(account, "82002", 1);
            recordAlerts(account, "11200", 2);
            JsonNode data = parse(
                            Eventually.until("the alarm's webhook", receiver::received, received -> !received.isEmpty())
                                    .get(0)
                                    .body())
                    .get("data");
            String alarmPage = data.get("consoleUrl").asText();
            String alerts = data.get("alertsConsoleUrl").asText();
            assertEquals(base + "/console/triggers/alarms/" + alarm + "?AccountSid=" + account.sid(), alarmPage);
            assertTrue(alerts.startsWith(base + "/console/alerts?AccountSid=" + account.sid() + "&StartDate="), alerts);
            assertTrue(data.get("alertsUrl").asText().startsWith(base + "/v1/Alerts?"), "the API's link stays");

            JsonNode email = Eventually.until(
                    "the alarm's email",
                    () -> {
                        for (JsonNode candidate : RunningStack.ses().store().get("emails")) {
                            if (candidate.get("subject").asText().contains(name)) {
                                return candidate;
                            }
                        }
                        return null;
                    },
                    found -> found != null);
            String text = email.get("body").get("text").asText();
            assertTrue(text.contains("Alarm: " + alarmPage + "\n"), text);
            assertTrue(text.contains("Alerts: " + alerts + "\n"), text);
            assertTrue(!text.contains("/v1/"), "the email links to the console only: " + text);
            String html = email.get("body").get("html").asText();
            assertTrue(html.contains("href=\"" + alarmPage.replace("&", "&amp;") + "\""), html);

            // The alarm's page: what it counts, and its firing.
            openSignedOut(alarmPage, account);
            browser.awaitScreen("Triggers");
            browser.awaitText(DIALOG, "Firing log of " + name);
            browser.awaitText(By.cssSelector("[role=dialog] table[aria-label=Firings]"), "2 ≥ 2");
            browser.awaitText(DIALOG, "Error 11200 ≥ 2 in 5 minutes");
            browser.screenshot("alarm-page-from-notification");
            browser.resize(390, 844);
            try {
                browser.screenshot("alarm-page-from-notification-390");
                Object overflow = browser.script("return document.querySelector('.dialog').scrollWidth"
                        + " - document.querySelector('.dialog').clientWidth");
                assertTrue(((Number) overflow).intValue() <= 0, "the alarm's page is wider than its dialog");
            } finally {
                browser.resize(1280, 800);
            }
            browser.assertNoConsoleErrors("an alarm's page from its notification");
            // Closing it leaves the Triggers screen of the same account.
            browser.pressEscape();
            browser.wait.until(driver -> driver.getCurrentUrl().equals(base + "/console/triggers"));

            // From it, its notifications: the Deliveries screen narrowed to the alarm.
            browser.open(alarmPage);
            browser.click(By.linkText("Its notifications"));
            browser.awaitScreen("Deliveries");
            browser.awaitText(By.cssSelector(".source-filter"), alarm);
            browser.wait.until(
                    driver -> driver.findElements(By.cssSelector(".delivery")).size() == 2);
            browser.screenshot("deliveries-of-an-alarm");
            browser.assertNoConsoleErrors("an alarm's deliveries");

            // The alerts of the window that fired it, and only those.
            browser.open(alerts);
            browser.awaitScreen("Alerts");
            By rows = By.cssSelector("table[aria-label=Alerts] tbody tr");
            browser.wait.until(driver -> driver.findElements(rows).size() == 2);
            for (WebElement row : browser.driver.findElements(rows)) {
                assertTrue(row.getText().contains("11200"), row.getText());
            }
            assertEquals("11200", browser.byId("alert-code").getAttribute("value"));
            browser.awaitText(By.cssSelector(".filters"), "exactly ");
            browser.awaitText(By.cssSelector(".chart-card"), "per minute");
            browser.screenshot("alerts-from-notification");
            browser.resize(390, 844);
            try {
                browser.screenshot("alerts-from-notification-390");
            } finally {
                browser.resize(1280, 800);
            }
            browser.assertNoConsoleErrors("the alerts from the alarm's notification");

            // An alert of them opens at its own address, and closes back to the list.
            browser.click(By.cssSelector("table[aria-label=Alerts] tbody tr button"));
            browser.awaitText(DIALOG, "Alert 11200");
            assertTrue(browser.driver.getCurrentUrl().startsWith(base + "/console/alerts/NO"));
            String alertPage = browser.driver.getCurrentUrl();
            browser.pressEscape();
            browser.wait.until(driver -> driver.getCurrentUrl().equals(alerts));
            browser.open(alertPage);
            browser.awaitText(DIALOG, "Failure");
            browser.assertNoConsoleErrors("an alert's own address");
        }
    }

    @Test
    void aUsageTriggersCallbackLinksToItsPageInTheSubaccountItWatches() {
        TestAccount main = RunningStack.newAccount();
        TestAccount sub = RunningStack.newSubaccount(main);
        try (WebhookReceiver receiver = WebhookReceiver.ok()) {
            ApiClient.Response created = sub.client()
                    .postForm(
                            "/2010-04-01/Accounts/" + sub.sid() + "/Usage/Triggers.json",
                            "FriendlyName=First+write&UsageCategory=monitor-writes&TriggerValue=1&Recurring=daily"
                                    + "&TriggerBy=count&CallbackUrl=" + receiver.url("/usage"));
            assertEquals(201, created.status(), created.text());
            String trigger = created.json().get("sid").asText();
            ApiClient.Response recorded =
                    sub.client().postJson("/v1/Events", "{\"event_type\": \"user.login\", \"source\": \"api\"}");
            assertEquals(201, recorded.status(), recorded.text());
            // The check runs every minute; run it at once, as the schedule would, until the write is metered.
            WebhookReceiver.Received callback = Eventually.until(
                            "the usage trigger's callback",
                            () -> {
                                try {
                                    RunningStack.get().runScheduled("UsageCheckFunction");
                                } catch (Exception e) {
                                    throw new IllegalStateException(e);
                                }
                                return receiver.received();
                            },
                            received -> !received.isEmpty())
                    .get(0);
            String link = form(callback.body()).get("ConsoleUrl");
            assertEquals(base + "/console/triggers/usage/" + trigger + "?AccountSid=" + sub.sid(), link);

            // The main account's owner opens it: the subaccount's trigger, with the subaccount chosen.
            openSignedOut(link, main);
            browser.awaitScreen("Triggers");
            browser.awaitText(DIALOG, "Usage trigger First write");
            browser.awaitText(DIALOG, "monitor-writes");
            browser.awaitText(DIALOG, trigger);
            browser.wait.until(driver -> sub.sid()
                    .equals(new Select(driver.findElement(By.id("account-select")))
                            .getFirstSelectedOption()
                            .getAttribute("value")));
            browser.screenshot("usage-trigger-from-callback");
            browser.assertNoConsoleErrors("a usage trigger's page from its callback");
        }
    }

    private static Map<String, String> form(String body) {
        Map<String, String> parameters = new HashMap<>();
        for (String pair : List.of(body.split("&"))) {
            int equals = pair.indexOf('=');
            parameters.put(
                    URLDecoder.decode(pair.substring(0, equals), StandardCharsets.UTF_8),
                    URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8));
        }
        return parameters;
    }
}
