package dev.monitor.alarms;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** What a client asked an alarm to be, validated; the service adds the Sid, the account and the dates. */
public record AlarmSpec(
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
        Optional<Instant> mutedUntil) {

    public Alarm toAlarm(String sid, String accountSid, Instant created, Instant updated) {
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
                created,
                updated);
    }
}
