package dev.monitor.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.amazonaws.services.lambda.runtime.tests.EventLoader;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.monitor.alertcounter.AlarmResolutionHandler;
import dev.monitor.json.Json;
import dev.monitor.notifier.NotifierHandler;
import dev.monitor.testing.Eventually;
import dev.monitor.testing.RunningStack;
import dev.monitor.testing.TestAccount;
import dev.monitor.usagecheck.UsageCheckHandler;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The sample events of {@code events/notifier}, {@code events/usage-check} and the resolution check, through their handlers. */
class FunctionEventFixturesTest {
    private static String fixture(String function, String name) {
        return Path.of("..", "events", function, name).toString();
    }

    @Test
    void theNotifierDeliversTheSampleJobByEmail() throws Exception {
        TestAccount account = RunningStack.newAccount();
        SQSEvent event = EventLoader.loadSQSEvent(fixture("notifier", "notification-job.json"));
        SQSEvent.SQSMessage message = event.getRecords().get(0);
        ObjectNode job = (ObjectNode) Json.parse(message.getBody());
        String to = "fixture+" + account.sid() + "@example.com";
        job.put("account_sid", account.sid()).put("job_id", "NJ" + account.sid().substring(2)).put("destination", to);
        message.setBody(Json.write(job));

        SQSBatchResponse response = new NotifierHandler(RunningStack.get().functionEnvironment("NotifierFunction")).handleRequest(event, null);
        assertEquals(List.of(), response.getBatchItemFailures());
        JsonNode email = Eventually.until("the sample job's email", () -> emailTo(to), found -> found != null);
        assertEquals(job.get("content").get("subject").asText(), email.get("subject").asText());
    }

    @Test
    void theUsageCheckRunsOnTheSampleSchedule() {
        String outcome = new UsageCheckHandler(RunningStack.get().functionEnvironment("UsageCheckFunction"))
                .handleRequest(EventLoader.loadScheduledEvent(fixture("usage-check", "every-minute.json")), null);
        assertNotNull(outcome);
    }

    @Test
    void theAlarmResolutionCheckRunsOnTheSampleSchedule() {
        String outcome = new AlarmResolutionHandler(RunningStack.get().functionEnvironment("AlarmResolutionFunction"))
                .handleRequest(EventLoader.loadScheduledEvent(fixture("alert-counter", "resolution-check.json")), null);
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
