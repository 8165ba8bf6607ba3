package dev.monitor.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.monitor.alarmresolution.ResolutionScheduleHandler;
import dev.monitor.jackson.Json;
import dev.monitor.notifier.NotificationQueueHandler;
import dev.monitor.testing.Eventually;
import dev.monitor.testing.RunningStack;
import dev.monitor.testing.TestAccount;
import dev.monitor.usagecheck.UsageScheduleHandler;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * The sample events of {@code events/notifier}, {@code events/usage-check} and {@code events/alarm-resolution}, through
 * their handlers.
 */
class FunctionEventFixturesTest {
    private static JsonNode fixture(String function, String name) throws Exception {
        return Json.parse(Files.readString(Path.of("..", "events", function, name)));
    }

    @Test
    void theNotifierDeliversTheSampleJobByEmail() throws Exception {
        TestAccount account = RunningStack.newAccount();
        JsonNode event = fixture("notifier", "notification-job.json");
        ObjectNode message = (ObjectNode) event.get("Records").get(0);
        ObjectNode job = (ObjectNode) Json.parse(message.get("body").asText());
        String to = "fixture+" + account.sid() + "@example.com";
        job.put("account_sid", account.sid())
                .put("job_id", "NJ" + account.sid().substring(2))
                .put("destination", to);
        message.put("body", Json.write(job));

        JsonNode response = new NotificationQueueHandler(RunningStack.get().functionEnvironment("NotifierFunction"))
                .handle(event, null);
        assertEquals(0, response.get("batchItemFailures").size(), response.toString());
        JsonNode email = Eventually.until("the sample job's email", () -> emailTo(to), found -> found != null);
        assertEquals(
                job.get("content").get("subject").asText(), email.get("subject").asText());
    }

    @Test
    void theUsageCheckRunsOnTheSampleSchedule() throws Exception {
        String outcome = new UsageScheduleHandler(RunningStack.get().functionEnvironment("UsageCheckFunction"))
                .handle(fixture("usage-check", "every-minute.json"), null)
                .asText();
        assertTrue(outcome.startsWith("Checked "), outcome);
    }

    @Test
    void theAlarmResolutionCheckRunsOnTheSampleSchedule() throws Exception {
        String outcome = new ResolutionScheduleHandler(
                        RunningStack.get().functionEnvironment("AlarmResolutionFunction"))
                .handle(fixture("alarm-resolution", "every-minute.json"), null)
                .asText();
        assertTrue(outcome.startsWith("Checked "), outcome);
    }

    private static JsonNode emailTo(String address) {
        for (JsonNode email : RunningStack.ses().store().get("emails")) {
            if (email.get("destination").toString().contains(address)) {
                return email;
            }
        }
        return null;
    }
}
