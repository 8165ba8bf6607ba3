package dev.monitor.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.monitor.usage.Pricing;
import java.math.BigDecimal;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EnvironmentTest {
    @Test
    void aMissingVariableFailsInitNamingIt() {
        IllegalStateException failure = assertThrows(
                IllegalStateException.class, () -> SharedVariables.table(Environment.of(Map.of("MONITOR_TABLE", " "))));
        assertEquals("Environment variable MONITOR_TABLE is not set", failure.getMessage());
    }

    @Test
    void aMalformedValueFailsInitNamingTheVariableButNotTheValue() {
        Environment env = Environment.of(Map.of("MONITOR_USAGE_FREE_EVENTS_PER_MONTH", "lots-secret"));
        IllegalStateException failure = assertThrows(IllegalStateException.class, () -> SharedVariables.pricing(env));
        assertTrue(failure.getMessage()
                .startsWith("Environment variable MONITOR_USAGE_FREE_EVENTS_PER_MONTH is malformed"));
        assertFalse(failure.getMessage().contains("lots-secret"), failure.getMessage());
    }

    @Test
    void unsetVariablesTakeTheirDefaults() {
        Environment env = Environment.of(Map.of());
        assertEquals(new Pricing(5_000, new BigDecimal("0.0001")), SharedVariables.pricing(env));
        assertFalse(SharedVariables.allowPrivateWebhookTargets(env));
    }

    @Test
    void aFlagIsTrueOrFalseAndNothingElse() {
        assertTrue(Environment.of(Map.of("F", "true")).flag("F", false));
        assertFalse(Environment.of(Map.of("F", "false")).flag("F", true));
        assertThrows(
                IllegalStateException.class,
                () -> Environment.of(Map.of("F", "yes")).flag("F", false));
    }
}
