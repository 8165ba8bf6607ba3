package dev.monitor.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.DeleteMessageBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageAttributeValue;

/**
 * An SQS event source mapping: long-polls the queue, hands the messages to the function and deletes those it handled.
 * Messages left undeleted come back after the queue's visibility timeout, and go to its dead-letter queue once they
 * have been received maxReceiveCount times. As Lambda scales out, batches are handled concurrently, up to the
 * mapping's maximum concurrency: a batch that waits on a slow receiver does not hold up the next.
 */
final class QueuePoller implements PollingLoop.Poll, AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int LONG_POLL_SECONDS = 1;
    private static final int MAX_MESSAGES_PER_RECEIVE = 10;

    private final LambdaFunction function;
    private final EventSource.Queue source;
    private final String queueUrl;
    private final SqsClient sqs;
    private final Semaphore freeInvocations;
    private final ExecutorService invocations;

    QueuePoller(LambdaFunction function, EventSource.Queue source, String queueUrl, SqsClient sqs) {
        this.function = function;
        this.source = source;
        this.queueUrl = queueUrl;
        this.sqs = sqs;
        int concurrency = Math.max(1, source.maximumConcurrency());
        this.freeInvocations = new Semaphore(concurrency);
        AtomicInteger threads = new AtomicInteger();
        this.invocations = Executors.newFixedThreadPool(concurrency, runnable -> {
            Thread thread = new Thread(runnable, function.name() + "-batch-" + threads.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
    }

    /** Receives a batch once an invocation is free, and hands it to one; messages wait on the queue meanwhile. */
    @Override
    public boolean poll() throws InterruptedException {
        freeInvocations.acquire();
        List<Message> received;
        try {
            received = receive();
        } catch (RuntimeException e) {
            freeInvocations.release();
            throw e;
        }
        if (received.isEmpty()) {
            freeInvocations.release();
            return false;
        }
        invocations.execute(() -> {
            try {
                handle(received);
            } catch (RuntimeException e) {
                Log.error("Function " + function.name() + ": settling " + received.size() + " messages failed", e);
            } finally {
                freeInvocations.release();
            }
        });
        return true;
    }

    @Override
    public void close() throws InterruptedException {
        invocations.shutdownNow();
        invocations.awaitTermination(10, TimeUnit.SECONDS);
    }

    private List<Message> receive() {
        return sqs.receiveMessage(request -> request.queueUrl(queueUrl)
                        .maxNumberOfMessages(Math.min(source.batchSize(), MAX_MESSAGES_PER_RECEIVE))
                        .waitTimeSeconds(LONG_POLL_SECONDS)
                        .messageSystemAttributeNamesWithStrings("All")
                        .messageAttributeNames("All"))
                .messages();
    }

    private void handle(List<Message> received) {
        // Lambda deletes the messages that no filter lets through.
        Map<Boolean, List<Message>> byFilters =
                received.stream().collect(Collectors.partitioningBy(this::passesFilters));
        List<Message> handled = new ArrayList<>(byFilters.get(false));
        List<Message> batch = byFilters.get(true);
        if (!batch.isEmpty()) {
            Set<String> failed = invoke(batch);
            batch.stream()
                    .filter(message -> !failed.contains(message.messageId()))
                    .forEach(handled::add);
        }
        delete(handled);
    }

    /** Returns the IDs of the messages to leave on the queue. */
    private Set<String> invoke(List<Message> batch) {
        Set<String> all = batch.stream().map(Message::messageId).collect(Collectors.toSet());
        JsonNode response;
        try {
            response = function.invoke(event(batch));
        } catch (Exception e) {
            Log.error("Function " + function.name() + " failed on " + batch.size() + " messages", e);
            return all;
        }
        if (!source.reportBatchItemFailures()) {
            return Set.of();
        }
        Set<String> failed = new HashSet<>();
        response.path("batchItemFailures")
                .forEach(failure -> failed.add(failure.path("itemIdentifier").asText(null)));
        // As in Lambda, an identifier that names no message of the batch fails the whole batch.
        return all.containsAll(failed) ? failed : all;
    }

    private void delete(List<Message> messages) {
        if (messages.isEmpty()) {
            return;
        }
        List<DeleteMessageBatchRequestEntry> entries = new ArrayList<>();
        for (int i = 0; i < messages.size(); i++) {
            entries.add(DeleteMessageBatchRequestEntry.builder()
                    .id(Integer.toString(i))
                    .receiptHandle(messages.get(i).receiptHandle())
                    .build());
        }
        sqs.deleteMessageBatch(request -> request.queueUrl(queueUrl).entries(entries));
    }

    /** The event Lambda sends a function for a batch of the queue's messages. */
    private ObjectNode event(List<Message> batch) {
        ObjectNode event = JSON.createObjectNode();
        ArrayNode records = event.putArray("Records");
        batch.forEach(message -> records.add(record(message)));
        return event;
    }

    private ObjectNode record(Message message) {
        ObjectNode record = JSON.createObjectNode()
                .put("messageId", message.messageId())
                .put("receiptHandle", message.receiptHandle())
                .put("body", message.body());
        ObjectNode attributes = record.putObject("attributes");
        message.attributesAsStrings().forEach(attributes::put);
        ObjectNode messageAttributes = record.putObject("messageAttributes");
        message.messageAttributes()
                .forEach((name, value) -> messageAttribute(messageAttributes.putObject(name), value));
        record.put("md5OfBody", message.md5OfBody());
        if (message.md5OfMessageAttributes() != null) {
            record.put("md5OfMessageAttributes", message.md5OfMessageAttributes());
        }
        return record.put("eventSource", "aws:sqs")
                .put("eventSourceARN", source.queueArn())
                .put("awsRegion", function.region());
    }

    /** As Lambda writes a message attribute: its type and value, binary values in base64. */
    private static void messageAttribute(ObjectNode converted, MessageAttributeValue value) {
        converted.put("dataType", value.dataType());
        if (value.stringValue() != null) {
            converted.put("stringValue", value.stringValue());
        }
        if (value.binaryValue() != null) {
            converted.put(
                    "binaryValue",
                    Base64.getEncoder().encodeToString(value.binaryValue().asByteArray()));
        }
        ArrayNode strings = converted.putArray("stringListValues");
        value.stringListValues().forEach(strings::add);
        ArrayNode binaries = converted.putArray("binaryListValues");
        value.binaryListValues()
                .forEach(bytes -> binaries.add(Base64.getEncoder().encodeToString(bytes.asByteArray())));
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
        message.messageAttributes()
                .forEach((name, value) -> attributes
                        .putObject(name)
                        .put("dataType", value.dataType())
                        .put("stringValue", value.stringValue()));
        return source.filters().stream().anyMatch(filter -> filter.matches(view));
    }

    private static JsonNode body(String body) {
        try {
            JsonNode parsed = JSON.readTree(body);
            return parsed != null && parsed.isObject()
                    ? parsed
                    : JSON.getNodeFactory().textNode(body);
        } catch (Exception e) {
            return JSON.getNodeFactory().textNode(body);
        }
    }
}
