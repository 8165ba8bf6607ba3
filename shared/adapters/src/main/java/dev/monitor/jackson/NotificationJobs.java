package dev.monitor.jackson;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.monitor.notify.NotificationJob;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/** The wire form of a {@link NotificationJob} on the queue: one JSON object, read back exactly. */
public final class NotificationJobs {
    private NotificationJobs() {}

    public static String toJson(NotificationJob job) {
        ObjectNode json = Json.object();
        json.put("job_id", job.jobId());
        json.put("account_sid", job.accountSid());
        ObjectNode source = json.putObject("source");
        source.put("type", job.source().type().name().toLowerCase(Locale.ROOT));
        source.put("sid", job.source().sid());
        json.put("channel", job.channel().name().toLowerCase(Locale.ROOT));
        json.put("destination", job.destination());
        ObjectNode content = json.putObject("content");
        if (job.content() instanceof NotificationJob.StandardWebhook webhook) {
            content.put("format", "standard-webhook");
            content.put("type", webhook.type());
            content.put("timestamp", webhook.timestamp().toString());
            content.set("data", Json.node(webhook.data()));
        } else if (job.content() instanceof NotificationJob.TwilioCallback callback) {
            content.put("format", "twilio-callback");
            content.put("method", callback.method());
            ObjectNode parameters = content.putObject("parameters");
            callback.parameters().forEach(parameters::put);
        } else if (job.content() instanceof NotificationJob.Email email) {
            content.put("format", "email");
            content.put("subject", email.subject());
            content.put("text", email.text());
            content.put("html", email.html());
        }
        json.put("created_at", job.createdAt().toString());
        return Json.write(json);
    }

    /** Throws {@link IllegalArgumentException} for a message that is not a job. */
    public static NotificationJob fromJson(String text) {
        try {
            JsonNode json = Json.parse(text);
            JsonNode content = json.required("content");
            return new NotificationJob(
                    json.required("job_id").asText(),
                    json.required("account_sid").asText(),
                    new NotificationJob.Source(
                            NotificationJob.SourceType.valueOf(json.required("source")
                                    .required("type")
                                    .asText()
                                    .toUpperCase(Locale.ROOT)),
                            json.required("source").required("sid").asText()),
                    NotificationJob.Channel.valueOf(
                            json.required("channel").asText().toUpperCase(Locale.ROOT)),
                    json.required("destination").asText(),
                    content(content),
                    Instant.parse(json.required("created_at").asText()));
        } catch (JsonProcessingException | RuntimeException e) {
            throw new IllegalArgumentException("Not a notification job: " + e.getMessage(), e);
        }
    }

    private static NotificationJob.Content content(JsonNode content) {
        String format = content.required("format").asText();
        switch (format) {
            case "standard-webhook" -> {
                return new NotificationJob.StandardWebhook(
                        content.required("type").asText(),
                        Instant.parse(content.required("timestamp").asText()),
                        Json.raw(content.required("data")));
            }
            case "twilio-callback" -> {
                Map<String, String> parameters = new LinkedHashMap<>();
                content.required("parameters")
                        .properties()
                        .forEach(field ->
                                parameters.put(field.getKey(), field.getValue().asText()));
                return new NotificationJob.TwilioCallback(
                        content.required("method").asText(), parameters);
            }
            case "email" -> {
                return new NotificationJob.Email(
                        content.required("subject").asText(),
                        content.required("text").asText(),
                        content.required("html").asText());
            }
            default -> throw new IllegalArgumentException("Unknown content format " + format);
        }
    }
}
