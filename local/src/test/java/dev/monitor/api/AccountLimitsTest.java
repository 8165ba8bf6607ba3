package dev.monitor.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.monitor.testing.ApiClient;
import dev.monitor.testing.RunningStack;
import dev.monitor.testing.TestAccount;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * Each account family's limits, the template's defaults (10 requests at once; the rate, 100 a second, is beyond what
 * the local stack serves one account, so {@code LimitStoreTest} shows it): beyond them its requests get Twilio's 429
 * with Retry-After and store nothing, while another account's are answered as ever.
 */
class AccountLimitsTest {
    private static final int AT_ONCE = 40;

    private static String batch(int events) {
        return IntStream.range(0, events)
                .mapToObj(i -> "{\"event_type\": \"flood.sent\", \"description\": \"event " + i + "\"}")
                .collect(Collectors.joining(",", "[", "]"));
    }

    @Test
    void aFamilyOverItsConcurrencyGets429sAndStoresNothingOfThemWhileAnotherAccountIsAnswered() throws Exception {
        TestAccount flooding = RunningStack.newAccount();
        TestAccount sub = RunningStack.newSubaccount(flooding);
        TestAccount other = RunningStack.newAccount();
        ExecutorService clients = Executors.newFixedThreadPool(AT_ONCE);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<ApiClient.Response>> answers = new ArrayList<>();
            for (int i = 0; i < AT_ONCE; i++) {
                // The subaccount's requests count with its main account's.
                ApiClient client = (i % 2 == 0 ? flooding : sub).client();
                answers.add(clients.submit(() -> {
                    start.await();
                    return client.postJson("/v1/Events", batch(100));
                }));
            }
            start.countDown();
            ApiClient.Response meanwhile = other.client().get("/v1/Events");
            int stored = 0;
            int refused = 0;
            for (Future<ApiClient.Response> answer : answers) {
                ApiClient.Response response = answer.get();
                if (response.status() == 201) {
                    stored++;
                    continue;
                }
                assertEquals(429, response.status(), response.text());
                assertEquals(20429, response.json().get("code").asInt(), response.text());
                assertTrue(
                        Integer.parseInt(response.headers().get("retry-after").get(0)) >= 1,
                        response.headers().toString());
                refused++;
            }
            assertEquals(200, meanwhile.status(), meanwhile.text());
            assertTrue(refused > 0, "some of " + AT_ONCE + " requests at once were over the family's 10");
            assertTrue(stored > 0, "some of " + AT_ONCE + " requests at once were answered");
            int listed = flooding.eventsBesideItsCreation().size()
                    + sub.eventsBesideItsCreation().size();
            assertEquals(stored * 100, listed, stored + " batches answered 201");
        } finally {
            clients.shutdown();
        }
    }
}
