package dev.monitor.testing;

import dev.monitor.alarms.AlarmSpec;
import dev.monitor.alarms.QueryType;
import dev.monitor.alarms.TimeWindow;
import java.util.List;
import java.util.Optional;

/** Alarm specs for the tests of the alarm service and of the alarm evaluator, which lives in the alert counter. */
public final class TestAlarms {
    /** The webhook every spec notifies, besides {@code ops@example.com}. */
    public static final String WEBHOOK = "https://hooks.example.com/alarm";

    private TestAlarms() {}

    /** An enabled alarm of a fixed window, notifying by email and webhook, not on resolution. */
    public static AlarmSpec spec(
            String name, QueryType type, Optional<String> query, long threshold, TimeWindow window) {
        return new AlarmSpec(
                name,
                "",
                type,
                query,
                threshold,
                Optional.of(window),
                Optional.empty(),
                List.of("ops@example.com"),
                Optional.of(WEBHOOK),
                false,
                false,
                true,
                Optional.empty());
    }
}
