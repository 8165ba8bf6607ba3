package dev.monitor.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** The settings {@code java -jar monitor-local.jar} reads from its environment. */
class LocalStackMainTest {
    @Test
    void privateWebhookTargetsAreRefusedWhenTheEnvironmentSaysSo() {
        assertEquals(
                Map.of("MONITOR_ALLOW_PRIVATE_WEBHOOK_TARGETS", "false"),
                LocalStackMain.options(Map.of("MONITOR_ALLOW_PRIVATE_WEBHOOK_TARGETS", "false"))
                        .environment());
    }

    /** The stack allows them itself (receivers run on this machine) unless told otherwise. */
    @Test
    void unsetTheStacksOwnDefaultApplies() {
        assertEquals(Map.of(), LocalStackMain.options(Map.of()).environment());
    }

    @Test
    void aValueOtherThanTrueOrFalseIsRefusedNamingTheSetting() {
        IllegalArgumentException refused = assertThrows(
                IllegalArgumentException.class,
                () -> LocalStackMain.options(Map.of("MONITOR_ALLOW_PRIVATE_WEBHOOK_TARGETS", "no")));
        assertEquals("MONITOR_ALLOW_PRIVATE_WEBHOOK_TARGETS must be true or false, not no", refused.getMessage());
    }
}
