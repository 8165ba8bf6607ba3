package dev.monitor.alerts;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** The log levels of Twilio's alerts, most severe first; on the wire in lowercase. */
public enum LogLevel {
    ERROR,
    WARNING,
    NOTICE,
    DEBUG;

    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<LogLevel> fromWire(String value) {
        return Arrays.stream(values())
                .filter(level -> level.wire().equals(value))
                .findFirst();
    }

    public static String wireNames() {
        return String.join(", ", Arrays.stream(values()).map(LogLevel::wire).toList());
    }
}
