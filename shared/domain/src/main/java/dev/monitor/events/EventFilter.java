package dev.monitor.events;

import dev.monitor.paging.TimelineFilter;
import java.time.Instant;
import java.util.Optional;

/** The filters of {@code GET /v1/Events}; any combination may be set. Dates bound inclusively. */
public record EventFilter(
        Optional<String> actorSid,
        Optional<String> eventType,
        Optional<String> resourceSid,
        Optional<String> sourceIpAddress,
        Optional<Instant> startDate,
        Optional<Instant> endDate)
        implements TimelineFilter {}
