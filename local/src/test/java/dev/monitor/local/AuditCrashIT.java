package dev.monitor.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.monitor.testing.ApiClient;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;

/**
 * A change and its event are written together even when the process dies under them: writers create API keys and
 * rename them over and over, the stack is killed with SIGKILL while some changes are in flight, and after a restart on
 * the same data every key has its {@code api-key.created} event and no event names a key that is not there, and each
 * key's name is the one its newest {@code api-key.updated} event gives. The figures go to
 * {@code target/audit-crash.txt}.
 */
@Execution(ExecutionMode.CONCURRENT) // beside LocalJarIT and IngestCrashIT: each starts packaged stacks of its own
class AuditCrashIT {
    private static final String OPERATOR_KEY = "audit-crash-operator-key";
    private static final int WRITERS = 4;
    /** Killed once this many changes were answered, so the kill lands in the middle of a steady stream. */
    private static final int ANSWERED_BEFORE_KILL = 60;

    @TempDir
    Path dataDir;

    @Test
    void noChangeWithoutItsEventAndNoEventWithoutItsChangeAfterSigkill() throws Exception {
        int port = PackagedStack.freePort();
        String baseUrl = "http://127.0.0.1:" + port;
        Map<String, String> environment = Map.of(
                "MONITOR_PORT", Integer.toString(port),
                "MONITOR_OPERATOR_KEY", OPERATOR_KEY,
                "MONITOR_DATA_DIR", dataDir.toString());
        AtomicInteger sent = new AtomicInteger();
        AtomicInteger answered = new AtomicInteger();
        List<String> refused = Collections.synchronizedList(new ArrayList<>());
        ApiClient client;
        String keys;
        try (PackagedStack stack = PackagedStack.start(environment)) {
            JsonNode account = ApiClient.operator(baseUrl, OPERATOR_KEY)
                    .postJson("/v1/Accounts", "{\"friendly_name\": \"Crash\"}")
                    .json();
            String sid = account.get("sid").asText();
            client = ApiClient.account(baseUrl, sid, account.get("auth_token").asText());
            keys = "/2010-04-01/Accounts/" + sid + "/Keys";
            ExecutorService writers = Executors.newFixedThreadPool(WRITERS);
            for (int i = 0; i < WRITERS; i++) {
                int writer = i;
                writers.execute(() -> {
                    try {
                        for (int round = 0; ; round++) {
                            sent.incrementAndGet();
                            ApiClient.Response created =
                                    client.postForm(keys + ".json", "FriendlyName=w" + writer + "-" + round);
                            if (created.status() != 201) {
                                refused.add(created.status() + " " + created.text());
                                return;
                            }
                            answered.incrementAndGet();
                            String key = created.json().get("sid").asText();
                            for (int rename = 1; rename <= 3; rename++) {
                                sent.incrementAndGet();
                                ApiClient.Response renamed = client.postForm(
                                        keys + "/" + key + ".json",
                                        "FriendlyName=w" + writer + "-" + round + "-r" + rename);
                                if (renamed.status() != 200) {
                                    refused.add(renamed.status() + " " + renamed.text());
                                    return;
                                }
                                answered.incrementAndGet();
                            }
                        }
                    } catch (UncheckedIOException cutOff) {
                        // The stack was killed under this change.
                    }
                });
            }
            while (answered.get() < ANSWERED_BEFORE_KILL) {
                assertEquals(List.of(), refused, "changes refused before the kill");
                Thread.sleep(5);
            }
            stack.kill();
            writers.shutdown();
            assertTrue(writers.awaitTermination(60, TimeUnit.SECONDS), "every writer saw the connection end");
        }

        Map<String, String> names = new TreeMap<>();
        Map<String, String> created = new HashMap<>();
        Map<String, String> newestRename = new HashMap<>();
        int updates = 0;
        try (PackagedStack unused = PackagedStack.start(environment)) {
            for (JsonNode key : pages(client, keys + ".json?PageSize=1000", "keys")) {
                names.put(key.get("sid").asText(), key.get("friendly_name").asText());
            }
            // Newest first: the first rename event of a key is its newest.
            for (JsonNode event : pages(client, "/v1/Events?PageSize=1000", "events")) {
                String key = event.get("resource_sid").asText();
                JsonNode name =
                        event.get("event_data").get("resource_properties").get("friendly_name");
                switch (event.get("event_type").asText()) {
                    case "api-key.created" ->
                        created.put(key, name.get("updated").asText());
                    case "api-key.updated" -> {
                        newestRename.putIfAbsent(key, name.get("updated").asText());
                        updates++;
                    }
                    default -> {}
                }
            }
        }
        assertEquals(List.of(), refused, "changes refused before the kill");
        List<String> wrong = new ArrayList<>();
        names.forEach((key, name) -> {
            if (!created.containsKey(key)) {
                wrong.add(key + " has no api-key.created event");
            } else if (!name.equals(newestRename.getOrDefault(key, created.get(key)))) {
                wrong.add(key + " is named '" + name + "', its newest event says '"
                        + newestRename.getOrDefault(key, created.get(key)) + "'");
            }
        });
        created.keySet().stream()
                .filter(key -> !names.containsKey(key))
                .forEach(key -> wrong.add("an event names " + key + ", which does not exist"));
        String figures = String.format(
                Locale.ROOT,
                "changes sent: %d; answered: %d; keys after the restart: %d; api-key.created events: %d;"
                        + " api-key.updated events: %d; a change without its event or an event without its change:"
                        + " %d%n",
                sent.get(),
                answered.get(),
                names.size(),
                created.size(),
                updates,
                wrong.size());
        Files.writeString(Path.of("target", "audit-crash.txt"), figures, StandardCharsets.UTF_8);
        assertEquals(List.of(), wrong, figures);
        assertTrue(sent.get() > answered.get(), "some change was in flight when the stack was killed: " + figures);
        assertTrue(updates >= answered.get() - names.size(), "every answered rename has its event: " + figures);
    }

    /** Every item of a list, following {@code next_page_uri}. */
    private static List<JsonNode> pages(ApiClient client, String first, String field) {
        List<JsonNode> items = new ArrayList<>();
        String next = first;
        while (next != null) {
            ApiClient.Response response = client.get(next);
            assertEquals(200, response.status(), response.text());
            JsonNode page = response.json();
            page.get(field).forEach(items::add);
            JsonNode meta = page.has("meta") ? page.get("meta").get("next_page_url") : page.get("next_page_uri");
            next = meta == null || meta.isNull() ? null : relative(meta.asText());
        }
        return items;
    }

    private static String relative(String uri) {
        int path = uri.indexOf("://");
        return path < 0 ? uri : uri.substring(uri.indexOf('/', path + 3));
    }
}
