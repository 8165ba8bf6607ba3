package dev.monitor.notify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import org.junit.jupiter.api.Test;

class NotificationJobTest {
    @Test
    void jobIdsAreStableForTheSameOccurrenceAndDifferPerChannelAndDestination() {
        String id = NotificationJob.jobId("AL1/2026-11-24T10:00Z", NotificationJob.Channel.EMAIL, "ops@example.com");
        assertEquals(
                id, NotificationJob.jobId("AL1/2026-11-24T10:00Z", NotificationJob.Channel.EMAIL, "ops@example.com"));
        assertNotEquals(
                id, NotificationJob.jobId("AL1/2026-11-24T10:00Z", NotificationJob.Channel.WEBHOOK, "ops@example.com"));
        assertNotEquals(
                id, NotificationJob.jobId("AL1/2026-11-24T10:05Z", NotificationJob.Channel.EMAIL, "ops@example.com"));
        assertEquals(34, id.length());
    }
}
