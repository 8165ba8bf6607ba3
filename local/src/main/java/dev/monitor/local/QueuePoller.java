package dev.monitor.local;

import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.DeleteMessageBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageAttributeValue;

/**
 * An SQS event source mapping: long-polls the queue, hands the messages to the function and deletes those it handled.
 * Messages left undeleted come back after the queue's visibility timeout, and go to its dead-letter queue once they
 * have been received maxReceiveCount times.
 */
final class QueuePoller implements PollingLoop.Poll {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int LONG_POLL_SECONDS = 1;
    private static final int MAX_MESSAGES_PER_RECEIVE = 10;

    private final LambdaFunction function;
    private final EventSource.Queue source;
    private final String queueUrl;
    private final SqsClient sqs;

    QueuePoller(LambdaFunction function, EventSource.Queue source, String queueUrl, SqsClient sqs) {
        this.function = function;
        this.source = source;
        this.queueUrl = queueUrl;
        this.sqs = sqs;
    }

    @Override
    public boolean poll() {
        List<Message> received = sqs.receiveMessage(request -> request.queueUrl(queueUrl)
                .maxNumberOfMessages(Math.min(source.batchSize(), MAX_MESSAGES_PER_RECEIVE))
                .waitTimeSeconds(LONG_POLL_SECONDS)
                .messageSystemAttributeNamesWithStrings("All")
                .messageAttributeNames("All")).messages();
        if (received.isEmpty()) {
            return false;
        }
        // Lambda deletes the messages that no filter lets through.
        Map<Boolean, List<Message>> byFilters = received.stream().collect(Collectors.partitioningBy(this::passesFilters));
        List<Message> handled = new ArrayList<>(byFilters.get(false));
        List<Message> batch = byFilters.get(true);
        if (!batch.isEmpty()) {
            Set<String> failed = invoke(batch);
            batch.stream().filter(message -> !failed.contains(message.messageId())).forEach(handled::add);
        }
        delete(handled);
        return true;
    }

    /** Returns the IDs of the messages to leave on the queue. */
    private Set<String> invoke(List<Message> batch) {
        Set<String> all = batch.stream().map(Message::messageId).collect(Collectors.toSet());
        Object response;
        try {
            response = function.invoke(event(batch));
        } catch (Exception e) {
            Log.error("Function " + function.name() + " failed on " + batch.size() + " messages", e);
            return all;
        }
        if (!source.reportBatchItemFailures() || !(response instanceof SQSBatchResponse batchResponse)
                || batchResponse.getBatchItemFailures() == null) {
            return Set.of();
        }
        Set<String> failed = batchResponse.getBatchItemFailures().stream()
                .map(SQSBatchResponse.BatchItemFailure::getItemIdentifier)
                .collect(Collectors.toSet());
        // As in Lambda, an identifier that names no message of the batch fails the whole batch.
        return all.containsAll(failed) ? failed : all;
    }

    private void delete(List<Message> messages) {
        if (messages.isEmpty()) {
            return;
        }
        List<DeleteMessageBatchRequestEntry> entries = new ArrayList<>();
        for (int i = 0; i < messages.size(); i++) {
            entries.add(DeleteMessageBatchRequestEntry.builder().id(Integer.toString(i))
                    .receiptHandle(messages.get(i).receiptHandle()).build());
        }
        sqs.deleteMessageBatch(request -> request.queueUrl(queueUrl).entries(entries));
    }

    private SQSEvent event(List<Message> batch) {
        SQSEvent event = new SQSEvent();
        event.setRecords(batch.stream().map(this::lambdaMessage).toList());
        return event;
    }

    private SQSEvent.SQSMessage lambdaMessage(Message message) {
        SQSEvent.SQSMessage converted = new SQSEvent.SQSMessage();
        converted.setMessageId(message.messageId());
        converted.setReceiptHandle(message.receiptHandle());
        converted.setBody(message.body());
        converted.setMd5OfBody(message.md5OfBody());
        converted.setMd5OfMessageAttributes(message.md5OfMessageAttributes());
        converted.setAttributes(message.attributesAsStrings());
        Map<String, SQSEvent.MessageAttribute> attributes = new LinkedHashMap<>();
        message.messageAttributes().forEach((name, value) -> attributes.put(name, lambdaAttribute(value)));
        converted.setMessageAttributes(attributes);
        converted.setEventSource("aws:sqs");
        converted.setEventSourceArn(source.queueArn());
        converted.setAwsRegion(function.region());
        return converted;
    }

    private static SQSEvent.MessageAttribute lambdaAttribute(MessageAttributeValue value) {
        SQSEvent.MessageAttribute converted = new SQSEvent.MessageAttribute();
        converted.setDataType(value.dataType());
        converted.setStringValue(value.stringValue());
        converted.setBinaryValue(value.binaryValue() == null ? null : value.binaryValue().asByteBuffer());
        converted.setStringListValues(value.stringListValues());
        converted.setBinaryListValues(value.binaryListValues().stream().map(SdkBytes::asByteBuffer).toList());
        return converted;
    }

    /** Filters see the message as Lambda's event has it, with a JSON body parsed so patterns can reach into it. */
    private boolean passesFilters(Message message) {
        if (source.filters().isEmpty()) {
            return true;
        }
        ObjectNode view = JSON.createObjectNode()
                .put("messageId", message.messageId())
                .put("eventSource", "aws:sqs")
                .put("eventSourceARN", source.queueArn())
                .put("awsRegion", function.region());
        view.set("body", body(message.body()));
        view.set("attributes", JSON.valueToTree(message.attributesAsStrings()));
        ObjectNode attributes = view.putObject("messageAttributes");
        message.messageAttributes().forEach((name, value) -> attributes.putObject(name)
                .put("dataType", value.dataType()).put("stringValue", value.stringValue()));
        return source.filters().stream().anyMatch(filter -> filter.matches(view));
    }

    private static JsonNode body(String body) {
        try {
            JsonNode parsed = JSON.readTree(body);
            return parsed != null && parsed.isObject() ? parsed : JSON.getNodeFactory().textNode(body);
        } catch (Exception e) {
            return JSON.getNodeFactory().textNode(body);
        }
    }
}
