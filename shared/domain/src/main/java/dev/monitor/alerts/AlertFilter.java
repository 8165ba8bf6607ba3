package dev.monitor.alerts;

import dev.monitor.paging.TimelineFilter;
import java.time.Instant;
import java.util.Optional;

/** The filters of {@code GET /v1/Alerts}; any combination may be set. Dates bound the date generated, inclusively. */
public record AlertFilter(
        Optional<LogLevel> logLevel,
        Optional<String> errorCode,
        Optional<String> resourceSid,
        Optional<Instant> startDate,
        Optional<Instant> endDate)
        implements TimelineFilter {}
