package dev.monitor.usage;

import static dev.monitor.usage.UsageFixtures.createTrigger;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.twilio.security.RequestValidator;
import dev.monitor.notify.NotificationJob;
import dev.monitor.notify.TwilioSignature;
import dev.monitor.testing.ApiClient;
import dev.monitor.testing.QueuedJobs;
import dev.monitor.testing.RunningStack;
import dev.monitor.testing.TestAccount;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The acceptance on the local stack: events recorded through the API are metered from the
 * table's stream, the scheduled check fires a daily trigger once, and the job on the notifications
 * queue carries Twilio's callback, which validates with Twilio's RequestValidator once signed.
 */
class UsageAcceptanceTest {
    private static final String CALLBACK = "http://127.0.0.1:9/usage-callback";

    @Test
    void aDailyTriggerOnWritesFiresOnceADay() throws Exception {
        TestAccount account = RunningStack.newAccount();
        String trigger = createTrigger(account, Map.of("UsageCategory", "monitor-writes", "TriggerValue", "10", "Recurring", "daily",
                "TriggerBy", "count", "CallbackUrl", CALLBACK, "FriendlyName", "Ten a day"));
        record(account, 10);
        awaitTodaysWrites(account, 10);
        RunningStack.get().runScheduled("UsageCheckFunction");

        List<NotificationJob> jobs = awaitJobs(account, 1);
        NotificationJob job = jobs.get(0);
        assertEquals(NotificationJob.SourceType.USAGE_TRIGGER, job.source().type());
        assertEquals(trigger, job.source().sid());
        assertEquals(CALLBACK, job.destination());
        NotificationJob.TwilioCallback callback = (NotificationJob.TwilioCallback) job.content();
        assertEquals("POST", callback.method());
        Map<String, String> parameters = callback.parameters();
        assertEquals(List.of("AccountSid", "UsageTriggerSid", "DateFired", "Recurring", "UsageCategory", "TriggerBy", "TriggerValue",
                "CurrentValue", "UsageRecordUri", "IdempotencyToken"), new ArrayList<>(parameters.keySet()));
        assertEquals(account.sid(), parameters.get("AccountSid"));
        assertEquals(trigger, parameters.get("UsageTriggerSid"));
        assertEquals("daily", parameters.get("Recurring"));
        assertEquals("monitor-writes", parameters.get("UsageCategory"));
        assertEquals("count", parameters.get("TriggerBy"));
        assertEquals("10", parameters.get("TriggerValue"));
        assertEquals("10", parameters.get("CurrentValue"));
        assertEquals(account.sid() + "-FIRES-" + trigger + "-" + LocalDate.now(ZoneOffset.UTC), parameters.get("IdempotencyToken"));
        // Signed as the notifier signs it, the callback is what Twilio's own validator accepts.
        String signature = TwilioSignature.sign(account.authToken(), CALLBACK, parameters);
        assertTrue(new RequestValidator(account.authToken()).validate(CALLBACK, parameters, signature));

        record(account, 5);
        awaitTodaysWrites(account, 15);
        RunningStack.get().runScheduled("UsageCheckFunction");
        assertEquals(0, QueuedJobs.await(account.sid(), received -> !received.isEmpty(), Duration.ofSeconds(3)).size(), "no second callback the same day");
        var fetched = account.client().get("/2010-04-01/Accounts/" + account.sid() + "/Usage/Triggers/" + trigger + ".json").json();
        assertEquals(parameters.get("DateFired"), fetched.get("date_fired").asText());

        // The next day, by the test's clock: 10 more events fire it again.
        Instant tomorrow = LocalDate.now(ZoneOffset.UTC).plusDays(1).atTime(0, 0, 30).toInstant(ZoneOffset.UTC);
        UsageFixtures.meter(account, 10, tomorrow);
        List<NotificationJob> nextDay = new ArrayList<>();
        UsageFixtures.check(tomorrow.plusSeconds(10), nextDay).run();
        List<NotificationJob> fired = UsageFixtures.jobsOf(nextDay, trigger);
        assertEquals(1, fired.size());
        assertEquals(account.sid() + "-FIRES-" + trigger + "-" + LocalDate.now(ZoneOffset.UTC).plusDays(1),
                UsageFixtures.parameters(fired.get(0)).get("IdempotencyToken"));
    }

    private static void record(TestAccount account, int events) {
        StringBuilder batch = new StringBuilder("[");
        for (int i = 0; i < events; i++) {
            batch.append(i == 0 ? "" : ",").append("{\"event_type\": \"user.login\", \"resource_sid\": \"US").append("a".repeat(32)).append("\"}");
        }
        ApiClient.Response response = account.client().postJson("/v1/Events", batch + "]");
        assertEquals(201, response.status(), response.text());
    }

    /** Polls today's usage record until the meter has counted the stream's records. */
    private static void awaitTodaysWrites(TestAccount account, int expected) throws InterruptedException {
        String path = "/2010-04-01/Accounts/" + account.sid() + "/Usage/Records/Today.json?Category=monitor-writes";
        String count = "";
        for (int attempt = 0; attempt < 200 && !count.equals(Integer.toString(expected)); attempt++) {
            Thread.sleep(50);
            count = account.client().get(path).json().get("usage_records").get(0).get("count").asText();
        }
        assertEquals(Integer.toString(expected), count);
    }

    private static List<NotificationJob> awaitJobs(TestAccount account, int expected) throws InterruptedException {
        List<NotificationJob> jobs = new ArrayList<>();
        for (int attempt = 0; attempt < 50 && jobs.size() < expected; attempt++) {
            jobs.addAll(receiveJobs(account));
            if (jobs.size() < expected) {
                Thread.sleep(100);
            }
        }
        assertEquals(expected, jobs.size());
        return jobs;
    }

    /** This account's jobs the notifier received since the last look. */
    private static List<NotificationJob> receiveJobs(TestAccount account) {
        return QueuedJobs.receive(account.sid());
    }
}
