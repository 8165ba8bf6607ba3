package dev.monitor.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.monitor.testing.RunningStack;
import dev.monitor.testing.TestAccount;
import java.util.List;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;
import org.junit.jupiter.api.parallel.ResourceAccessMode;
import org.junit.jupiter.api.parallel.ResourceLock;
import org.openqa.selenium.By;

/**
 * Links into the console whose values were edited (issue 25: {@code /console/triggers?AccountSid=..%2F..%2Fv1%2F
 * SigningSecret%2FRotate%23} made a victim's console rotate their signing secret), on every screen, in real Chromium.
 * What the console sent is read from Chrome's own log of its network requests, not from the page.
 */
@Order(1)
@Execution(ExecutionMode.CONCURRENT)
@ResourceLock(value = RunningStack.ALL_ACCOUNTS, mode = ResourceAccessMode.READ)
@ResourceLock("the console's browser")
class ConsoleTamperedLinksTest extends ConsoleSuite {
    /** The issue's value: a path that climbs out of the Accounts resource to the rotation, its tail cut by a #. */
    private static final String ROTATE = "..%2F..%2Fv1%2FSigningSecret%2FRotate%23";

    private static final String ACCOUNT_LIST = "GET /2010-04-01/Accounts.json?PageSize=1000";

    private static String secretOf(TestAccount account) {
        return account.client().get("/v1/SigningSecret").json().get("secret").asText();
    }

    private static void assertNothingOfTheLinkWasSent(List<ConsoleBrowser.SentRequest> calls, String link) {
        for (ConsoleBrowser.SentRequest call : calls) {
            assertEquals("GET", call.method(), "a request that changes something, from " + link + ": " + calls);
            assertFalse(call.url().contains("SigningSecret"), link + " sent " + calls);
            // The only API call of a page whose link is refused is the account selector's list, which takes no value of
            // the link.
            assertEquals(ACCOUNT_LIST, call.toString(), link + " sent " + calls);
        }
    }

    @Test
    void theIssuesLinkOpensNoScreenAndTheTriggerCreatedAfterItGoesToTheAccount() {
        TestAccount victim = RunningStack.newAccount();
        String secret = secretOf(victim);
        // The victim follows the link signed out, and signs in on it.
        browser.signedOut(base);
        browser.open(base + "/console/triggers?AccountSid=" + ROTATE);
        browser.type("signin-user", victim.sid());
        browser.type("signin-secret", victim.authToken());
        browser.click(By.cssSelector("button[type=submit]"));
        browser.awaitScreen("Triggers");
        browser.awaitText(
                By.cssSelector(".refused-link"),
                "AccountSid in this link is '../../v1/SigningSecret/Rotate#', which is not an Account SID");
        assertTrue(
                browser.driver
                        .findElements(By.xpath("//button[normalize-space()='New usage trigger']"))
                        .isEmpty(),
                "no form to fill in on a refused link");
        browser.screenshot("tampered-link");
        List<ConsoleBrowser.SentRequest> calls = browser.sentApiCalls();
        assertEquals(
                List.of("GET /v1/Events/Configuration", ACCOUNT_LIST),
                calls.stream().map(Object::toString).toList(),
                "the sign-in's check and the account list, nothing of the link");
        browser.assertNoConsoleErrors("the issue's link");

        // The screen without the link's values creates the trigger in the signed-in account, and only that.
        browser.click(By.linkText("open Triggers without the values above"));
        browser.click(By.xpath("//button[normalize-space()='New usage trigger']"));
        browser.type("ut-name", "After the link");
        browser.type("ut-value", "+1000");
        browser.type("ut-url", "http://127.0.0.1:9/usage");
        browser.click(By.xpath("//form[@aria-label='Usage trigger']//button[normalize-space()='Create']"));
        browser.awaitText(By.cssSelector("table[aria-label='Usage triggers']"), "After the link");
        List<String> changes = browser.sentApiCalls().stream()
                .peek(call -> assertFalse(call.url().contains("SigningSecret"), call.toString()))
                .filter(call -> !call.method().equals("GET"))
                .map(Object::toString)
                .toList();
        assertEquals(List.of("POST /2010-04-01/Accounts/" + victim.sid() + "/Usage/Triggers.json"), changes);
        assertEquals(secret, secretOf(victim), "the signing secret was not rotated");
        assertEquals(
                1,
                victim.client()
                        .get("/2010-04-01/Accounts/" + victim.sid() + "/Usage/Triggers.json")
                        .json()
                        .get("usage_triggers")
                        .size());
        browser.assertNoConsoleErrors("the trigger created after the link");
    }

    @Test
    void everyScreensTamperedLinkNamesTheValueAndSendsNothingBuiltFromIt() {
        TestAccount account = RunningStack.newAccount();
        TestAccount other = RunningStack.newAccount();
        String secret = secretOf(account);
        String zeros = "0".repeat(32);
        // A link, the parameter its message names, and the screen it opens.
        String[][] links = {
            {"/console/events?EventType=" + ROTATE, "EventType", "Event Log"},
            {
                "/console/events?SourceIpAddress=203.0.113.7%2F..%2Fv1%2FSigningSecret%2FRotate",
                "SourceIpAddress",
                "Event Log"
            },
            {"/console/events?ActorSid=US" + zeros + "%26AccountSid%3D" + other.sid(), "ActorSid", "Event Log"},
            {"/console/events?ResourceSid=PN" + zeros.toUpperCase().replace('0', 'F'), "ResourceSid", "Event Log"},
            {"/console/events?StartDate=2025-02-30&EndDate=2025-03-01", "StartDate", "Event Log"},
            {"/console/events?PageSize=1001", "PageSize", "Event Log"},
            {"/console/configure?AccountSid=" + ROTATE, "AccountSid", "Configure"},
            {"/console/alerts?ErrorCode=11200%26LogLevel%3Derror", "ErrorCode", "Alerts"},
            {"/console/alerts?LogLevel=fatal&Interval=week", "Interval", "Alerts"},
            {"/console/alerts/" + ROTATE, "AlertSid", "Alerts"},
            {"/console/triggers/alarms/" + ROTATE, "AlarmSid", "Triggers"},
            {"/console/triggers/usage/UT" + zeros + "%2F..%2F..", "UsageTriggerSid", "Triggers"},
            {"/console/triggers/alarms", "no page", "Triggers"},
            {
                "/console/usage?AccountSid=" + account.sid() + "%2F..%2F..%2F..%2Fv1%2FSigningSecret",
                "AccountSid",
                "Usage"
            },
            {"/console/deliveries?Status=all&SourceSid=DL" + zeros, "SourceSid", "Deliveries"},
            {
                "/console/deliveries?AccountSid=" + account.sid() + "&AccountSid=" + other.sid(),
                "AccountSid is given 2 times",
                "Deliveries"
            },
            {"/console/connect-apps?AccountSid=" + ROTATE, "AccountSid", "Connect apps"},
            {"/console/connect/" + ROTATE, "ConnectAppSid", "Authorize a Connect app"},
            {"/console/connect/CN" + zeros + "%2F..%2F..%2FAccounts.json", "ConnectAppSid", "Authorize a Connect app"},
            {"/console/connect/AC" + zeros, "ConnectAppSid", "Authorize a Connect app"},
        };
        browser.signIn(base, account.sid(), account.authToken());
        browser.sentRequests();
        for (String[] link : links) {
            browser.open(base + link[0]);
            browser.awaitScreen(link[2]);
            browser.awaitText(By.cssSelector(".refused-link"), link[1]);
            assertNothingOfTheLinkWasSent(browser.sentApiCalls(), link[0]);
            browser.assertNoConsoleErrors(link[0]);
        }
        // An invisible character is shown, escaped.
        browser.open(base + "/console/alerts?ErrorCode=11200%E2%80%8B");
        browser.awaitText(By.cssSelector(".refused-link"), "ErrorCode in this link is '11200\\u{200b}'");
        assertNothingOfTheLinkWasSent(browser.sentApiCalls(), "an ErrorCode with a zero-width space");
        browser.resize(390, 844);
        try {
            browser.open(base + "/console/triggers?AccountSid=" + ROTATE);
            browser.awaitText(By.cssSelector(".refused-link"), "AccountSid");
            browser.screenshot("tampered-link-390");
            Object overflow = browser.script("return document.documentElement.scrollWidth - window.innerWidth");
            assertTrue(((Number) overflow).intValue() <= 0, "the refused link is wider than the window: " + overflow);
        } finally {
            browser.resize(1280, 800);
        }
        assertEquals(secret, secretOf(account));
    }

    @Test
    void aFilterTypedInThatALinkCouldNotHoldIsRefusedBesideItsField() {
        TestAccount account = RunningStack.newAccount();
        browser.signIn(base, account.sid(), account.authToken());
        // The Event Log has loaded its one event, the account's creation.
        browser.awaitText(By.cssSelector("table[aria-label=Events] tbody tr"), "account.created");
        String before = browser.driver.getCurrentUrl();
        browser.sentRequests();
        browser.type("filter-ip", "203.0.113.7/../v1/SigningSecret/Rotate");
        browser.type("filter-actor", "US123");
        browser.click(By.xpath("//button[normalize-space()='Apply filters']"));
        browser.awaitText(By.id("filter-ip-error"), "Must be an IPv4 or IPv6 address.");
        browser.awaitText(By.id("filter-actor-error"), "Must be a Sid");
        assertEquals(List.of(), browser.sentApiCalls(), "nothing sent for a refused filter");
        assertEquals(before, browser.driver.getCurrentUrl());
        browser.screenshot("events-filter-refused");
        browser.assertNoConsoleErrors("a refused filter");
    }
}
