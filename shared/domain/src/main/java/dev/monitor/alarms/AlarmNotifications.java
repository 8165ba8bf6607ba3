package dev.monitor.alarms;

import dev.monitor.json.JsonObjectWriter;
import dev.monitor.notify.ConsoleLinks;
import dev.monitor.notify.NotificationJob;
import dev.monitor.validation.Dates;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The notification jobs of an alarm's firing (or test): one per channel, with job ids derived from
 * the firing (or its resolution), so the jobs of a firing queued twice are the same jobs. Windowed
 * alarms send Standard Webhooks; calendar-period alarms send Twilio's alert-trigger callback; both
 * send the same email. Beside the API's URLs (which ask a person for a password) each carries links
 * into the console: the alarm's page, and its alerts; the email links only to the console.
 */
public final class AlarmNotifications {
    public static final String TRIGGERED = "alarm.triggered";
    public static final String TEST = "alarm.test";
    public static final String RESOLVED = "alarm.resolved";

    /** Where links to the alerts point: the API's public URL, or none known (then links are paths). */
    private final Optional<String> apiBaseUrl;

    private final ConsoleLinks console;

    public AlarmNotifications(Optional<String> apiBaseUrl) {
        this.apiBaseUrl = apiBaseUrl.map(url -> url.endsWith("/") ? url.substring(0, url.length() - 1) : url);
        this.console = new ConsoleLinks(this.apiBaseUrl);
    }

    /** These notifications, their links starting with {@code baseUrl} when no public URL is configured. */
    public AlarmNotifications linkingTo(String baseUrl) {
        return apiBaseUrl.isPresent() ? this : new AlarmNotifications(Optional.of(baseUrl));
    }

    /** The channels of an alarm as they will be notified under the occurrence's job ids. */
    public List<Firing.Notification> plan(Alarm alarm, String occurrence) {
        List<Firing.Notification> notifications = new ArrayList<>();
        alarm.webhook()
                .ifPresent(url -> notifications.add(new Firing.Notification(
                        NotificationJob.Channel.WEBHOOK,
                        url,
                        NotificationJob.jobId(occurrence, NotificationJob.Channel.WEBHOOK, url))));
        for (String address : alarm.email()) {
            notifications.add(new Firing.Notification(
                    NotificationJob.Channel.EMAIL,
                    address,
                    NotificationJob.jobId(occurrence, NotificationJob.Channel.EMAIL, address)));
        }
        return notifications;
    }

    public List<NotificationJob> jobs(Alarm alarm, Firing firing, String type, Instant now) {
        return jobs(
                alarm,
                new Notice(
                        type,
                        firing.window(),
                        firing.count(),
                        firing.triggerValue(),
                        firing.dateFired(),
                        firing.occurrence(),
                        firing.notifications(),
                        Optional.empty()),
                now);
    }

    /**
     * The jobs that say the firing's alarm is resolved: its resolution's window and count, and the window that fired.
     */
    public List<NotificationJob> resolvedJobs(Alarm alarm, Firing firing, Instant now) {
        Firing.Resolution resolution = firing.resolution().orElseThrow();
        return jobs(
                alarm,
                new Notice(
                        RESOLVED,
                        resolution.window(),
                        resolution.count(),
                        firing.triggerValue(),
                        resolution.dateResolved(),
                        firing.resolutionOccurrence(),
                        resolution.notifications(),
                        Optional.of(firing.window())),
                now);
    }

    /**
     * What one notification says: the window it is about, its count against the threshold, and, when it resolves a
     * firing, the fired window.
     */
    private record Notice(
            String type,
            Window window,
            long count,
            long threshold,
            Instant date,
            String occurrence,
            List<Firing.Notification> notifications,
            Optional<Window> firedWindow) {}

    private List<NotificationJob> jobs(Alarm alarm, Notice notice, Instant now) {
        List<NotificationJob> jobs = new ArrayList<>();
        for (Firing.Notification notification : notice.notifications()) {
            NotificationJob.Content content = notification.channel() == NotificationJob.Channel.EMAIL
                    ? email(alarm, notice)
                    : alarm.isCalendarPeriod() ? twilioCallback(alarm, notice) : standardWebhook(alarm, notice);
            jobs.add(new NotificationJob(
                    notification.jobId(),
                    alarm.accountSid(),
                    new NotificationJob.Source(NotificationJob.SourceType.ALARM, alarm.sid()),
                    notification.channel(),
                    notification.destination(),
                    content,
                    now));
        }
        return jobs;
    }

    /** The payload's fields are named as the v2 Alarms API names them (camelCase), {@code triggerValue} included. */
    private NotificationJob.StandardWebhook standardWebhook(Alarm alarm, Notice notice) {
        JsonObjectWriter data = new JsonObjectWriter();
        data.put("alarmSid", alarm.sid());
        data.put("friendlyName", alarm.friendlyName());
        data.put("accountSid", alarm.accountSid());
        data.put("queryType", alarm.queryType().name());
        data.put("query", alarm.query().orElse(""));
        data.put("triggerValue", notice.threshold());
        data.put("count", notice.count());
        data.put("timeWindow", notice.window().name());
        data.put("windowStart", Dates.print(notice.window().start()));
        data.put("windowEnd", Dates.print(notice.window().end()));
        notice.firedWindow().ifPresent(fired -> {
            data.put("firedWindowStart", Dates.print(fired.start()));
            data.put("firedWindowEnd", Dates.print(fired.end()));
        });
        data.put("alertsUrl", alertsUrl(alarm, notice.window()));
        data.put("consoleUrl", console.alarm(alarm.accountSid(), alarm.sid()));
        data.put("alertsConsoleUrl", consoleAlertsUrl(alarm, notice.window()));
        return new NotificationJob.StandardWebhook(notice.type(), notice.date(), data.toJson());
    }

    /**
     * Twilio's alert-trigger callback, form-encoded and signed with the account's auth token by the notifier; beyond
     * Twilio's parameters, {@code ConsoleUrl} is the alarm's page in the console.
     */
    private NotificationJob.TwilioCallback twilioCallback(Alarm alarm, Notice notice) {
        Map<String, String> parameters = new LinkedHashMap<>();
        parameters.put("AccountSid", alarm.accountSid());
        parameters.put("AlarmSid", alarm.sid());
        parameters.put(
                "DateFired",
                DateTimeFormatter.RFC_1123_DATE_TIME.format(notice.date().atZone(ZoneOffset.UTC)));
        parameters.put("TimePeriod", notice.window().name());
        parameters.put(
                "Log", alarm.queryType() == QueryType.LOG_LEVEL ? alarm.query().orElse("") : "");
        parameters.put(
                "ErrorCode",
                alarm.queryType() == QueryType.ERROR_CODE ? alarm.query().orElse("") : "");
        parameters.put("Description", alarm.description());
        parameters.put("TriggerValue", Long.toString(notice.threshold()));
        parameters.put("CurrentValue", Long.toString(notice.count()));
        parameters.put("IdempotencyToken", notice.occurrence());
        parameters.put("ConsoleUrl", console.alarm(alarm.accountSid(), alarm.sid()));
        return new NotificationJob.TwilioCallback("POST", parameters);
    }

    private NotificationJob.Email email(Alarm alarm, Notice notice) {
        String what = switch (notice.type()) {
            case TEST -> "Test of alarm";
            case RESOLVED -> "Resolved: alarm";
            default -> "Alarm";
        };
        String subject = what + " '" + alarm.friendlyName() + "': " + notice.count() + " alerts (threshold "
                + notice.threshold() + ")";
        String query =
                alarm.queryType() + alarm.query().map(value -> " " + value).orElse("");
        String window =
                notice.window().name() + ", " + Dates.print(notice.window().start()) + " to "
                        + Dates.print(notice.window().end());
        String alarmPage = console.alarm(alarm.accountSid(), alarm.sid());
        String alerts = consoleAlertsUrl(alarm, notice.window());
        Optional<String> resolves = notice.firedWindow()
                .map(fired -> "Back below the threshold after it fired for " + Dates.print(fired.start()) + " to "
                        + Dates.print(fired.end()));
        String text =
                what + " " + alarm.friendlyName() + " (" + alarm.sid() + ") of account " + alarm.accountSid() + "\n"
                        + "Query: " + query + "\n"
                        + "Count: " + notice.count() + ", threshold " + notice.threshold() + "\n"
                        + "Window: " + window + "\n"
                        + resolves.map(line -> line + "\n").orElse("")
                        + "Alarm: " + alarmPage + "\n"
                        + "Alerts: " + alerts + "\n";
        String html = "<p>" + escape(what) + " <b>" + escape(alarm.friendlyName()) + "</b> (" + escape(alarm.sid())
                + ") of account "
                + escape(alarm.accountSid()) + "</p><ul><li>Query: " + escape(query)
                + "</li><li>Count: " + notice.count() + ", threshold " + notice.threshold() + "</li><li>Window: "
                + escape(window)
                + resolves.map(line -> "</li><li>" + escape(line)).orElse("")
                + "</li></ul><p><a href=\"" + escape(alarmPage) + "\">The alarm in the console</a> &middot; <a href=\""
                + escape(alerts) + "\">Its alerts in the console</a></p>";
        return new NotificationJob.Email(subject, text, html);
    }

    private String alertsUrl(Alarm alarm, Window window) {
        return apiBaseUrl.orElse("") + "/v1/Alerts?"
                + alertFilters(alarm, window).entrySet().stream()
                        .map(entry ->
                                entry.getKey() + "=" + URLEncoder.encode(entry.getValue(), StandardCharsets.UTF_8))
                        .collect(Collectors.joining("&"));
    }

    private String consoleAlertsUrl(Alarm alarm, Window window) {
        return console.alerts(alarm.accountSid(), alertFilters(alarm, window));
    }

    /** The window's alerts, as the Alerts API and the console's Alerts screen filter them (the end is inclusive). */
    private static Map<String, String> alertFilters(Alarm alarm, Window window) {
        Map<String, String> filters = new LinkedHashMap<>();
        filters.put("StartDate", Dates.print(window.start()));
        filters.put("EndDate", Dates.print(window.end().minusSeconds(1)));
        if (alarm.queryType() == QueryType.ERROR_CODE) {
            filters.put("ErrorCode", alarm.query().orElse(""));
        } else if (alarm.queryType() == QueryType.LOG_LEVEL) {
            filters.put("LogLevel", alarm.query().orElse(""));
        }
        return filters;
    }

    private static String escape(String text) {
        return text.replace("&", "&amp;")
                .replace("<", "&lt;")
                .replace(">", "&gt;")
                .replace("\"", "&quot;")
                .replace("'", "&#39;");
    }
}
