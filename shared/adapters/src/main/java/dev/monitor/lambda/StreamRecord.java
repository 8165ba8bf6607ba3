package dev.monitor.lambda;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * One record of a DynamoDB stream event as Lambda sends it, its key and new image in the SDK's own attribute values, so
 * that the code that reads an item from the table reads it from the stream too.
 *
 * @param newImage empty for a removal
 */
public record StreamRecord(
        String eventName,
        String sequenceNumber,
        Instant approximateCreation,
        Map<String, AttributeValue> keys,
        Map<String, AttributeValue> newImage) {

    public boolean isInsert() {
        return "INSERT".equals(eventName);
    }

    /** The records of a stream event: {@code {"Records": [{"eventName", "dynamodb": {...}}, ...]}}. */
    public static List<StreamRecord> listFrom(JsonNode event) {
        List<StreamRecord> records = new ArrayList<>();
        for (JsonNode record : event.path("Records")) {
            JsonNode data = record.path("dynamodb");
            records.add(new StreamRecord(
                    record.path("eventName").asText(),
                    data.path("SequenceNumber").asText(),
                    Instant.ofEpochMilli(
                            Math.round(data.path("ApproximateCreationDateTime").asDouble() * 1000)),
                    item(data.path("Keys")),
                    item(data.path("NewImage"))));
        }
        return records;
    }

    private static Map<String, AttributeValue> item(JsonNode json) {
        Map<String, AttributeValue> item = new LinkedHashMap<>();
        json.properties().forEach(field -> item.put(field.getKey(), value(field.getValue())));
        return item;
    }

    /** DynamoDB's JSON form of a value: one field naming its type ({@code {"S": "text"}}, {@code {"N": "12"}}, ...). */
    private static AttributeValue value(JsonNode json) {
        String type = json.fieldNames().hasNext() ? json.fieldNames().next() : "";
        JsonNode value = json.get(type);
        return switch (type) {
            case "S" -> AttributeValue.fromS(value.asText());
            case "N" -> AttributeValue.fromN(value.asText());
            case "B" -> AttributeValue.fromB(bytes(value));
            case "BOOL" -> AttributeValue.fromBool(value.asBoolean());
            case "NULL" -> AttributeValue.fromNul(true);
            case "SS" -> AttributeValue.fromSs(texts(value));
            case "NS" -> AttributeValue.fromNs(texts(value));
            case "BS" ->
                AttributeValue.fromBs(texts(value).stream()
                        .map(text -> SdkBytes.fromByteArray(Base64.getDecoder().decode(text)))
                        .toList());
            case "M" -> AttributeValue.fromM(item(value));
            case "L" -> {
                List<AttributeValue> list = new ArrayList<>();
                value.forEach(element -> list.add(value(element)));
                yield AttributeValue.fromL(list);
            }
            default -> throw new IllegalArgumentException("Not a DynamoDB attribute value: " + json);
        };
    }

    private static SdkBytes bytes(JsonNode base64) {
        return SdkBytes.fromByteArray(Base64.getDecoder().decode(base64.asText()));
    }

    private static List<String> texts(JsonNode array) {
        List<String> texts = new ArrayList<>();
        array.forEach(element -> texts.add(element.asText()));
        return texts;
    }
}
