package dev.monitor.ids;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.monitor.alerts.Alert;
import dev.monitor.crypto.Secrets;
import dev.monitor.events.Event;
import dev.monitor.notify.Delivery;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** Stored items and page tokens hold these Sids: their format may never change. */
class TimeOrderedSidsTest {
    private static final Instant DATE = Instant.ofEpochMilli(0x18f2c3d4e5fL);
    private static final byte[] RANDOM = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10};

    @Test
    void eventAndAlertSidsAreTheirPrefixTheDateAndTwentyRandomDigits() {
        assertEquals("AE018f2c3d4e5f0102030405060708090a", Event.SIDS.of(DATE, RANDOM));
        assertEquals("NO018f2c3d4e5f0102030405060708090a", Alert.SIDS.of(DATE, RANDOM));
        assertEquals(2, Event.SIDS.shardOf("AE018f2c3d4e5f0102030405060708090a"));
    }

    @Test
    void aDeliverySidIsTheFirstAttemptAndTheJobIdsHash() {
        String sid = Delivery.sidOf(DATE, "job-1");
        assertEquals("DL018f2c3d4e5f" + Secrets.sha256Hex("job-1").substring(0, 20), sid);
        assertTrue(Delivery.SIDS.matches(sid));
        assertTrue(Sids.isSid("DL", sid));
    }
}
