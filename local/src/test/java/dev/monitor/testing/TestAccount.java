package dev.monitor.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/** An account made for a test, with a client that uses its credentials. */
public record TestAccount(String sid, String authToken, ApiClient client) {

    /**
     * The account's event log, every page, newest first, without the event of its own creation ({@code
     * account.created}, which Monitor writes in every new account's log): what was recorded or changed in the account
     * since. Fails unless the creation event is there, once.
     */
    public List<JsonNode> eventsBesideItsCreation() {
        return eventsBesideItsCreation(client);
    }

    /** {@link #eventsBesideItsCreation()} as {@code reader} reads them: the account's parent, a key, the operator. */
    public List<JsonNode> eventsBesideItsCreation(ApiClient reader) {
        List<JsonNode> log = log(reader);
        log.remove(creationEvent(log));
        return log;
    }

    /** The Sid of the event of the account's creation, for a test that expects it where it lists the log. */
    public String creationEventSid() {
        return creationEvent(log(client)).get("sid").asText();
    }

    private JsonNode creationEvent(List<JsonNode> log) {
        List<JsonNode> creation = log.stream()
                .filter(event -> event.get("event_type").asText().equals("account.created")
                        && event.get("resource_sid").asText().equals(sid))
                .toList();
        assertEquals(1, creation.size(), "the log of " + sid + " holds its creation once: " + log);
        return creation.get(0);
    }

    private List<JsonNode> log(ApiClient reader) {
        List<JsonNode> events = new ArrayList<>();
        ApiClient.Response page = reader.get("/v1/Events?AccountSid=" + sid + "&PageSize=1000");
        while (true) {
            assertEquals(200, page.status(), page.text());
            page.json().get("events").forEach(events::add);
            JsonNode next = page.json().get("meta").get("next_page_url");
            if (next.isNull()) {
                return events;
            }
            page = reader.getUrl(next.asText());
        }
    }
}
