package dev.monitor.local;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.Record;
import software.amazon.awssdk.services.dynamodb.model.StreamRecord;

/** DynamoDB Streams records as Lambda hands them to a function, and as its filter patterns see them. */
final class StreamRecords {
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private StreamRecords() {}

    /** The event Lambda sends a function for a batch of the stream's records. */
    static ObjectNode event(List<Record> records, String streamArn) {
        ObjectNode event = JSON.objectNode();
        ArrayNode array = event.putArray("Records");
        records.forEach(record -> array.add(record(record, streamArn)));
        return event;
    }

    /** A record as Lambda's event has it, which is also what {@code FilterCriteria} patterns are matched on. */
    static ObjectNode record(Record record, String streamArn) {
        StreamRecord data = record.dynamodb();
        ObjectNode dynamodb = JSON.objectNode()
                .put(
                        "ApproximateCreationDateTime",
                        data.approximateCreationDateTime().getEpochSecond())
                .put("SequenceNumber", data.sequenceNumber())
                .put("SizeBytes", data.sizeBytes())
                .put("StreamViewType", data.streamViewTypeAsString());
        dynamodb.set("Keys", json(data.keys()));
        if (data.hasNewImage()) {
            dynamodb.set("NewImage", json(data.newImage()));
        }
        if (data.hasOldImage()) {
            dynamodb.set("OldImage", json(data.oldImage()));
        }
        ObjectNode view = JSON.objectNode()
                .put("eventID", record.eventID())
                .put("eventName", record.eventNameAsString())
                .put("eventVersion", record.eventVersion())
                .put("eventSource", record.eventSource())
                .put("awsRegion", record.awsRegion())
                .put("eventSourceARN", streamArn);
        view.set("dynamodb", dynamodb);
        return view;
    }

    private static ObjectNode json(Map<String, AttributeValue> item) {
        ObjectNode converted = JSON.objectNode();
        item.forEach((name, value) -> converted.set(name, json(value)));
        return converted;
    }

    private static ObjectNode json(AttributeValue value) {
        ObjectNode converted = JSON.objectNode();
        switch (value.type()) {
            case S -> converted.put("S", value.s());
            case N -> converted.put("N", value.n());
            case B -> converted.put("B", base64(value.b()));
            case SS -> value.ss().forEach(converted.putArray("SS")::add);
            case NS -> value.ns().forEach(converted.putArray("NS")::add);
            case BS -> {
                ArrayNode set = converted.putArray("BS");
                value.bs().forEach(bytes -> set.add(base64(bytes)));
            }
            case M -> converted.set("M", json(value.m()));
            case L -> {
                ArrayNode list = converted.putArray("L");
                value.l().forEach(element -> list.add(json(element)));
            }
            case BOOL -> converted.put("BOOL", value.bool());
            case NUL -> converted.put("NULL", true);
            default -> throw new IllegalArgumentException("Unknown DynamoDB attribute type: " + value);
        }
        return converted;
    }

    private static String base64(SdkBytes bytes) {
        return Base64.getEncoder().encodeToString(bytes.asByteArray());
    }
}
