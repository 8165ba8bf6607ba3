package dev.monitor.notify;

import dev.monitor.crypto.Secrets;
import dev.monitor.json.RawJson;
import java.time.Instant;
import java.util.Map;

/**
 * One notification to deliver on one channel: what every producer (alarms, usage triggers, tests,
 * manual retries) puts on the notifications queue, and what the notifier delivers.
 *
 * @param jobId the same across every retry of this delivery, so the notifier can deliver it once;
 *     producers derive it from what the notification is about (see {@link #jobId})
 * @param accountSid whose notification this is; its signing secret or auth token signs webhooks
 * @param source what fired
 * @param destination an email address or a webhook URL, as {@code channel} says
 */
public record NotificationJob(
        String jobId,
        String accountSid,
        Source source,
        Channel channel,
        String destination,
        Content content,
        Instant createdAt) {

    /**
     * A job id that every producer computes the same way from what the notification is about (for
     * example an alarm's Sid and the window that fired), so a producer that runs twice queues the
     * same job and the notifier delivers it once.
     */
    public static String jobId(String occurrence, Channel channel, String destination) {
        return "NJ"
                + Secrets.sha256Hex(occurrence + "\n" + channel + "\n" + destination)
                        .substring(0, 32);
    }

    public enum Channel {
        EMAIL,
        WEBHOOK
    }

    public enum SourceType {
        ALARM,
        USAGE_TRIGGER,
        /** A Connect app's deauthorize callback. */
        CONNECT_APP
    }

    /** What fired: an alarm ({@code AL…}), a usage trigger ({@code UT…}) or a Connect app ({@code CN…}), by Sid. */
    public record Source(SourceType type, String sid) {}

    /** What to send; the channel decides how. */
    public sealed interface Content {}

    /**
     * A JSON webhook signed per Standard Webhooks: the body is
     * {@code {"type": type, "timestamp": timestamp, "data": data}}.
     */
    public record StandardWebhook(String type, Instant timestamp, RawJson data) implements Content {}

    /**
     * A Twilio-style callback: form parameters sent by {@code method} (GET or POST) and signed with
     * {@code X-Twilio-Signature} under the account's auth token.
     */
    public record TwilioCallback(String method, Map<String, String> parameters) implements Content {}

    /** An email with a plain-text and an HTML part. */
    public record Email(String subject, String text, String html) implements Content {}
}
