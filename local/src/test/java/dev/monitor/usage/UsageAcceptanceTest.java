package dev.monitor.usage;

import static dev.monitor.usage.UsageFixtures.awaitTodaysWrites;
import static dev.monitor.usage.UsageFixtures.createTrigger;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.twilio.security.RequestValidator;
import dev.monitor.notify.NotificationJob;
import dev.monitor.testing.ApiClient;
import dev.monitor.testing.Eventually;
import dev.monitor.testing.QueuedJobs;
import dev.monitor.testing.RunningStack;
import dev.monitor.testing.TestAccount;
import dev.monitor.testing.WebhookReceiver;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.ResourceLock;

/**
 * The acceptance on the local stack: events recorded through the API are metered from the
 * table's stream, the scheduled check fires a daily trigger once, and the notifier delivers Twilio's
 * callback to a receiver, where it validates with Twilio's RequestValidator.
 */
// Alone on the shared stack, after the classes that run beside the others there: a check on tomorrow's date fires every
// account's triggers.
@Order(Order.DEFAULT + 1)
@ResourceLock(RunningStack.ALL_ACCOUNTS)
class UsageAcceptanceTest {
    @Test
    void aDailyTriggerOnWritesFiresOnceADay() throws Exception {
        try (WebhookReceiver receiver = WebhookReceiver.ok()) {
            firesOnceADay(receiver, receiver.url("/usage-callback"));
        }
    }

    private static void firesOnceADay(WebhookReceiver receiver, String callbackUrl) throws Exception {
        TestAccount account = RunningStack.newAccount();
        String trigger = createTrigger(
                account,
                Map.of(
                        "UsageCategory",
                        "monitor-writes",
                        "TriggerValue",
                        "10",
                        "Recurring",
                        "daily",
                        "TriggerBy",
                        "count",
                        "CallbackUrl",
                        callbackUrl,
                        "FriendlyName",
                        "Ten a day"));
        // Two of the ten are Monitor's own events: the account's creation and the trigger's.
        record(account, 8);
        awaitTodaysWrites(account, 10);
        RunningStack.get().runScheduled("UsageCheckFunction");

        List<NotificationJob> jobs = awaitJobs(account, 1);
        NotificationJob job = jobs.get(0);
        assertEquals(NotificationJob.SourceType.USAGE_TRIGGER, job.source().type());
        assertEquals(trigger, job.source().sid());
        assertEquals(callbackUrl, job.destination());
        NotificationJob.TwilioCallback callback = (NotificationJob.TwilioCallback) job.content();
        assertEquals("POST", callback.method());
        Map<String, String> parameters = callback.parameters();
        assertEquals(
                List.of(
                        "AccountSid",
                        "UsageTriggerSid",
                        "DateFired",
                        "Recurring",
                        "UsageCategory",
                        "TriggerBy",
                        "TriggerValue",
                        "CurrentValue",
                        "UsageRecordUri",
                        "IdempotencyToken",
                        "ConsoleUrl"),
                new ArrayList<>(parameters.keySet()));
        assertEquals(account.sid(), parameters.get("AccountSid"));
        assertEquals(trigger, parameters.get("UsageTriggerSid"));
        assertEquals("daily", parameters.get("Recurring"));
        assertEquals("monitor-writes", parameters.get("UsageCategory"));
        assertEquals("count", parameters.get("TriggerBy"));
        assertEquals("10", parameters.get("TriggerValue"));
        assertEquals("10", parameters.get("CurrentValue"));
        assertEquals(
                account.sid() + "-FIRES-" + trigger + "-" + LocalDate.now(ZoneOffset.UTC),
                parameters.get("IdempotencyToken"));
        // Beyond Twilio's parameters, the trigger's page in the console (ConsoleBrowserTest opens it).
        assertEquals(
                RunningStack.baseUrl() + "/console/triggers/usage/" + trigger + "?AccountSid=" + account.sid(),
                parameters.get("ConsoleUrl"));
        // The callback the notifier delivered is what Twilio's own validator accepts.
        WebhookReceiver.Received delivered = Eventually.until(
                        "the callback at the receiver", receiver::received, list -> !list.isEmpty())
                .get(0);
        assertEquals("POST", delivered.method());
        Map<String, String> form = form(delivered.body());
        assertEquals(parameters, form);
        assertTrue(new RequestValidator(account.authToken())
                .validate(callbackUrl, form, delivered.header("x-twilio-signature")));

        record(account, 5);
        awaitTodaysWrites(account, 15);
        RunningStack.get().runScheduled("UsageCheckFunction");
        assertEquals(
                0,
                QueuedJobs.await(account.sid(), received -> !received.isEmpty(), Duration.ofSeconds(3))
                        .size(),
                "no second callback the same day");
        assertEquals(1, receiver.received().size(), "one callback arrived in all");
        var fetched = account.client()
                .get("/2010-04-01/Accounts/" + account.sid() + "/Usage/Triggers/" + trigger + ".json")
                .json();
        assertEquals(parameters.get("DateFired"), fetched.get("date_fired").asText());

        // The next day, by the test's clock: 10 more events fire it again.
        Instant tomorrow =
                LocalDate.now(ZoneOffset.UTC).plusDays(1).atTime(0, 0, 30).toInstant(ZoneOffset.UTC);
        UsageFixtures.meter(account, 10, tomorrow);
        List<NotificationJob> nextDay = new ArrayList<>();
        UsageFixtures.check(tomorrow.plusSeconds(10), nextDay).run();
        List<NotificationJob> fired = UsageFixtures.jobsOf(nextDay, trigger);
        assertEquals(1, fired.size());
        assertEquals(
                account.sid() + "-FIRES-" + trigger + "-"
                        + LocalDate.now(ZoneOffset.UTC).plusDays(1),
                UsageFixtures.parameters(fired.get(0)).get("IdempotencyToken"));
    }

    private static Map<String, String> form(String body) {
        Map<String, String> form = new LinkedHashMap<>();
        for (String pair : body.split("&")) {
            String[] nameAndValue = pair.split("=", 2);
            form.put(
                    URLDecoder.decode(nameAndValue[0], StandardCharsets.UTF_8),
                    URLDecoder.decode(nameAndValue[1], StandardCharsets.UTF_8));
        }
        return form;
    }

    private static void record(TestAccount account, int events) {
        StringBuilder batch = new StringBuilder("[");
        for (int i = 0; i < events; i++) {
            batch.append(i == 0 ? "" : ",")
                    .append("{\"event_type\": \"user.login\", \"resource_sid\": \"US")
                    .append("a".repeat(32))
                    .append("\"}");
        }
        ApiClient.Response response = account.client().postJson("/v1/Events", batch + "]");
        assertEquals(201, response.status(), response.text());
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
