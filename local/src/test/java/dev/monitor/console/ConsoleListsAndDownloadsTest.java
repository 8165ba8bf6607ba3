package dev.monitor.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.monitor.jackson.Json;
import dev.monitor.testing.ApiClient;
import dev.monitor.testing.RunningStack;
import dev.monitor.testing.TestAccount;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;
import org.junit.jupiter.api.parallel.ResourceAccessMode;
import org.junit.jupiter.api.parallel.ResourceLock;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/**
 * The console's lists and CSV download over pages that the API cut short or left empty (its read budget ran out
 * before a page filled, issue 25) and over events of 33 KB, and the CSV's neutralised formulas, in real Chromium.
 */
@Order(1)
@Execution(ExecutionMode.CONCURRENT)
@ResourceLock(value = RunningStack.ALL_ACCOUNTS, mode = ResourceAccessMode.READ)
@ResourceLock("the console's browser")
class ConsoleListsAndDownloadsTest extends ConsoleSuite {
    private static final By EVENT_ROWS = By.cssSelector("table[aria-label=Events] tbody tr");
    private static final By ALERT_ROWS = By.cssSelector("table[aria-label=Alerts] tbody tr");
    private static final By NO_RESULTS = By.cssSelector(".empty:not(.more-may-exist)");
    private static final By MORE_MAY_EXIST = By.cssSelector(".more-may-exist");

    /**
     * The page's fetch, wrapped: the next {@code emptyPages[path]} requests of a list (Events, Alerts, Deliveries) are
     * answered as the API answers when a request's read budget runs out before it found an item: no items, and a
     * next page that goes on from the same place (here the same URL). {@code shrinkTo} sends a list's first request
     * with that PageSize instead, so the real API answers pages shorter than the screen asked for, with their real
     * next_page_url. Everything else goes to the API as it is.
     */
    private static final String SHORT_PAGES = """
            const real = window.fetch;
            window.monitorPages = { emptyPages: {}, shrinkTo: 0 };
            window.fetch = (input, init) => {
              const url = new URL(String(input), location.origin);
              if (!['/v1/Events', '/v1/Alerts', '/v1/Deliveries'].includes(url.pathname)) return real(input, init);
              if (window.monitorPages.emptyPages[url.pathname] > 0) {
                window.monitorPages.emptyPages[url.pathname] -= 1;
                const key = url.pathname.slice(4).toLowerCase();
                const meta = { key, page: 0, page_size: Number(url.searchParams.get('PageSize')), url: url.href,
                  first_page_url: url.href, next_page_url: url.href, previous_page_url: null };
                return Promise.resolve(new Response(JSON.stringify({ [key]: [], meta }),
                  { status: 200, headers: { 'Content-Type': 'application/json' } }));
              }
              if (window.monitorPages.shrinkTo > 0 && !url.searchParams.has('PageToken')) {
                url.searchParams.set('PageSize', window.monitorPages.shrinkTo);
                return real(url.pathname + url.search, init);
              }
              return real(input, init);
            };""";

    /** Records the events (each a JSON object), returning their Sids in the order given. */
    private static List<String> record(TestAccount account, List<String> events) {
        ApiClient.Response response = account.client().postJson("/v1/Events", "[" + String.join(",", events) + "]");
        assertEquals(201, response.status(), response.text());
        List<String> sids = new ArrayList<>();
        response.json().get("events").forEach(event -> sids.add(event.get("sid").asText()));
        return sids;
    }

    private static String event(String type, String ip, String description, String data) {
        return "{\"event_type\": \"" + type + "\", \"source\": \"api\", \"source_ip_address\": \"" + ip
                + "\", \"description\": " + Json.write(TextNode.valueOf(description))
                + (data == null ? "" : ", \"event_data\": " + data)
                + "}";
    }

    /** The CSV the console downloaded for the account, as its records (header first). */
    private static List<List<String>> downloadedCsv(TestAccount account) {
        Path file = browser.awaitDownload("events-" + account.sid());
        try {
            return Csv.parse(Files.readString(file, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Each record's cell of the column, by the record's Sid. */
    private static Map<String, String> column(List<List<String>> csv, String name) {
        int sid = csv.get(0).indexOf("sid");
        int wanted = csv.get(0).indexOf(name);
        Map<String, String> cells = new LinkedHashMap<>();
        csv.subList(1, csv.size()).forEach(record -> cells.put(record.get(sid), record.get(wanted)));
        return cells;
    }

    private static void clickNav(String screen, String title) {
        browser.click(By.linkText(screen));
        browser.awaitScreen(title);
    }

    @Test
    void theCsvNeutralisesFormulasBehindInvisibleCharactersAndFullWidthSigns() {
        TestAccount account = RunningStack.newAccount();
        String creation = account.creationEventSid();
        // Each description as recorded, and its cell as the CSV must hold it.
        Map<String, String> expected = new LinkedHashMap<>();
        for (String prefix : List.of(
                " ",
                "\t",
                "\r",
                "\n",
                " \r\n",
                "\u00a0",
                "\u200b",
                "\u200c",
                "\u200d",
                "\u2060",
                "\ufeff",
                "\u3000",
                "\u2003",
                "\u202f",
                "\u00ad",
                "\u200e",
                " \u200b\ufeff\u00a0")) {
            expected.put(
                    prefix + "=HYPERLINK(\"https://example.com\")",
                    "'" + prefix + "=HYPERLINK(\"https://example.com\")");
        }
        for (String sign :
                List.of("=", "+", "-", "@", "\uff1d", "\uff0b", "\uff0d", "\uff20", "\u2212", "\ufe66", "\ufe62")) {
            expected.put(sign + "1+1", "'" + sign + "1+1");
            expected.put("\u00a0\u200b" + sign + "cmd|' /C calc'!A0", "'\u00a0\u200b" + sign + "cmd|' /C calc'!A0");
        }
        // Text that only looks near a formula stays as it is.
        for (String plain : List.of("a=b", " leading space", "\u00a0no sign", "100%", "(+1) 555", "x\uff1d1")) {
            expected.put(plain, plain);
        }
        List<String> descriptions = new ArrayList<>(expected.keySet());
        List<String> sids = new ArrayList<>();
        for (int from = 0; from < descriptions.size(); from += 50) {
            sids.addAll(record(
                    account,
                    descriptions.subList(from, Math.min(descriptions.size(), from + 50)).stream()
                            .map(description -> event("user.login", "192.0.2.1", description, null))
                            .toList()));
        }
        browser.signIn(base, account.sid(), account.authToken());
        browser.wait.until(driver -> !driver.findElements(EVENT_ROWS).isEmpty());
        browser.click(By.xpath("//button[normalize-space()='Download CSV']"));
        // The descriptions' and the account's creation's.
        browser.awaitText(By.cssSelector(".csv-progress"), (descriptions.size() + 1) + " events downloaded");
        Map<String, String> cells = column(downloadedCsv(account), "description");
        assertEquals(descriptions.size() + 1, cells.size());
        assertTrue(cells.containsKey(creation), cells.keySet().toString());
        for (int i = 0; i < sids.size(); i++) {
            assertEquals(
                    expected.get(descriptions.get(i)),
                    cells.get(sids.get(i)),
                    "the cell of " + Json.write(TextNode.valueOf(descriptions.get(i))));
        }
        browser.assertNoConsoleErrors("the CSV download");
    }

    @Test
    void listsFollowShortAndEmptyPagesAndNeverSayNoResultsWhileAPageFollows() {
        TestAccount account = RunningStack.newAccount();
        // The three recorded and the account's creation.
        List<String> events = new ArrayList<>(List.of(account.creationEventSid()));
        events.addAll(record(
                account,
                List.of(
                        event("user.login", "192.0.2.1", "one", null),
                        event("user.login", "192.0.2.2", "two", null),
                        event("user.login", "192.0.2.3", "three", null))));
        StringBuilder alerts = new StringBuilder("[");
        for (int i = 0; i < 5; i++) {
            alerts.append(i == 0 ? "" : ",")
                    .append("{\"error_code\": \"11200\", \"log_level\": \"error\", \"alert_text\": \"Failure ")
                    .append(i)
                    .append("\"}");
        }
        assertEquals(201, account.client().postJson("/v1/Alerts", alerts + "]").status());
        browser.signIn(base, account.sid(), account.authToken());
        browser.wait.until(driver -> driver.findElements(EVENT_ROWS).size() == 4);
        browser.script(SHORT_PAGES);

        // Pages of 2 where the screen asked for 50: it reads on to the list's end, and offers no next page.
        browser.script("window.monitorPages.shrinkTo = 2");
        browser.sentRequests();
        clickNav("Alerts", "Alerts");
        browser.wait.until(driver -> driver.findElements(ALERT_ROWS).size() == 5);
        List<String> listReads = browser.sentApiCalls().stream()
                .map(Object::toString)
                .filter(call -> call.startsWith("GET /v1/Alerts?"))
                .toList();
        assertEquals(3, listReads.size(), listReads.toString());
        assertTrue(listReads.stream().allMatch(call -> call.contains("PageSize=2")), listReads.toString());
        assertTrue(
                !browser.find(By.xpath("//button[normalize-space()='Next →']")).isEnabled(), "the list has ended");
        browser.script("window.monitorPages.shrinkTo = 0");

        // Three empty pages before the events: the screen reads on and shows them.
        browser.script("window.monitorPages.emptyPages['/v1/Events'] = 3");
        clickNav("Event Log", "Event Log");
        browser.wait.until(driver -> driver.findElements(EVENT_ROWS).size() == 4);
        assertTrue(browser.driver.findElements(NO_RESULTS).isEmpty());
        assertEquals(0L, browser.script("return window.monitorPages.emptyPages['/v1/Events']"));

        // Twelve: after ten requests it says that more may exist and offers to keep looking, never "no events".
        browser.script("window.monitorPages.emptyPages['/v1/Events'] = 12");
        clickNav("Alerts", "Alerts");
        clickNav("Event Log", "Event Log");
        browser.awaitText(MORE_MAY_EXIST, "10 pages read so far");
        assertTrue(browser.driver.findElements(NO_RESULTS).isEmpty(), "no false 'no events'");
        assertTrue(browser.driver.findElements(EVENT_ROWS).isEmpty());
        browser.screenshot("events-more-may-exist");
        browser.resize(390, 844);
        try {
            browser.screenshot("events-more-may-exist-390");
        } finally {
            browser.resize(1280, 800);
        }
        browser.click(By.xpath("//button[normalize-space()='Keep looking']"));
        browser.wait.until(driver -> driver.findElements(EVENT_ROWS).size() == 4);
        assertEquals(0L, browser.script("return window.monitorPages.emptyPages['/v1/Events']"));

        // The CSV reads past empty pages to the end.
        browser.script("window.monitorPages.emptyPages['/v1/Events'] = 4");
        browser.click(By.xpath("//button[normalize-space()='Download CSV']"));
        browser.awaitText(By.cssSelector(".csv-progress"), "4 events downloaded");
        List<String> downloaded =
                new ArrayList<>(column(downloadedCsv(account), "sid").keySet());
        assertEquals(events.size(), downloaded.size(), downloaded.toString());
        assertEquals(Set.copyOf(events), Set.copyOf(downloaded));
        browser.assertNoConsoleErrors("short and empty pages");
    }

    @Test
    void theCsvOfAnAccountWhoseEventsAre33KbHoldsEveryEventAndASparseFilterFindsItsMatch() {
        TestAccount account = RunningStack.newAccount();
        // Listed beside them: the account's creation, the oldest event of the log.
        String creation = account.creationEventSid();
        // The oldest recorded is the only event of its type and address: every other matches one filter, not both.
        String needle = record(account, List.of(event("phone-number.deleted", "198.51.100.99", "the match", null)))
                .get(0);
        String padding = "x".repeat(32 * 1024 - 100);
        List<String> sids = new ArrayList<>(List.of(needle));
        // 25 a request keeps each body under the API's 1 MB.
        for (int batch = 0; batch < 12; batch++) {
            List<String> events = new ArrayList<>();
            for (int i = 0; i < 25; i++) {
                boolean login = i % 2 == 0;
                events.add(event(
                        login ? "user.login" : "phone-number.deleted",
                        login ? "198.51.100.99" : "203.0.113.7",
                        "a".repeat(1000),
                        "{\"padding\": \"" + padding + "\", \"n\": " + (batch * 25 + i) + "}"));
            }
            sids.addAll(record(account, events));
        }
        browser.signIn(base, account.sid(), account.authToken());
        browser.wait.until(driver -> !driver.findElements(EVENT_ROWS).isEmpty());
        browser.click(By.xpath("//button[normalize-space()='Download CSV']"));
        By failed = By.cssSelector(".csv [role=alert]");
        browser.wait.until(driver ->
                driver.findElement(By.cssSelector(".csv-progress")).getText().equals("302 events downloaded")
                        || !driver.findElements(failed).isEmpty());
        assertTrue(
                browser.driver.findElements(failed).isEmpty(),
                () -> browser.find(failed).getText());
        List<List<String>> csv = downloadedCsv(account);
        Map<String, String> data = column(csv, "event_data");
        assertEquals(302, csv.size() - 1, "one record per event");
        sids.add(creation);
        assertEquals(sids.size(), data.size());
        for (String sid : sids) {
            assertTrue(data.containsKey(sid), "the CSV lacks " + sid);
        }
        JsonNode oneOfThem = parse(data.get(sids.get(150)));
        assertEquals(padding, oneOfThem.get("padding").asText(), "the 32 KB of event_data whole");
        browser.assertNoConsoleErrors("the 33 KB events' CSV");

        // Both filters together: the API may answer empty pages before it reaches the match; the screen reads on.
        browser.open(base + "/console/events?EventType=phone-number.deleted&SourceIpAddress=198.51.100.99");
        for (int looks = 0; ; looks++) {
            browser.wait.until(driver -> driver.findElements(EVENT_ROWS).size() == 1
                    || !driver.findElements(MORE_MAY_EXIST).isEmpty()
                    || !driver.findElements(NO_RESULTS).isEmpty());
            assertTrue(browser.driver.findElements(NO_RESULTS).isEmpty(), "a false 'no events' before the match");
            List<WebElement> rows = browser.driver.findElements(EVENT_ROWS);
            if (!rows.isEmpty()) {
                assertEquals(needle, rows.get(0).getAttribute("data-sid"));
                break;
            }
            assertTrue(looks < 30, "the match was not reached");
            browser.click(By.xpath("//button[normalize-space()='Keep looking']"));
        }
        browser.assertNoConsoleErrors("a sparse filter over 33 KB events");
    }

    private static JsonNode parse(String json) {
        try {
            return Json.parse(json);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
