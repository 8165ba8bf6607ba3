package dev.monitor.notify;

import java.util.Optional;

/** What {@code GET /v1/Deliveries} may select on: the alarm or trigger that fired, and the status. */
public record DeliveryFilter(Optional<String> sourceSid, Optional<DeliveryStatus> status) {}
