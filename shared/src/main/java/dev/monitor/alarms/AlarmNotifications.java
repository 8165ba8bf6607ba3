package dev.monitor.alarms;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.monitor.json.Json;
import dev.monitor.notify.NotificationJob;
import dev.monitor.notify.NotificationJobs;
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

/**
 * The notification jobs of an alarm's firing (or test): one per channel, with job ids derived from
 * the firing, so the jobs of a firing queued twice are the same jobs. Windowed alarms send Standard
 * Webhooks; calendar-period alarms send Twilio's alert-trigger callback; both send the same email.
 */
public final class AlarmNotifications {
    public static final String TRIGGERED = "alarm.triggered";
    public static final String TEST = "alarm.test";

    /** Where links to the alerts point: the API's public URL, or none known (then links are paths). */
    private final Optional<String> apiBaseUrl;

    public AlarmNotifications(Optional<String> apiBaseUrl) {
        this.apiBaseUrl = apiBaseUrl.map(url -> url.endsWith("/") ? url.substring(0, url.length() - 1) : url);
    }

    /** The channels of an alarm as they will be notified under the occurrence's job ids. */
    public List<Firing.Notification> plan(Alarm alarm, String occurrence) {
        List<Firing.Notification> notifications = new ArrayList<>();
        alarm.webhook().ifPresent(url -> notifications.add(new Firing.Notification(NotificationJob.Channel.WEBHOOK, url,
                NotificationJobs.jobId(occurrence, NotificationJob.Channel.WEBHOOK, url))));
        for (String address : alarm.email()) {
            notifications.add(new Firing.Notification(NotificationJob.Channel.EMAIL, address,
                    NotificationJobs.jobId(occurrence, NotificationJob.Channel.EMAIL, address)));
        }
        return notifications;
    }

    public List<NotificationJob> jobs(Alarm alarm, Firing firing, String type, Instant now) {
        List<NotificationJob> jobs = new ArrayList<>();
        for (Firing.Notification notification : firing.notifications()) {
            NotificationJob.Content content = notification.channel() == NotificationJob.Channel.EMAIL
                    ? email(alarm, firing, type)
                    : alarm.isCalendarPeriod() ? twilioCallback(alarm, firing) : standardWebhook(alarm, firing, type);
            jobs.add(new NotificationJob(notification.jobId(), alarm.accountSid(),
                    new NotificationJob.Source(NotificationJob.SourceType.ALARM, alarm.sid()),
                    notification.channel(), notification.destination(), content, now));
        }
        return jobs;
    }

    private NotificationJob.StandardWebhook standardWebhook(Alarm alarm, Firing firing, String type) {
        ObjectNode data = Json.object();
        data.put("alarm_sid", alarm.sid());
        data.put("friendly_name", alarm.friendlyName());
        data.put("account_sid", alarm.accountSid());
        data.put("query_type", alarm.queryType().name());
        data.put("query", alarm.query().orElse(null));
        data.put("threshold", firing.triggerValue());
        data.put("count", firing.count());
        data.put("time_window", firing.window().name());
        data.put("window_start", firing.window().start().toString());
        data.put("window_end", firing.window().end().toString());
        data.put("alerts_url", alertsUrl(alarm, firing.window()));
        return new NotificationJob.StandardWebhook(type, firing.dateFired(), data);
    }

    /** Twilio's alert-trigger callback, form-encoded and signed with the account's auth token by the notifier. */
    private static NotificationJob.TwilioCallback twilioCallback(Alarm alarm, Firing firing) {
        Map<String, String> parameters = new LinkedHashMap<>();
        parameters.put("AccountSid", alarm.accountSid());
        parameters.put("AlarmSid", alarm.sid());
        parameters.put("DateFired", DateTimeFormatter.RFC_1123_DATE_TIME.format(firing.dateFired().atZone(ZoneOffset.UTC)));
        parameters.put("TimePeriod", firing.window().name());
        parameters.put("Log", alarm.queryType() == QueryType.LOG_LEVEL ? alarm.query().orElse("") : "");
        parameters.put("ErrorCode", alarm.queryType() == QueryType.ERROR_CODE ? alarm.query().orElse("") : "");
        parameters.put("Description", alarm.description());
        parameters.put("TriggerValue", Long.toString(firing.triggerValue()));
        parameters.put("CurrentValue", Long.toString(firing.count()));
        parameters.put("IdempotencyToken", firing.occurrence());
        return new NotificationJob.TwilioCallback("POST", parameters);
    }

    private NotificationJob.Email email(Alarm alarm, Firing firing, String type) {
        String what = TEST.equals(type) ? "Test of alarm" : "Alarm";
        String subject = what + " '" + alarm.friendlyName() + "': " + firing.count() + " alerts (threshold " + firing.triggerValue() + ")";
        String text = what + " " + alarm.friendlyName() + " (" + alarm.sid() + ") of account " + alarm.accountSid() + "\n"
                + "Query: " + alarm.queryType() + alarm.query().map(query -> " " + query).orElse("") + "\n"
                + "Count: " + firing.count() + ", threshold " + firing.triggerValue() + "\n"
                + "Window: " + firing.window().name() + ", " + firing.window().start() + " to " + firing.window().end() + "\n"
                + "Alerts: " + alertsUrl(alarm, firing.window()) + "\n";
        String html = "<p>" + escape(what) + " <b>" + escape(alarm.friendlyName()) + "</b> (" + escape(alarm.sid()) + ") of account "
                + escape(alarm.accountSid()) + "</p><ul><li>Query: " + escape(alarm.queryType() + alarm.query().map(query -> " " + query).orElse(""))
                + "</li><li>Count: " + firing.count() + ", threshold " + firing.triggerValue() + "</li><li>Window: "
                + escape(firing.window().name() + ", " + firing.window().start() + " to " + firing.window().end())
                + "</li></ul><p><a href=\"" + escape(alertsUrl(alarm, firing.window())) + "\">The alerts</a></p>";
        return new NotificationJob.Email(subject, text, html);
    }

    private String alertsUrl(Alarm alarm, Window window) {
        StringBuilder url = new StringBuilder(apiBaseUrl.orElse("")).append("/v1/Alerts?StartDate=").append(encode(window.start().toString()))
                .append("&EndDate=").append(encode(window.end().minusSeconds(1).toString()));
        if (alarm.queryType() == QueryType.ERROR_CODE) {
            url.append("&ErrorCode=").append(encode(alarm.query().orElse("")));
        } else if (alarm.queryType() == QueryType.LOG_LEVEL) {
            url.append("&LogLevel=").append(encode(alarm.query().orElse("")));
        }
        return url.toString();
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;").replace("'", "&#39;");
    }
}
