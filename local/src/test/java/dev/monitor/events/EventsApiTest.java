package dev.monitor.events;

import static dev.monitor.testing.TwilioErrors.assertError;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.monitor.testing.ApiClient;
import dev.monitor.testing.RunningStack;
import dev.monitor.testing.TestAccount;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EventsApiTest {
    private static final String ACTOR = "US" + "a".repeat(32);
    private static final String OTHER_ACTOR = "US" + "b".repeat(32);
    private static final String NUMBER = "PN" + "1".repeat(32);
    private static final String OTHER_NUMBER = "PN" + "2".repeat(32);

    static JsonNode record(ApiClient client, String json) {
        ApiClient.Response response = client.postJson("/v1/Events", json);
        assertEquals(201, response.status(), response.text());
        return response.json().get("events");
    }

    static List<String> sids(Iterable<JsonNode> events) {
        List<String> sids = new ArrayList<>();
        events.forEach(event -> sids.add(event.get("sid").asText()));
        return sids;
    }

    static List<String> types(Iterable<JsonNode> events) {
        List<String> types = new ArrayList<>();
        events.forEach(event -> types.add(event.get("event_type").asText()));
        return types;
    }

    static List<String> listSids(ApiClient client, String query) {
        ApiClient.Response response = client.get("/v1/Events" + query);
        assertEquals(200, response.status(), response.text());
        return sids(response.json().get("events"));
    }

    @Test
    void recordsAnEventAndReadsItBackInTwiliosShape() {
        TestAccount account = RunningStack.newAccount();
        JsonNode recorded = record(account.client(), """
                {"event_type": "phone-number.created", "resource_sid": "%s", "actor_sid": "%s", "actor_type": "user",
                 "source": "web", "source_ip_address": "203.0.113.9", "event_date": "%s",
                 "description": "Bought a number", "event_data": {"number": "+15005550006", "price": 1.15}}""".formatted(
                        NUMBER, ACTOR, Instant.now().minusSeconds(60).truncatedTo(ChronoUnit.SECONDS)));
        JsonNode event = recorded.get(0);
        String sid = event.get("sid").asText();
        assertTrue(sid.matches("AE[0-9a-f]{32}"), sid);
        assertTrue(event.get("stored").asBoolean());

        JsonNode fetched = account.client().get("/v1/Events/" + sid).json();
        assertEquals(account.sid(), fetched.get("account_sid").asText());
        assertEquals("phone-number.created", fetched.get("event_type").asText());
        assertEquals("phone-number", fetched.get("resource_type").asText());
        assertEquals(NUMBER, fetched.get("resource_sid").asText());
        assertEquals(ACTOR, fetched.get("actor_sid").asText());
        assertEquals("user", fetched.get("actor_type").asText());
        assertEquals("web", fetched.get("source").asText());
        assertEquals("203.0.113.9", fetched.get("source_ip_address").asText());
        assertEquals("Bought a number", fetched.get("description").asText());
        assertEquals(1.15, fetched.get("event_data").get("price").asDouble());
        assertEquals(
                RunningStack.baseUrl() + "/v1/Events/" + sid, fetched.get("url").asText());
        assertTrue(fetched.get("links").has("actor") && fetched.get("links").has("resource"));
        for (String property : List.of(
                "account_sid",
                "actor_sid",
                "actor_type",
                "description",
                "event_data",
                "event_date",
                "event_type",
                "resource_sid",
                "resource_type",
                "sid",
                "source",
                "source_ip_address",
                "url",
                "links")) {
            assertTrue(fetched.has(property), property);
        }
        assertEquals(List.of(sid), sids(account.eventsBesideItsCreation()));
    }

    @Test
    void listsNewestFirstWithEveryFilterAndAnyCombination() {
        TestAccount account = RunningStack.newAccount();
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        String twoDaysAgo = now.minus(2, ChronoUnit.DAYS).toString();
        String hourAgo = now.minus(1, ChronoUnit.HOURS).toString();
        JsonNode events =
                record(account.client(), """
                [{"event_type": "phone-number.created", "resource_sid": "%1$s", "actor_sid": "%3$s", "source_ip_address": "198.51.100.1", "event_date": "%5$s"},
                 {"event_type": "phone-number.updated", "resource_sid": "%1$s", "actor_sid": "%4$s", "source_ip_address": "2001:db8::1", "event_date": "%6$s"},
                 {"event_type": "phone-number.created", "resource_sid": "%2$s", "actor_sid": "%3$s", "source_ip_address": "2001:db8::1"},
                 {"event_type": "api-key.created", "actor_sid": "%3$s", "source_ip_address": "198.51.100.1"}]""".formatted(NUMBER, OTHER_NUMBER, ACTOR, OTHER_ACTOR, twoDaysAgo, hourAgo));
        List<String> sid = sids(events);
        ApiClient client = account.client();

        List<String> all = sids(account.eventsBesideItsCreation());
        assertEquals(4, all.size());
        assertEquals(sid.get(0), all.get(3), "the oldest event comes last");
        assertEquals(sid.get(1), all.get(2));

        assertEquals(List.of(sid.get(1), sid.get(0)), listSids(client, "?ResourceSid=" + NUMBER));
        assertEquals(3, listSids(client, "?ActorSid=" + ACTOR).size());
        assertEquals(List.of(sid.get(1)), listSids(client, "?ActorSid=" + OTHER_ACTOR));
        assertEquals(List.of(sid.get(2), sid.get(0)), listSids(client, "?EventType=phone-number.created"));
        assertEquals(List.of(sid.get(3)), listSids(client, "?EventType=api-key.created"));
        assertEquals(2, listSids(client, "?SourceIpAddress=2001:DB8:0::1").size(), "IPv6 matches in any spelling");
        assertEquals(List.of(sid.get(0)), listSids(client, "?EndDate=" + now.minus(2, ChronoUnit.HOURS)));
        assertEquals(
                4,
                listSids(client, "?StartDate=" + now.minus(2, ChronoUnit.HOURS)).size(),
                "the two recorded now, the one an hour ago, and the account's creation");
        assertEquals(List.of(sid.get(0)), listSids(client, "?EndDate=" + twoDaysAgo.substring(0, 10)));

        assertEquals(
                List.of(sid.get(0)), listSids(client, "?ResourceSid=" + NUMBER + "&EventType=phone-number.created"));
        assertEquals(
                List.of(sid.get(2), sid.get(0)),
                listSids(client, "?ActorSid=" + ACTOR + "&EventType=phone-number.created"));
        assertEquals(List.of(sid.get(2)), listSids(client, "?ActorSid=" + ACTOR + "&SourceIpAddress=2001:db8::1"));
        assertEquals(
                List.of(sid.get(1)),
                listSids(
                        client,
                        "?ResourceSid=" + NUMBER + "&StartDate=" + now.minus(2, ChronoUnit.HOURS) + "&EndDate="
                                + now.minus(30, ChronoUnit.MINUTES)));
        assertEquals(List.of(), listSids(client, "?ResourceSid=" + OTHER_NUMBER + "&ActorSid=" + OTHER_ACTOR));
        assertEquals(
                List.of(sid.get(3)),
                listSids(
                        client,
                        "?ActorSid=" + ACTOR + "&EventType=api-key.created&SourceIpAddress=198.51.100.1" + "&StartDate="
                                + now.minus(1, ChronoUnit.MINUTES)));
    }

    @Test
    void pagesThroughEveryEventOnceWithTwiliosMetaBlock() {
        TestAccount account = RunningStack.newAccount();
        StringBuilder batch = new StringBuilder("[");
        for (int i = 0; i < 23; i++) {
            batch.append(i == 0 ? "" : ",")
                    .append("{\"event_type\": \"user.login\", \"actor_sid\": \"")
                    .append(ACTOR)
                    .append("\", \"event_date\": \"")
                    .append(Instant.now().minusSeconds(1000 - i * 10L).truncatedTo(ChronoUnit.SECONDS))
                    .append("\"}");
        }
        List<String> recorded = sids(record(account.client(), batch + "]"));
        List<String> newestFirst = new ArrayList<>(recorded);
        Collections.reverse(newestFirst);

        JsonNode page = account.client()
                .get("/v1/Events?ActorSid=" + ACTOR + "&PageSize=5")
                .json();
        JsonNode meta = page.get("meta");
        assertEquals("events", meta.get("key").asText());
        assertEquals(0, meta.get("page").asInt());
        assertEquals(5, meta.get("page_size").asInt());
        assertEquals(
                RunningStack.baseUrl() + "/v1/Events?ActorSid=" + ACTOR + "&PageSize=5&Page=0",
                meta.get("first_page_url").asText());
        assertEquals(meta.get("first_page_url").asText(), meta.get("url").asText());
        assertTrue(meta.get("previous_page_url").isNull());
        assertTrue(meta.get("next_page_url").asText().contains("ActorSid=" + ACTOR));

        List<String> seen = new ArrayList<>();
        int pages = 0;
        while (true) {
            pages++;
            page.get("events").forEach(event -> seen.add(event.get("sid").asText()));
            JsonNode next = page.get("meta").get("next_page_url");
            if (next.isNull()) {
                break;
            }
            ApiClient.Response response = account.client().getUrl(next.asText());
            assertEquals(200, response.status(), response.text());
            page = response.json();
            assertEquals(pages, page.get("meta").get("page").asInt());
        }
        assertEquals(newestFirst, seen);
        assertEquals(5, pages);
    }

    @Test
    void aPageTokenWorksOnlyForTheListItCameFrom() {
        TestAccount account = RunningStack.newAccount();
        TestAccount other = RunningStack.newAccount();
        record(
                account.client(),
                "[{\"event_type\": \"user.login\"}, {\"event_type\": \"user.login\"}, {\"event_type\": \"user.login\"}]");
        record(
                other.client(),
                "[{\"event_type\": \"user.login\"}, {\"event_type\": \"user.login\"}, {\"event_type\": \"user.login\"}]");
        String next = account.client()
                .get("/v1/Events?PageSize=1")
                .json()
                .get("meta")
                .get("next_page_url")
                .asText();
        String token = next.substring(next.indexOf("PageToken=") + "PageToken=".length());
        assertEquals(200, account.client().getUrl(next).status());

        assertError(other.client().getUrl(next), 400);
        assertError(account.client().getUrl(next.replace("PageSize=1&", "EventType=user.login&PageSize=1&")), 400);
        assertError(account.client().getUrl(next.replace("Page=1", "Page=2")), 400);
        char flipped = token.charAt(10) == 'A' ? 'B' : 'A';
        assertError(
                account.client().getUrl(next.replace(token, token.substring(0, 10) + flipped + token.substring(11))),
                400);
        assertError(account.client().get("/v1/Events?Page=1"), 400);
    }

    @Test
    void noAccountSeesAnotherAccountsEvents() {
        TestAccount owner = RunningStack.newAccount();
        TestAccount stranger = RunningStack.newAccount();
        String sid =
                sids(record(owner.client(), "{\"event_type\": \"user.login\"}")).get(0);

        assertError(stranger.client().get("/v1/Events/" + sid), 404);
        assertError(stranger.client().get("/v1/Events/" + sid + "?AccountSid=" + owner.sid()), 404);
        assertEquals(List.of(), stranger.eventsBesideItsCreation());
        assertError(stranger.client().get("/v1/Events?AccountSid=" + owner.sid()), 404);
        assertError(
                stranger.client()
                        .postJson(
                                "/v1/Events",
                                "{\"event_type\": \"user.login\", \"account_sid\": \"" + owner.sid() + "\"}"),
                400);
        assertEquals(List.of(sid), sids(owner.eventsBesideItsCreation()));
    }

    @Test
    void aMainAccountReadsItsSubaccountsEventsAndNeverTheOtherWayRound() {
        TestAccount main = RunningStack.newAccount();
        TestAccount sub = RunningStack.newSubaccount(main);
        TestAccount sibling = RunningStack.newSubaccount(main);
        String mainEvent = sids(record(main.client(), "{\"event_type\": \"account.updated\"}"))
                .get(0);
        String subEvent = sids(record(sub.client(), "{\"event_type\": \"phone-number.created\"}"))
                .get(0);
        String recordedForSub = sids(record(
                        main.client(),
                        "{\"event_type\": \"phone-number.deleted\", \"account_sid\": \"" + sub.sid() + "\"}"))
                .get(0);

        assertEquals(List.of(mainEvent), sids(main.eventsBesideItsCreation()));
        assertEquals(List.of(recordedForSub, subEvent), sids(sub.eventsBesideItsCreation(main.client())));
        JsonNode fetched = main.client()
                .get("/v1/Events/" + subEvent + "?AccountSid=" + sub.sid())
                .json();
        assertEquals(sub.sid(), fetched.get("account_sid").asText());
        assertTrue(main.client()
                .get("/v1/Events?AccountSid=" + sub.sid())
                .json()
                .get("meta")
                .get("url")
                .asText()
                .contains("AccountSid=" + sub.sid()));

        assertError(sub.client().get("/v1/Events?AccountSid=" + main.sid()), 404);
        assertError(sub.client().get("/v1/Events/" + mainEvent + "?AccountSid=" + main.sid()), 404);
        assertError(sub.client().get("/v1/Events/" + mainEvent), 404);
        assertError(sub.client().get("/v1/Events?AccountSid=" + sibling.sid()), 404);
        assertError(
                sub.client()
                        .postJson(
                                "/v1/Events",
                                "{\"event_type\": \"user.login\", \"account_sid\": \"" + main.sid() + "\"}"),
                400);
        assertEquals(List.of(), sibling.eventsBesideItsCreation());
    }

    @Test
    void theOperatorRecordsForAnyAccountAndMustNameIt() {
        TestAccount account = RunningStack.newAccount();
        ApiClient operator = RunningStack.operator();
        JsonNode events = record(
                operator,
                "{\"event_type\": \"account.suspended\", \"account_sid\": \"" + account.sid()
                        + "\", \"actor_type\": \"twilio-admin\", \"source\": \"twilio\"}");
        assertEquals(account.sid(), events.get(0).get("account_sid").asText());
        assertEquals(sids(events), sids(account.eventsBesideItsCreation()));
        assertError(operator.postJson("/v1/Events", "{\"event_type\": \"account.suspended\"}"), 400);
        assertError(
                operator.postJson(
                        "/v1/Events", "{\"event_type\": \"a.b\", \"account_sid\": \"AC" + "0".repeat(32) + "\"}"),
                400);
        assertEquals(sids(events), sids(account.eventsBesideItsCreation(operator)));
    }

    @Test
    void aRepeatedIdempotentRequestStoresNothingNewAndAnswersTheSame() {
        TestAccount account = RunningStack.newAccount();
        String body = "[{\"event_type\": \"user.login\"}, {\"event_type\": \"api-key.created\"}]";
        Map<String, String> key = Map.of("Idempotency-Key", "retry-me-1");
        ApiClient.Response first = account.client().postJson("/v1/Events", body, key);
        ApiClient.Response again = account.client().postJson("/v1/Events", body, key);
        assertEquals(201, first.status(), first.text());
        assertEquals(201, again.status(), again.text());
        assertEquals(first.json(), again.json());
        assertEquals(2, account.eventsBesideItsCreation().size());

        assertError(account.client().postJson("/v1/Events", "{\"event_type\": \"user.logout\"}", key), 409);
        ApiClient.Response fresh =
                account.client().postJson("/v1/Events", body, Map.of("Idempotency-Key", "retry-me-2"));
        assertNotEquals(sids(first.json().get("events")), sids(fresh.json().get("events")));
        assertEquals(4, account.eventsBesideItsCreation().size());
    }

    @Test
    void disabledEventTypesAreAcceptedButNotStoredAndRetentionIsConfigurable() {
        TestAccount account = RunningStack.newAccount();
        JsonNode defaults = account.client().get("/v1/Events/Configuration").json();
        assertEquals(30, defaults.get("retention_days").asInt());
        assertEquals(0, defaults.get("disabled_event_types").size());

        ApiClient.Response configured = account.client()
                .postJson(
                        "/v1/Events/Configuration",
                        "{\"disabled_event_types\": [\"user.login\"], \"retention_days\": 90}");
        assertEquals(200, configured.status(), configured.text());
        assertEquals(
                90,
                account.client()
                        .get("/v1/Events/Configuration")
                        .json()
                        .get("retention_days")
                        .asInt());

        JsonNode events =
                record(account.client(), "[{\"event_type\": \"user.login\"}, {\"event_type\": \"user.created\"}]");
        assertFalse(events.get(0).get("stored").asBoolean());
        assertTrue(events.get(1).get("stored").asBoolean());
        // Configuring is an event of its own.
        List<JsonNode> log = account.eventsBesideItsCreation();
        assertEquals(List.of("user.created", "events-configuration.updated"), types(log));
        assertEquals(events.get(1).get("sid").asText(), log.get(0).get("sid").asText());
        assertError(
                account.client().get("/v1/Events/" + events.get(0).get("sid").asText()), 404);

        JsonNode old = record(
                account.client(),
                "{\"event_type\": \"user.created\", \"event_date\": \""
                        + Instant.now().minus(60, ChronoUnit.DAYS) + "\"}");
        assertEquals(
                List.of("user.created", "events-configuration.updated", "user.created"),
                types(account.eventsBesideItsCreation()),
                "a 60-day-old event is within 90 days' retention");
        assertEquals(
                200,
                account.client()
                        .postJson("/v1/Events/Configuration", "{\"retention_days\": 30}")
                        .status());
        assertEquals(
                List.of("events-configuration.updated", "user.created", "events-configuration.updated"),
                types(account.eventsBesideItsCreation()),
                "and is no longer returned under 30 days' retention");
        assertError(account.client().get("/v1/Events/" + old.get(0).get("sid").asText()), 404);

        assertError(account.client().postJson("/v1/Events/Configuration", "{\"retention_days\": 400}"), 400);
        assertError(account.client().postJson("/v1/Events/Configuration", "{\"retention_days\": 0}"), 400);
        assertError(
                account.client().postJson("/v1/Events/Configuration", "{\"disabled_event_types\": [\"Nope\"]}"), 400);
        assertError(account.client().postJson("/v1/Events/Configuration", "{\"keep\": true}"), 400);
    }

    @Test
    void listsTheKnownEventTypes() {
        TestAccount account = RunningStack.newAccount();
        JsonNode types = account.client().get("/v1/EventTypes").json().get("event_types");
        assertTrue(types.size() >= 20);
        JsonNode first = types.get(0);
        assertTrue(
                first.hasNonNull("event_type") && first.hasNonNull("resource_type") && first.hasNonNull("description"));
    }
}
