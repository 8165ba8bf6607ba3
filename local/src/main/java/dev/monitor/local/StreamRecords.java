package dev.monitor.local;

import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.models.dynamodb.StreamViewType;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Base64;
import java.util.Date;
import java.util.LinkedHashMap;
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

    static DynamodbEvent event(List<Record> records, String streamArn) {
        DynamodbEvent event = new DynamodbEvent();
        event.setRecords(records.stream().map(record -> lambdaRecord(record, streamArn)).toList());
        return event;
    }

    /** The record's JSON in the event Lambda sends, which is what {@code FilterCriteria} patterns are matched on. */
    static JsonNode filterView(Record record, String streamArn) {
        StreamRecord data = record.dynamodb();
        ObjectNode dynamodb = JSON.objectNode()
                .put("ApproximateCreationDateTime", data.approximateCreationDateTime().getEpochSecond())
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

    private static DynamodbEvent.DynamodbStreamRecord lambdaRecord(Record record, String streamArn) {
        StreamRecord data = record.dynamodb();
        com.amazonaws.services.lambda.runtime.events.models.dynamodb.StreamRecord lambdaData =
                new com.amazonaws.services.lambda.runtime.events.models.dynamodb.StreamRecord();
        lambdaData.setApproximateCreationDateTime(Date.from(data.approximateCreationDateTime()));
        lambdaData.setKeys(lambda(data.keys()));
        if (data.hasNewImage()) {
            lambdaData.setNewImage(lambda(data.newImage()));
        }
        if (data.hasOldImage()) {
            lambdaData.setOldImage(lambda(data.oldImage()));
        }
        lambdaData.setSequenceNumber(data.sequenceNumber());
        lambdaData.setSizeBytes(data.sizeBytes());
        lambdaData.setStreamViewType(StreamViewType.fromValue(data.streamViewTypeAsString()));
        DynamodbEvent.DynamodbStreamRecord lambdaRecord = new DynamodbEvent.DynamodbStreamRecord();
        lambdaRecord.setEventID(record.eventID());
        lambdaRecord.setEventName(record.eventNameAsString());
        lambdaRecord.setEventVersion(record.eventVersion());
        lambdaRecord.setEventSource(record.eventSource());
        lambdaRecord.setAwsRegion(record.awsRegion());
        lambdaRecord.setDynamodb(lambdaData);
        lambdaRecord.setEventSourceARN(streamArn);
        return lambdaRecord;
    }

    private static Map<String, com.amazonaws.services.lambda.runtime.events.models.dynamodb.AttributeValue> lambda(
            Map<String, AttributeValue> item) {
        Map<String, com.amazonaws.services.lambda.runtime.events.models.dynamodb.AttributeValue> converted = new LinkedHashMap<>();
        item.forEach((name, value) -> converted.put(name, lambda(value)));
        return converted;
    }

    private static com.amazonaws.services.lambda.runtime.events.models.dynamodb.AttributeValue lambda(AttributeValue value) {
        var converted = new com.amazonaws.services.lambda.runtime.events.models.dynamodb.AttributeValue();
        switch (value.type()) {
            case S -> converted.setS(value.s());
            case N -> converted.setN(value.n());
            case B -> converted.setB(value.b().asByteBuffer());
            case SS -> converted.setSS(value.ss());
            case NS -> converted.setNS(value.ns());
            case BS -> converted.setBS(value.bs().stream().map(SdkBytes::asByteBuffer).toList());
            case M -> converted.setM(lambda(value.m()));
            case L -> converted.setL(value.l().stream().map(StreamRecords::lambda).toList());
            case BOOL -> converted.setBOOL(value.bool());
            case NUL -> converted.setNULL(true);
            default -> throw new IllegalArgumentException("Unknown DynamoDB attribute type: " + value);
        }
        return converted;
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
