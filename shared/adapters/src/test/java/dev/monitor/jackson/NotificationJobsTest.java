package dev.monitor.jackson;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.monitor.notify.NotificationJob;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

class NotificationJobsTest {
    private static final NotificationJob.Source ALARM =
            new NotificationJob.Source(NotificationJob.SourceType.ALARM, "AL" + "1".repeat(32));

    @Test
    void everyKindOfContentReadsBackAsItWasWritten() {
        Instant now = Instant.parse("2026-11-24T10:00:00Z");
        for (NotificationJob.Content content : new NotificationJob.Content[] {
            new NotificationJob.StandardWebhook(
                    "alarm.triggered", now, Json.raw(Json.object().put("count", 5))),
            new NotificationJob.TwilioCallback("POST", Map.of("AccountSid", "AC1", "CurrentValue", "10")),
            new NotificationJob.Email("Alarm", "text part", "<p>html part</p>")
        }) {
            NotificationJob job = new NotificationJob(
                    "NJ1",
                    "AC" + "2".repeat(32),
                    ALARM,
                    NotificationJob.Channel.WEBHOOK,
                    "https://hooks.example.com/",
                    content,
                    now);
            assertEquals(job, NotificationJobs.fromJson(NotificationJobs.toJson(job)));
        }
    }

    @Test
    void aMessageThatIsNoJobIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> NotificationJobs.fromJson("{\"job_id\": \"x\"}"));
        assertThrows(IllegalArgumentException.class, () -> NotificationJobs.fromJson("not json"));
    }
}
