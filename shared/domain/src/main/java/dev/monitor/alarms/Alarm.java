package dev.monitor.alarms;

import dev.monitor.alerts.LogLevel;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * An alarm: when the count of the alerts its query selects reaches {@code triggerValue} in one of
 * its windows (or calendar periods), it fires once for that window and notifies every channel.
 *
 * @param query the error code (ERROR_CODE), the log level (LOG_LEVEL), or empty (ALL)
 * @param timeWindow Monitor v2's rolling window kind, or empty for a calendar-period alarm
 * @param timePeriod the calendar period of Twilio's original alert triggers, or empty
 * @param sendResolved beyond Twilio: also notify when the window after a fired one closes below the threshold
 * @param consoleIndicator kept and echoed for Twilio's clients; this service has no console to light
 */
public record Alarm(
        String sid,
        String accountSid,
        String friendlyName,
        String description,
        QueryType queryType,
        Optional<String> query,
        long triggerValue,
        Optional<TimeWindow> timeWindow,
        Optional<TimePeriod> timePeriod,
        List<String> email,
        Optional<String> webhook,
        boolean sendResolved,
        boolean consoleIndicator,
        boolean enabled,
        Optional<Instant> mutedUntil,
        Instant dateCreated,
        Instant dateUpdated) {

    /** This alarm enabled or disabled, as changed at {@code dateUpdated}. */
    public Alarm withEnabled(boolean enabled, Instant dateUpdated) {
        return new Alarm(
                sid,
                accountSid,
                friendlyName,
                description,
                queryType,
                query,
                triggerValue,
                timeWindow,
                timePeriod,
                email,
                webhook,
                sendResolved,
                consoleIndicator,
                enabled,
                mutedUntil,
                dateCreated,
                dateUpdated);
    }

    public boolean selects(String errorCode, LogLevel level) {
        return switch (queryType) {
            case ERROR_CODE -> query.orElse("").equals(errorCode);
            case LOG_LEVEL -> query.orElse("").equals(level.wire());
            case ALL -> true;
        };
    }

    public Window windowOf(Instant at) {
        return timeWindow
                .map(window -> window.windowOf(at))
                .orElseGet(() -> timePeriod.orElseThrow().windowOf(at));
    }

    /** Calendar-period alarms notify as Twilio's alert triggers did; windowed alarms with Standard Webhooks. */
    public boolean isCalendarPeriod() {
        return timePeriod.isPresent();
    }

    public boolean mutedAt(Instant now) {
        return mutedUntil.filter(now::isBefore).isPresent();
    }
}
