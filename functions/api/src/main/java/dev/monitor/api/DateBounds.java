package dev.monitor.api;

import dev.monitor.errors.DomainException;
import dev.monitor.validation.Dates;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/** A list's {@code StartDate} and {@code EndDate} filters, each a day (its whole span) or a moment. */
record DateBounds(Optional<Instant> start, Optional<Instant> end) {
    /** Reads both filters, echoing each that is given into {@code echoed}; a malformed one is a 400. */
    static DateBounds read(HttpRequest request, Map<String, String> echoed) {
        return new DateBounds(
                Requests.parameter(
                        request, "StartDate", echoed, value -> Dates.filterBound(value, false), Dates.FILTER_FORMS),
                Requests.parameter(
                        request, "EndDate", echoed, value -> Dates.filterBound(value, true), Dates.FILTER_FORMS));
    }

    /** These bounds, if they are in order: a 400 when both are given and the start is after the end. */
    DateBounds ordered() {
        if (start.isPresent() && end.isPresent() && start.get().isAfter(end.get())) {
            throw new DomainException.Invalid("StartDate must not be after EndDate");
        }
        return this;
    }
}
