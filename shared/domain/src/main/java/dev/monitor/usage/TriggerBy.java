package dev.monitor.usage;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** Which field of the usage record a trigger watches. */
public enum TriggerBy {
    COUNT,
    USAGE,
    PRICE;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<TriggerBy> fromWire(String value) {
        return Arrays.stream(values()).filter(by -> by.wireName().equals(value)).findFirst();
    }
}
