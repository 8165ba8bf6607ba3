package dev.monitor.accounts;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

public enum AccountStatus {
    ACTIVE,
    SUSPENDED,
    CLOSED;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<AccountStatus> fromWire(String value) {
        return Arrays.stream(values())
                .filter(status -> status.wireName().equals(value))
                .findFirst();
    }
}
