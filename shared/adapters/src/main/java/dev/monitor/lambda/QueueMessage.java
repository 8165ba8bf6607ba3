package dev.monitor.lambda;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/** One message of an SQS event as Lambda sends it: what the notifier reads of it. */
public record QueueMessage(String messageId, String receiptHandle, String body) {

    /** The messages of an SQS event: {@code {"Records": [{"messageId", "receiptHandle", "body", ...}, ...]}}. */
    public static List<QueueMessage> listFrom(JsonNode event) {
        List<QueueMessage> messages = new ArrayList<>();
        for (JsonNode record : event.path("Records")) {
            messages.add(new QueueMessage(
                    record.path("messageId").asText(),
                    record.path("receiptHandle").asText(),
                    record.path("body").asText()));
        }
        return messages;
    }
}
