package dev.monitor.api;

import static dev.monitor.testing.TwilioErrors.assertErrorMentions;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.monitor.testing.ApiClient;
import dev.monitor.testing.RunningStack;
import dev.monitor.testing.TestAccount;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** Twilio's wire details: dates in whole seconds, links by Sid, and v2 Alarms as Twilio's schema has them. */
class WireDetailsTest {
    private static final Pattern WHOLE_SECONDS = Pattern.compile("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}Z");

    private static JsonNode ok(ApiClient.Response response, int status) {
        assertEquals(status, response.status(), response.text());
        return response.json();
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    /** Every date-time string in the tree, with its field's name. */
    private static void eachDate(JsonNode node, String name, Consumer<String> check) {
        if (node.isObject()) {
            node.properties().forEach(field -> eachDate(field.getValue(), field.getKey(), check));
        } else if (node.isArray()) {
            node.forEach(item -> eachDate(item, name, check));
        } else if (node.isTextual() && node.asText().matches("\\d{4}-\\d{2}-\\d{2}T.*")) {
            check.accept(name + "=" + node.asText());
        }
    }

    private static void assertWholeSeconds(JsonNode body) {
        List<String> dates = new ArrayList<>();
        eachDate(body, "", dates::add);
        assertTrue(!dates.isEmpty(), body.toString());
        for (String date : dates) {
            assertTrue(
                    WHOLE_SECONDS.matcher(date.substring(date.indexOf('=') + 1)).matches(), date);
        }
    }

    @Test
    void datesAreWholeSecondsEverywhereAndEveryPrintedDateFilters() {
        TestAccount account = RunningStack.newAccount();
        JsonNode event = ok(account.client().postJson("/v1/Events", "{\"event_type\": \"dates.checked\"}"), 201)
                .get("events")
                .get(0);
        assertWholeSeconds(event);
        String printed = event.get("event_date").asText();
        String sid = event.get("sid").asText();
        // The date as printed, with milliseconds, with an offset: each is a bound that keeps the event.
        Instant exact = Instant.parse(printed);
        for (String bounds : List.of(
                "StartDate=" + printed + "&EndDate=" + printed,
                "StartDate=" + encode(exact.minusMillis(100).toString()) + "&EndDate="
                        + encode(exact.plusMillis(999).toString()),
                // Formatted, not toString(), which drops the seconds when they are zero.
                "StartDate="
                        + encode(DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(exact.atOffset(ZoneOffset.ofHours(2)))),
                "EndDate=" + printed.substring(0, 19))) {
            // Of its type: the account's creation may be of the same second.
            JsonNode events = ok(account.client().get("/v1/Events?EventType=dates.checked&" + bounds), 200)
                    .get("events");
            assertEquals(1, events.size(), bounds);
            assertEquals(sid, events.get(0).get("sid").asText(), bounds);
        }
        assertErrorMentions(
                account.client().get("/v1/Events?StartDate=2026-11-25%2014:44:29"),
                400,
                "StartDate",
                "YYYY-MM-DD",
                "fractional seconds",
                "offset");

        assertWholeSeconds(ok(account.client().get("/v1/Events"), 200).get("events"));
        assertWholeSeconds(ok(account.client().get("/v1/SigningSecret"), 200));
        ok(account.client().postJson("/v1/Alerts", "{\"error_code\": \"11200\"}"), 201);
        assertWholeSeconds(ok(account.client().get("/v1/Alerts"), 200).get("alerts"));
        JsonNode alarm = ok(account.client().postJson("/v2/Alarms", """
                {"friendlyName": "dates", "queryType": "ALL", "triggerValue": 5, "timeWindow": "FIVE_MINS",
                 "description": "d", "enabled": true, "mutedUntil": "2099-01-01T00:00:00.123Z"}"""), 201);
        assertWholeSeconds(alarm);
    }

    @Test
    void anEventLinksItsActorAndResourceWhereverThisServiceServesThem() {
        TestAccount main = RunningStack.newAccount();
        TestAccount sub = RunningStack.newSubaccount(main);
        String base = RunningStack.baseUrl();
        String key = ok(main.client().postForm("/2010-04-01/Accounts/" + main.sid() + "/Keys.json", ""), 201)
                .get("sid")
                .asText();
        String alarm =
                ok(main.client().postJson("/v2/Alarms", """
                {"friendlyName": "l", "queryType": "ALL", "triggerValue": 5, "timeWindow": "FIVE_MINS",
                 "description": "d", "enabled": true}"""), 201).get("sid").asText();
        String alert = ok(main.client().postJson("/v1/Alerts", "{\"error_code\": \"11200\"}"), 201)
                .get("alerts")
                .get(0)
                .get("sid")
                .asText();
        String trigger = ok(
                        main.client()
                                .postForm(
                                        "/2010-04-01/Accounts/" + main.sid() + "/Usage/Triggers.json",
                                        "UsageCategory=monitor-writes&TriggerValue=10&CallbackUrl="
                                                + encode("http://127.0.0.1:9/usage")),
                        201)
                .get("sid")
                .asText();
        String first = ok(main.client().postJson("/v1/Events", "{\"event_type\": \"links.first\"}"), 201)
                .get("events")
                .get(0)
                .get("sid")
                .asText();
        String account = base + "/2010-04-01/Accounts/" + main.sid();
        List<String[]> cases = List.of(
                new String[] {sub.sid(), base + "/2010-04-01/Accounts/" + sub.sid() + ".json"},
                new String[] {key, account + "/Keys/" + key + ".json"},
                new String[] {alarm, base + "/v2/Alarms/" + alarm},
                new String[] {alert, base + "/v1/Alerts/" + alert},
                new String[] {trigger, account + "/Usage/Triggers/" + trigger + ".json"},
                new String[] {first, base + "/v1/Events/" + first});
        for (String[] linked : cases) {
            JsonNode event = ok(
                            main.client()
                                    .postJson(
                                            "/v1/Events",
                                            "{\"event_type\": \"links.checked\", \"actor_sid\": \"%s\", \"resource_sid\": \"%s\"}"
                                                    .formatted(main.sid(), linked[0])),
                            201)
                    .get("events")
                    .get(0);
            assertEquals(linked[1], event.get("links").get("resource").asText(), linked[0]);
            assertEquals(
                    base + "/2010-04-01/Accounts/" + main.sid() + ".json",
                    event.get("links").get("actor").asText());
            String url = event.get("links").get("resource").asText();
            assertEquals(200, main.client().getUrl(url).status(), "the link leads to the resource: " + url);
        }
        JsonNode user = ok(
                        main.client()
                                .postJson(
                                        "/v1/Events",
                                        "{\"event_type\": \"links.checked\", \"actor_sid\": \"US%s\", \"resource_sid\": \"PN%s\"}"
                                                .formatted("a".repeat(32), "b".repeat(32))),
                        201)
                .get("events")
                .get(0);
        assertTrue(user.get("links").get("actor").isNull(), "no link to what this service does not serve");
        assertTrue(user.get("links").get("resource").isNull());

        // A subaccount's event, read by its main account, links within the subaccount.
        JsonNode subEvent = ok(
                        main.client()
                                .postJson(
                                        "/v1/Events",
                                        "{\"event_type\": \"links.checked\", \"account_sid\": \"%s\", \"resource_sid\": \"%s\"}"
                                                .formatted(sub.sid(), first)),
                        201)
                .get("events")
                .get(0);
        assertEquals(
                base + "/v1/Events/" + first + "?AccountSid=" + sub.sid(),
                subEvent.get("links").get("resource").asText());
    }

    @Test
    void alarmsAnswerWholeWithStringsWhereTwilioHasStringsAndHonourSortOrder() {
        TestAccount account = RunningStack.newAccount();
        JsonNode created = ok(account.client().postJson("/v2/Alarms", """
                {"friendlyName": "whole", "queryType": "ALL", "triggerValue": 5, "timeWindow": "FIVE_MINS",
                 "description": "d", "enabled": true}"""), 201);
        String sid = created.get("sid").asText();
        assertEquals(sid, created.get("alertConfigSid").asText());
        assertEquals("whole", created.get("friendlyName").asText());
        assertEquals(5, created.get("triggerValue").asInt());
        assertEquals("", created.get("query").asText());
        assertTrue(created.get("query").isTextual());
        // A URI in Twilio's schema: null when the alarm has none.
        assertTrue(created.get("webhook").isNull(), created.toString());
        assertEquals(created, ok(account.client().get("/v2/Alarms/" + sid), 200));

        JsonNode replaced = ok(account.client().send("PUT", "/v2/Alarms/" + sid, "application/json", """
                {"friendlyName": "renamed", "queryType": "ERROR_CODE", "query": "11200", "triggerValue": 7,
                 "timeWindow": "ONE_HOUR", "description": "d", "enabled": true}"""), 200);
        assertEquals("renamed", replaced.get("friendlyName").asText());
        assertEquals("11200", replaced.get("query").asText());
        assertEquals(replaced, ok(account.client().get("/v2/Alarms/" + sid), 200));

        assertErrorMentions(account.client().get("/v2/Alarms?SortOrder=newest"), 400, "SortOrder", "asc or desc");
        assertEquals(
                1,
                ok(account.client().get("/v2/Alarms?SortOrder=desc"), 200)
                        .get("alarms")
                        .size());
    }
}
