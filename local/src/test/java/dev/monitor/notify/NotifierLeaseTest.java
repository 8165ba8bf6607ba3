package dev.monitor.notify;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.monitor.dynamo.notify.DynamoDeliveryStore;
import dev.monitor.notifier.Notifier;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * A claim must outlive every invocation that can hold it, or a slow settle lets a second worker send the job again
 * while the first send may still be in flight: the lease is checked against what template.yaml says.
 */
class NotifierLeaseTest {
    @Test
    void theClaimLeaseOutlastsTheNotifiersTimeoutAndTheQueuesVisibilityTimeout() throws IOException {
        String template = Files.readString(Path.of("..", "template.yaml"));
        Duration functionTimeout = Duration.ofSeconds(number(template, "NotifierFunction:", "Timeout"));
        Duration visibilityTimeout = Duration.ofSeconds(number(template, "NotificationsQueue:", "VisibilityTimeout"));

        assertTrue(Notifier.LEASE.compareTo(functionTimeout) > 0, "lease " + Notifier.LEASE + " vs " + functionTimeout);
        assertTrue(
                Notifier.LEASE.compareTo(visibilityTimeout) > 0,
                "lease " + Notifier.LEASE + " vs " + visibilityTimeout);
    }

    /**
     * A delivery slot taken again while the invocation that held it still delivers would let an account use more than
     * its share; given back without a condition after its lease, it could free another invocation's slot.
     */
    @Test
    void aDeliverySlotsLeaseOutlastsTheNotifiersTimeoutAndAnUnconditionalRelease() throws IOException {
        String template = Files.readString(Path.of("..", "template.yaml"));
        Duration functionTimeout = Duration.ofSeconds(number(template, "NotifierFunction:", "Timeout"));

        assertTrue(
                DeliveryShare.SLOT_LEASE.compareTo(
                                functionTimeout.plus(DynamoDeliveryStore.UNCONDITIONAL_SETTLE_MARGIN))
                        > 0,
                "slot lease " + DeliveryShare.SLOT_LEASE + " vs " + functionTimeout);
    }

    /** The first {@code key: <number>} after the resource's name. */
    private static long number(String template, String resource, String key) {
        int start = template.indexOf("\n  " + resource);
        assertTrue(start >= 0, resource + " is in the template");
        Matcher matcher = Pattern.compile("\\n\\s+" + key + ": (\\d+)").matcher(template);
        assertTrue(matcher.find(start), key + " of " + resource);
        return Long.parseLong(matcher.group(1));
    }
}
