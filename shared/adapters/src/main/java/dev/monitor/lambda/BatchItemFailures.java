package dev.monitor.lambda;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.monitor.jackson.Json;
import java.util.Collection;

/**
 * The answer of a function whose event source reports batch item failures: {@code {"batchItemFailures":
 * [{"itemIdentifier": ...}]}}, with a message's id (SQS) or a record's sequence number (streams).
 */
public final class BatchItemFailures {
    private BatchItemFailures() {}

    public static JsonNode of(Collection<String> itemIdentifiers) {
        ObjectNode answer = Json.object();
        ArrayNode failures = answer.putArray("batchItemFailures");
        itemIdentifiers.forEach(identifier -> failures.addObject().put("itemIdentifier", identifier));
        return answer;
    }
}
