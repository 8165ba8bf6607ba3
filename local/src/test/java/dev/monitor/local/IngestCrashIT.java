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
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;

/**
 * A batch without an {@code Idempotency-Key} is all or nothing even when the process dies under it: writers post
 * batches of 100 events, the stack is killed with SIGKILL while some are in flight, and after a restart on the same
 * data every batch is either wholly stored or absent, and every batch answered 201 is wholly stored (which on DynamoDB
 * Local takes {@code DurableTransactionAnswers}; README, "The local stack and a crash"). The figures go to
 * {@code target/ingest-crash.txt}.
 */
@Execution(ExecutionMode.CONCURRENT) // beside LocalJarIT: each starts packaged stacks of its own
class IngestCrashIT {
    private static final String OPERATOR_KEY = "ingest-crash-operator-key";
    private static final int BATCH_SIZE = 100;
    private static final int WRITERS = 4;
    /** Killed once this many batches were answered, so the kill lands in the middle of a steady stream. */
    private static final int ANSWERED_BEFORE_KILL = 12;

    @TempDir
    Path dataDir;

    @Test
    void aBatchCutOffBySigkillIsWhollyStoredOrAbsent() throws Exception {
        int port = PackagedStack.freePort();
        String baseUrl = "http://127.0.0.1:" + port;
        Map<String, String> environment = Map.of(
                "MONITOR_PORT", Integer.toString(port),
                "MONITOR_OPERATOR_KEY", OPERATOR_KEY,
                "MONITOR_DATA_DIR", dataDir.toString());
        Set<Integer> sent = ConcurrentHashMap.newKeySet();
        List<Integer> answered = Collections.synchronizedList(new ArrayList<>());
        Set<Integer> refused = ConcurrentHashMap.newKeySet();
        ApiClient client;
        try (PackagedStack stack = PackagedStack.start(environment)) {
            JsonNode account = ApiClient.operator(baseUrl, OPERATOR_KEY)
                    .postJson("/v1/Accounts", "{\"friendly_name\": \"Crash\"}")
                    .json();
            client = ApiClient.account(
                    baseUrl,
                    account.get("sid").asText(),
                    account.get("auth_token").asText());
            AtomicInteger batches = new AtomicInteger();
            ExecutorService writers = Executors.newFixedThreadPool(WRITERS);
            for (int i = 0; i < WRITERS; i++) {
                writers.execute(() -> {
                    while (true) {
                        int batch = batches.incrementAndGet();
                        sent.add(batch);
                        try {
                            ApiClient.Response response = client.postJson("/v1/Events", batchOf(batch));
                            (response.status() == 201 ? answered : refused).add(batch);
                        } catch (UncheckedIOException cutOff) {
                            return;
                        }
                    }
                });
            }
            while (answered.size() < ANSWERED_BEFORE_KILL) {
                assertTrue(refused.isEmpty(), "batches refused before the kill: " + refused);
                Thread.sleep(5);
            }
            stack.kill();
            writers.shutdown();
            assertTrue(writers.awaitTermination(60, TimeUnit.SECONDS), "every writer saw the connection end");
        }
        assertTrue(refused.isEmpty(), "batches refused before the kill: " + refused);
        Set<Integer> inFlight = new TreeSet<>(sent);
        inFlight.removeAll(answered);
        assertTrue(!inFlight.isEmpty(), "some batch was in flight when the stack was killed");

        Map<Integer, Integer> stored;
        try (PackagedStack unused = PackagedStack.start(environment)) {
            stored = storedPerBatch(client);
        }
        List<String> partial = new ArrayList<>();
        for (Map.Entry<Integer, Integer> batch : stored.entrySet()) {
            if (batch.getValue() != BATCH_SIZE) {
                partial.add("batch " + batch.getKey() + ": " + batch.getValue() + " of " + BATCH_SIZE);
            }
        }
        long wholeInFlight = inFlight.stream()
                .filter(batch -> stored.getOrDefault(batch, 0) == BATCH_SIZE)
                .count();
        long absentInFlight =
                inFlight.stream().filter(batch -> !stored.containsKey(batch)).count();
        List<Integer> lost = answered.stream()
                .filter(batch -> stored.getOrDefault(batch, 0) != BATCH_SIZE)
                .sorted()
                .toList();
        String figures = String.format(
                Locale.ROOT,
                "batches of %d events sent: %d; answered 201: %d; in flight at SIGKILL: %d (stored whole: %d,"
                        + " absent: %d); partly stored: %d; answered but not stored whole: %d%n",
                BATCH_SIZE,
                sent.size(),
                answered.size(),
                inFlight.size(),
                wholeInFlight,
                absentInFlight,
                partial.size(),
                lost.size());
        Files.writeString(Path.of("target", "ingest-crash.txt"), figures, StandardCharsets.UTF_8);
        assertEquals(List.of(), partial, figures);
        assertEquals(List.of(), lost, figures + "answered batches not stored whole");
        assertTrue(sent.containsAll(stored.keySet()), "only sent batches are stored: " + stored.keySet());
    }

    /** 100 events whose resource Sid names the batch, so the stored events can be counted batch by batch. */
    private static String batchOf(int batch) {
        StringBuilder body = new StringBuilder("[");
        for (int i = 0; i < BATCH_SIZE; i++) {
            body.append(i == 0 ? "" : ",")
                    .append("{\"event_type\": \"phone-number.created\", \"source\": \"api\", \"resource_sid\": \"")
                    .append(resourceSid(batch))
                    .append("\", \"description\": \"event ")
                    .append(i)
                    .append("\"}");
        }
        return body.append(']').toString();
    }

    private static String resourceSid(int batch) {
        return String.format(Locale.ROOT, "PN%032x", batch);
    }

    /** Every stored event of the account, counted by the batch its resource Sid names. */
    private static Map<Integer, Integer> storedPerBatch(ApiClient client) {
        Map<Integer, Integer> counts = new TreeMap<>();
        Set<String> listed = new HashSet<>();
        // The batches' events only: the account's log begins with its creation, an event of Monitor's own.
        ApiClient.Response page = client.get("/v1/Events?EventType=phone-number.created&PageSize=1000");
        while (true) {
            assertEquals(200, page.status(), page.text());
            JsonNode json = page.json();
            for (JsonNode event : json.get("events")) {
                String sid = event.get("resource_sid").asText();
                assertTrue(listed.add(event.get("sid").asText()), "listed twice: " + event);
                counts.merge(Integer.parseInt(sid.substring(2), 16), 1, Integer::sum);
            }
            JsonNode next = json.get("meta").get("next_page_url");
            if (next.isNull()) {
                return counts;
            }
            page = client.getUrl(next.asText());
        }
    }
}
