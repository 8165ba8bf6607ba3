package dev.monitor.notify;

import java.time.Instant;
import java.util.Optional;

/** One try at delivering: when, what came back, and how long it took. */
public record DeliveryAttempt(
        int attempt,
        Instant date,
        Optional<Integer> statusCode,
        long latencyMs,
        Optional<ErrorClass> errorClass,
        String response) {}
