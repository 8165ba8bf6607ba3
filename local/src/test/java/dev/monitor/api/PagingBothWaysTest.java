package dev.monitor.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.monitor.testing.ApiClient;
import dev.monitor.testing.Eventually;
import dev.monitor.testing.PageWalk;
import dev.monitor.testing.RunningStack;
import dev.monitor.testing.TestAccount;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Every list pages forward by its next page's URL and back by its previous page's, to the first. */
class PagingBothWaysTest {
    private static final String ALARM = """
            {"friendlyName": "a%d", "queryType": "ALL", "triggerValue": 5, "timeWindow": "FIVE_MINS",
             "description": "paging", "enabled": true}""";

    private static List<String> flatten(List<List<String>> pages) {
        List<String> all = new ArrayList<>();
        pages.forEach(all::addAll);
        return all;
    }

    private static void created(ApiClient.Response response) {
        assertEquals(201, response.status(), response.text());
    }

    /** Records {@code count} paging.tested events in one batch, the i-th dated {@code i % seconds} after base. */
    private static void recordEvents(TestAccount account, Instant base, int count, int seconds) {
        StringBuilder batch = new StringBuilder("[");
        for (int i = 0; i < count; i++) {
            batch.append(i == 0 ? "" : ",")
                    .append("{\"event_type\": \"paging.tested\", \"event_date\": \"")
                    .append(base.plusSeconds(i % seconds))
                    .append("\"}");
        }
        created(account.client().postJson("/v1/Events", batch + "]"));
    }

    @Test
    void eventsPageBothWaysThroughEveryShard() {
        TestAccount account = RunningStack.newAccount();
        Instant base = Instant.now().minusSeconds(600).truncatedTo(ChronoUnit.SECONDS);
        recordEvents(account, base, 23, 7);
        List<List<String>> pages = PageWalk.monitor(
                account.client(),
                "/v1/Events?PageSize=4",
                "events",
                event -> event.get("sid").asText());
        // The 23 recorded and the account's creation.
        assertEquals(6, pages.size());
        assertEquals(24, flatten(pages).size());
        assertEquals(24, flatten(pages).stream().distinct().count());
        // A filter is kept on every page, both ways.
        assertEquals(
                3,
                PageWalk.monitor(
                                account.client(),
                                "/v1/Events?PageSize=2&EventType=paging.tested&StartDate=" + base.plusSeconds(5)
                                        + "&EndDate=" + base.plusSeconds(6),
                                "events",
                                event -> event.get("sid").asText())
                        .size());
    }

    /**
     * A page that ends the list offers no next page, however its items fell on the shards: 25 lists of 4 events
     * (each second of a batch), each read 2 to a page, whose shards' reads fill their limit exactly now and then.
     */
    @Test
    void theLastPageOffersNoNextPageWhereverItsItemsLie() {
        TestAccount account = RunningStack.newAccount();
        Instant base = Instant.now().minusSeconds(900).truncatedTo(ChronoUnit.SECONDS);
        recordEvents(account, base, 100, 25);
        for (int second = 0; second < 25; second++) {
            Instant date = base.plusSeconds(second);
            List<List<String>> pages = PageWalk.monitor(
                    account.client(),
                    "/v1/Events?PageSize=2&EventType=paging.tested&StartDate=" + date + "&EndDate=" + date,
                    "events",
                    event -> event.get("sid").asText());
            assertEquals(2, pages.size(), "pages of the events of " + date + ": " + pages);
        }
    }

    @Test
    void alertsAndTheirCountsPageBothWays() {
        TestAccount account = RunningStack.newAccount();
        Instant date = Instant.now().minusSeconds(3600).truncatedTo(ChronoUnit.SECONDS);
        StringBuilder batch = new StringBuilder("[");
        for (int i = 0; i < 9; i++) {
            batch.append(i == 0 ? "" : ",")
                    .append("{\"error_code\": \"")
                    .append(11200 + i % 4)
                    .append("\", \"date_generated\": \"")
                    .append(date.plusSeconds(i))
                    .append("\"}");
        }
        created(account.client().postJson("/v1/Alerts", batch + "]"));
        assertEquals(
                9,
                flatten(PageWalk.monitor(
                                account.client(),
                                "/v1/Alerts?PageSize=2",
                                "alerts",
                                alert -> alert.get("sid").asText()))
                        .size());
        String countsPath = "/v1/AlertCounts?Interval=minute&StartDate=" + date.minusSeconds(60) + "&EndDate="
                + date.plusSeconds(60);
        // The alert counter counts them from the table's stream, a moment later.
        Eventually.until(
                "the nine alerts counted",
                () -> account.client().get(countsPath).json().get("counts"),
                all -> {
                    int total = 0;
                    for (JsonNode count : all) {
                        total += count.get("count").asInt();
                    }
                    return total == 9;
                });
        List<List<String>> counts = PageWalk.monitor(
                account.client(),
                countsPath + "&PageSize=1",
                "counts",
                count -> count.get("error_code").asText() + "@"
                        + count.get("interval_start").asText());
        assertTrue(counts.size() >= 4, "a count per error code: " + counts);
        assertEquals(flatten(counts).size(), flatten(counts).stream().distinct().count());
    }

    @Test
    void alarmsPageBothWaysInEitherOrderOfCreation() {
        TestAccount account = RunningStack.newAccount();
        for (int i = 0; i < 5; i++) {
            created(account.client().postJson("/v2/Alarms", ALARM.formatted(i)));
        }
        List<String> ascending = flatten(PageWalk.monitor(
                account.client(),
                "/v2/Alarms?PageSize=2",
                "alarms",
                alarm -> alarm.get("friendlyName").asText()));
        assertEquals(List.of("a0", "a1", "a2", "a3", "a4"), ascending);
        List<String> descending = flatten(PageWalk.monitor(
                account.client(),
                "/v2/Alarms?PageSize=2&SortOrder=desc",
                "alarms",
                alarm -> alarm.get("friendlyName").asText()));
        List<String> reversed = new ArrayList<>(ascending);
        Collections.reverse(reversed);
        assertEquals(reversed, descending);
        assertEquals(
                ascending,
                flatten(PageWalk.monitor(
                        account.client(),
                        "/v2/Alarms?PageSize=3&SortOrder=asc",
                        "alarms",
                        alarm -> alarm.get("friendlyName").asText())));
    }

    @Test
    void accountsKeysAndUsageTriggersPageBothWays() {
        TestAccount account = RunningStack.newAccount();
        for (int i = 0; i < 4; i++) {
            created(account.client().postForm("/2010-04-01/Accounts.json", "FriendlyName=sub" + i));
            created(account.client()
                    .postForm("/2010-04-01/Accounts/" + account.sid() + "/Keys.json", "FriendlyName=key" + i));
            created(account.client()
                    .postForm(
                            "/2010-04-01/Accounts/" + account.sid() + "/Usage/Triggers.json",
                            "UsageCategory=monitor-writes&TriggerValue=" + (10 + i)
                                    + "&CallbackUrl=http%3A%2F%2F127.0.0.1%3A9%2Fusage"));
        }
        assertEquals(
                5,
                flatten(PageWalk.flat(
                                account.client(),
                                "/2010-04-01/Accounts.json?PageSize=2",
                                "accounts",
                                item -> item.get("sid").asText()))
                        .size(),
                "the main account and its four subaccounts");
        assertEquals(
                4,
                flatten(PageWalk.flat(
                                account.client(),
                                "/2010-04-01/Accounts/" + account.sid() + "/Keys.json?PageSize=3",
                                "keys",
                                item -> item.get("sid").asText()))
                        .size());
        assertEquals(
                4,
                flatten(PageWalk.flat(
                                account.client(),
                                "/2010-04-01/Accounts/" + account.sid() + "/Usage/Triggers.json?PageSize=1",
                                "usage_triggers",
                                item -> item.get("sid").asText()))
                        .size());
    }

    @Test
    void usageRecordsPageBothWays() {
        TestAccount account = RunningStack.newAccount();
        String today = Instant.now().truncatedTo(ChronoUnit.DAYS).toString().substring(0, 10);
        List<List<String>> pages = PageWalk.flat(
                account.client(),
                "/2010-04-01/Accounts/" + account.sid() + "/Usage/Records/Daily.json?PageSize=1&StartDate=" + today
                        + "&EndDate=" + today,
                "usage_records",
                PagingBothWaysTest::usageRecord);
        assertTrue(pages.size() > 1, "a day has a record for each category: " + pages);
        assertEquals(flatten(pages).size(), flatten(pages).stream().distinct().count());
    }

    private static String usageRecord(JsonNode record) {
        return record.get("category").asText() + "@" + record.get("start_date").asText();
    }
}
