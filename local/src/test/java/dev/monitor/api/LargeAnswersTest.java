package dev.monitor.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.monitor.jackson.Json;
import dev.monitor.testing.ApiClient;
import dev.monitor.testing.RunningStack;
import dev.monitor.testing.TestAccount;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * Pages of big items: what one page would hold is far beyond Lambda's 6 MB response, so the page is cut where its
 * answer still fits, and the next page goes on from there.
 */
class LargeAnswersTest {
    /** Lambda's limit on a response payload; the body travels inside it as a JSON string. */
    private static final int LAMBDA_RESPONSE_LIMIT = 6_291_556;

    private static final int EVENTS = 200;
    /** Event data near the 32 KB limit, all quotes: each doubles as JSON, and again inside Lambda's response. */
    private static final String QUOTES = "\\\"".repeat(16_000);

    @Test
    void aPageOfEventsThatWouldNotFitLambdasAnswerIsCutAndTheRestFollows() {
        TestAccount account = RunningStack.newAccount();
        String creation = account.creationEventSid();
        List<String> recorded = new ArrayList<>();
        for (int from = 0; from < EVENTS; from += 20) {
            String batch = IntStream.range(from, from + 20)
                    .mapToObj(i -> """
                            {"event_type": "phone-number.updated", "resource_sid": "PN%s",
                             "event_data": {"quotes": "%s"}}""".formatted("9".repeat(32), QUOTES))
                    .collect(Collectors.joining(",", "[", "]"));
            ApiClient.Response response = account.client().postJson("/v1/Events", batch);
            assertEquals(201, response.status(), response.text());
            response.json()
                    .get("events")
                    .forEach(event -> recorded.add(event.get("sid").asText()));
        }
        // Newest first: Sids sort by date, and the events of one request by their random part.
        recorded.sort(Collections.reverseOrder());
        // The account's creation, before them all, comes last.
        recorded.add(creation);

        List<String> listed = new ArrayList<>();
        List<Integer> pageSizes = new ArrayList<>();
        ApiClient.Response page = account.client().get("/v1/Events?PageSize=1000");
        while (true) {
            assertEquals(200, page.status(), page.text());
            // The body as Lambda returned it: a JSON string in the function's response.
            int bytes = Json.write(TextNode.valueOf(page.text())).getBytes(StandardCharsets.UTF_8).length;
            assertTrue(bytes < LAMBDA_RESPONSE_LIMIT, "an answer of " + bytes + " bytes in Lambda's response");
            JsonNode events = page.json().get("events");
            pageSizes.add(events.size());
            events.forEach(event -> listed.add(event.get("sid").asText()));
            JsonNode next = page.json().get("meta").get("next_page_url");
            if (next.isNull()) {
                break;
            }
            page = account.client().getUrl(next.asText());
        }
        assertTrue(recorded.equals(listed), "every event once, newest first; listed " + listed.size() + " events");
        assertTrue(pageSizes.size() > 1 && pageSizes.get(0) < EVENTS, "the first page was cut: " + pageSizes);
    }
}
