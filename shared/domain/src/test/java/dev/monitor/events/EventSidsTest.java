package dev.monitor.events;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class EventSidsTest {
    private static final byte[] RANDOM = new byte[] {1, 2, 3, 4, 5, 6, 7, 8, 9, 10};

    @Test
    void sidsSortByEventDateAndLieWithinTheirDayBounds() {
        Instant earlier = Instant.parse("2024-05-01T10:00:00Z");
        Instant later = earlier.plusMillis(1);
        String first = Event.SIDS.of(earlier, RANDOM);
        String second = Event.SIDS.of(later, new byte[10]);
        assertTrue(first.compareTo(second) < 0);
        assertTrue(Event.SIDS.matches(first));
        assertEquals(34, first.length());
        assertTrue(first.compareTo(Event.SIDS.lowerBound(earlier)) >= 0);
        assertTrue(first.compareTo(Event.SIDS.upperBound(earlier)) <= 0);
        assertTrue(second.compareTo(Event.SIDS.upperBound(earlier)) > 0);
    }

    @Test
    void shardsComeFromTheRandomPartAndCoverAll() {
        Set<Integer> shards = new HashSet<>();
        for (int i = 0; i < 16; i++) {
            shards.add(
                    Event.SIDS.shardOf(Event.SIDS.of(Instant.EPOCH, new byte[] {0, 0, 0, 0, 0, 0, 0, 0, 0, (byte) i})));
        }
        assertEquals(Event.SIDS.shards(), shards.size());
    }
}
