package dev.monitor.notify;

import java.util.Locale;
import java.util.Optional;

/** Where a delivery stands: being tried (or waiting to be tried again), done, or given up. */
public enum DeliveryStatus {
    PENDING,
    DELIVERED,
    FAILED;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<DeliveryStatus> fromWire(String value) {
        for (DeliveryStatus status : values()) {
            if (status.wireName().equals(value)) {
                return Optional.of(status);
            }
        }
        return Optional.empty();
    }
}
