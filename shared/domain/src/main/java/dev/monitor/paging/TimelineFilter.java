package dev.monitor.paging;

import java.time.Instant;
import java.util.Optional;

/** What a request reads a timeline by: its own filters, and the dates it spans, both inclusive and either open. */
public interface TimelineFilter {
    Optional<Instant> startDate();

    Optional<Instant> endDate();
}
