package dev.monitor.local;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** API Gateway's token bucket, on a clock of the test's own. */
class RouteThrottleTest {
    private static final long SECOND = Duration.ofSeconds(1).toNanos();

    @Test
    void aFullBucketTakesTheBurstThenOneRequestPerRefilledToken() {
        RouteThrottle throttle = new RouteThrottle(2, 4, 0);

        assertTrue(throttle.tryTake(0));
        assertTrue(throttle.tryTake(0));
        assertFalse(throttle.tryTake(0), "the burst is spent");
        assertFalse(throttle.tryTake(SECOND / 8), "half a token back");
        assertTrue(throttle.tryTake(SECOND / 4), "a quarter of a second at 4 a second: one token back");
        assertFalse(throttle.tryTake(SECOND / 4));
    }

    @Test
    void anIdleBucketFillsToItsBurstAndNoFurther() {
        RouteThrottle throttle = new RouteThrottle(3, 100, 0);

        for (int i = 0; i < 3; i++) {
            assertTrue(throttle.tryTake(3600 * SECOND));
        }
        assertFalse(throttle.tryTake(3600 * SECOND), "an hour idle leaves the bucket at its burst of 3");
    }

    @Test
    void aBurstOfNoneTakesNothing() {
        assertFalse(new RouteThrottle(0, 1000, 0).tryTake(SECOND));
    }
}
