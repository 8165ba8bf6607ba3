package dev.monitor.notifier;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.DoubleSupplier;

/**
 * When each attempt of a delivery is made: {@code delays.get(i)} is the wait before attempt i + 1,
 * each varied by ±20% so that many failed deliveries do not retry in step. A wait never exceeds 12
 * hours, the longest SQS can hide a message, which is how the notifier waits.
 */
public record RetrySchedule(List<Duration> delays) {
    public static final Duration LONGEST_WAIT = Duration.ofHours(12);
    private static final double JITTER = 0.2;
    /**
     * Nine attempts over about 37.6 hours, at least 30 even with every wait 20% short: a receiver that
     * is down for a whole day still gets the notification.
     */
    public static final RetrySchedule DEFAULT = parse("0s,5s,5m,30m,2h,5h,10h,10h,10h");

    public RetrySchedule {
        if (delays.isEmpty()) {
            throw new IllegalArgumentException("A retry schedule has at least one attempt");
        }
        for (Duration delay : delays) {
            if (delay.isNegative() || delay.compareTo(LONGEST_WAIT) > 0) {
                throw new IllegalArgumentException("Each wait of a retry schedule is from 0 to 12 hours, not " + delay);
            }
        }
        delays = List.copyOf(delays);
    }

    /** Parses {@code "0s,5s,5m,30m,2h"}: whole numbers of seconds, minutes or hours. */
    public static RetrySchedule parse(String text) {
        List<Duration> delays = new ArrayList<>();
        for (String part : text.split(",")) {
            String value = part.trim().toLowerCase(Locale.ROOT);
            if (!value.matches("\\d{1,6}[smh]")) {
                throw new IllegalArgumentException(
                        "A retry schedule is waits such as 0s,5s,5m,2h; '" + value + "' is not one");
            }
            long amount = Long.parseLong(value.substring(0, value.length() - 1));
            delays.add(
                    switch (value.charAt(value.length() - 1)) {
                        case 's' -> Duration.ofSeconds(amount);
                        case 'm' -> Duration.ofMinutes(amount);
                        default -> Duration.ofHours(amount);
                    });
        }
        return new RetrySchedule(delays);
    }

    public int attempts() {
        return delays.size();
    }

    /**
     * The wait after failed attempt {@code attempt} (1-based within its round) before the next one,
     * or empty when that was the last. A receiver's {@code Retry-After} lengthens the wait, never
     * past 12 hours, and never shortens it.
     *
     * @param random uniform in [0, 1)
     */
    public Optional<Duration> waitAfter(int attempt, Optional<Duration> retryAfter, DoubleSupplier random) {
        if (attempt >= delays.size()) {
            return Optional.empty();
        }
        Duration planned = delays.get(attempt);
        long millis = Math.round(planned.toMillis() * (1 + JITTER * (2 * random.getAsDouble() - 1)));
        Duration wait = Duration.ofMillis(millis);
        if (retryAfter.isPresent() && retryAfter.get().compareTo(wait) > 0) {
            wait = retryAfter.get();
        }
        return Optional.of(wait.compareTo(LONGEST_WAIT) > 0 ? LONGEST_WAIT : wait);
    }

    @Override
    public String toString() {
        return delays.toString();
    }
}
