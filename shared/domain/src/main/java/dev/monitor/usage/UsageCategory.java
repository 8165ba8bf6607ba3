package dev.monitor.usage;

import java.util.Arrays;
import java.util.Optional;

/** Twilio's usage categories for Monitor, by their wire names. */
public enum UsageCategory {
    MONITOR_WRITES("monitor-writes", "Monitor Writes: events and alerts recorded", "events"),
    MONITOR_READS("monitor-reads", "Monitor Reads: records returned by the read APIs", "reads"),
    MONITOR_STORAGE("monitor-storage", "Monitor Storage: records held", "records"),
    TOTAL_PRICE("totalprice", "Total Price", "usd");

    private final String wireName;
    private final String description;
    private final String unit;

    UsageCategory(String wireName, String description, String unit) {
        this.wireName = wireName;
        this.description = description;
        this.unit = unit;
    }

    public String wireName() {
        return wireName;
    }

    public String description() {
        return description;
    }

    /** The unit of both {@code count} and {@code usage}. */
    public String unit() {
        return unit;
    }

    public static Optional<UsageCategory> fromWire(String value) {
        return Arrays.stream(values())
                .filter(category -> category.wireName.equals(value))
                .findFirst();
    }

    public static String wireNames() {
        return String.join(
                ", ", Arrays.stream(values()).map(UsageCategory::wireName).toList());
    }
}
