package dev.monitor.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import software.amazon.awssdk.services.dynamodb.model.ExpiredIteratorException;
import software.amazon.awssdk.services.dynamodb.model.GetRecordsResponse;
import software.amazon.awssdk.services.dynamodb.model.Record;
import software.amazon.awssdk.services.dynamodb.model.Shard;
import software.amazon.awssdk.services.dynamodb.model.ShardIteratorType;
import software.amazon.awssdk.services.dynamodb.model.StreamDescription;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * A DynamoDB event source mapping: reads a table's stream shard by shard, parents before children, keeps the records
 * that pass the filters and hands them to the function in batches, retrying from the first failed record.
 */
final class StreamPoller implements PollingLoop.Poll {
    private static final ObjectMapper JSON = new ObjectMapper();
    /**
     * How often the stream is described while every shard is still open: a new shard comes when one is closed, and a
     * shard read to its end has it looked for at once. Describing on every poll took the idle stack from 38 % to 63 %
     * of a core.
     */
    private static final long DISCOVERY_INTERVAL_NANOS = Duration.ofSeconds(1).toNanos();

    private final LambdaFunction function;
    private final EventSource.Stream source;
    private final ShardIteratorType startingPosition;
    private final Optional<String> onFailureQueueUrl;
    private final DynamoDbStreamsClient streams;
    private final SqsClient sqs;
    private final Map<String, ShardReader> readers = new LinkedHashMap<>();
    private final Set<String> finishedShards = new HashSet<>();
    private boolean startingShardsSeen;
    private boolean shardEnded = true;
    private long nextDiscovery;

    /** {@code startingPosition}: LATEST or TRIM_HORIZON, for the shards there at start. */
    StreamPoller(
            LambdaFunction function,
            EventSource.Stream source,
            ShardIteratorType startingPosition,
            Optional<String> onFailureQueueUrl,
            DynamoDbStreamsClient streams,
            SqsClient sqs) {
        this.function = function;
        this.source = source;
        this.startingPosition = startingPosition;
        this.onFailureQueueUrl = onFailureQueueUrl;
        this.streams = streams;
        this.sqs = sqs;
    }

    @Override
    public boolean poll() throws Exception {
        long now = System.nanoTime();
        if (shardEnded || readers.isEmpty() || now - nextDiscovery >= 0) {
            discoverShards();
            shardEnded = false;
            nextDiscovery = now + DISCOVERY_INTERVAL_NANOS;
        }
        boolean foundWork = false;
        for (Iterator<ShardReader> open = readers.values().iterator(); open.hasNext(); ) {
            ShardReader reader = open.next();
            foundWork |= reader.step();
            if (reader.finished()) {
                finishedShards.add(reader.shardId);
                open.remove();
                shardEnded = true;
            }
        }
        return foundWork;
    }

    private void discoverShards() {
        List<Shard> shards = new ArrayList<>();
        String after = null;
        do {
            String exclusiveStart = after;
            StreamDescription stream = streams.describeStream(
                            request -> request.streamArn(source.streamArn()).exclusiveStartShardId(exclusiveStart))
                    .streamDescription();
            shards.addAll(stream.shards());
            after = stream.lastEvaluatedShardId();
        } while (after != null);
        Set<String> existing = new HashSet<>();
        shards.forEach(shard -> existing.add(shard.shardId()));
        for (Shard shard : shards) {
            String id = shard.shardId();
            String parent = shard.parentShardId();
            boolean parentUnread = parent != null && existing.contains(parent) && !finishedShards.contains(parent);
            if (readers.containsKey(id) || finishedShards.contains(id) || parentUnread) {
                continue;
            }
            // StartingPosition applies to the shards there at start; shards that come later are read from their
            // beginning.
            boolean fromLatest = !startingShardsSeen && startingPosition == ShardIteratorType.LATEST;
            boolean closed = shard.sequenceNumberRange().endingSequenceNumber() != null;
            if (fromLatest && closed) {
                finishedShards.add(id);
            } else {
                readers.put(
                        id,
                        new ShardReader(id, fromLatest ? ShardIteratorType.LATEST : ShardIteratorType.TRIM_HORIZON));
            }
        }
        startingShardsSeen = true;
    }

    private final class ShardReader {
        private final String shardId;
        private final ShardIteratorType start;
        private final Deque<Record> pending = new ArrayDeque<>();
        private String iterator;
        private String lastReadSequenceNumber;
        private int failedAttempts;

        ShardReader(String shardId, ShardIteratorType start) {
            this.shardId = shardId;
            this.start = start;
            this.iterator = newIterator();
        }

        boolean finished() {
            return pending.isEmpty() && iterator == null;
        }

        boolean step() {
            if (pending.isEmpty()) {
                if (iterator == null) {
                    return false;
                }
                GetRecordsResponse response;
                try {
                    response = streams.getRecords(
                            request -> request.shardIterator(iterator).limit(1000));
                } catch (ExpiredIteratorException e) {
                    iterator = newIterator();
                    return true;
                }
                iterator = response.nextShardIterator();
                for (Record record : response.records()) {
                    lastReadSequenceNumber = record.dynamodb().sequenceNumber();
                    if (passesFilters(record)) {
                        pending.add(record);
                    }
                }
                if (pending.isEmpty()) {
                    return !response.records().isEmpty();
                }
            }
            return deliverBatch();
        }

        /** Returns whether the batch is behind us (handled, or given up on); false waits a poll before the retry. */
        private boolean deliverBatch() {
            List<Record> batch = pending.stream().limit(source.batchSize()).toList();
            int firstFailed;
            boolean functionError = false;
            try {
                JsonNode response = function.invoke(StreamRecords.event(batch, source.streamArn()));
                firstFailed = source.reportBatchItemFailures() ? firstFailed(batch, response) : batch.size();
            } catch (Exception e) {
                Log.error("Function " + function.name() + " failed on " + batch.size() + " stream records", e);
                firstFailed = 0;
                functionError = true;
            }
            for (int i = 0; i < firstFailed; i++) {
                pending.removeFirst();
            }
            if (firstFailed == batch.size()) {
                failedAttempts = 0;
                return true;
            }
            failedAttempts++;
            int maximumRetries = source.maximumRetryAttempts();
            if (maximumRetries < 0 || failedAttempts <= maximumRetries) {
                return false;
            }
            List<Record> givenUp = batch.subList(firstFailed, batch.size());
            givenUp.forEach(record -> pending.removeFirst());
            reportFailure(givenUp, functionError);
            failedAttempts = 0;
            return true;
        }

        /** Lambda retries from the earliest failed record; an identifier it cannot find fails the whole batch. */
        private int firstFailed(List<Record> batch, JsonNode response) {
            int first = batch.size();
            for (JsonNode failure : response.path("batchItemFailures")) {
                String identifier = failure.path("itemIdentifier").asText(null);
                int index = -1;
                for (int i = 0; i < batch.size() && index < 0; i++) {
                    if (batch.get(i).dynamodb().sequenceNumber().equals(identifier)) {
                        index = i;
                    }
                }
                if (index < 0) {
                    return 0;
                }
                first = Math.min(first, index);
            }
            return first;
        }

        /** What Lambda sends to an OnFailure destination: where the records are, not the records themselves. */
        private void reportFailure(List<Record> records, boolean functionError) {
            String first = records.get(0).dynamodb().sequenceNumber();
            String last = records.get(records.size() - 1).dynamodb().sequenceNumber();
            if (onFailureQueueUrl.isEmpty()) {
                Log.info("Function " + function.name() + ": gave up on stream records " + first + " to " + last
                        + " of shard " + shardId);
                return;
            }
            Map<String, Object> responseContext = new LinkedHashMap<>();
            responseContext.put("statusCode", 200);
            responseContext.put("executedVersion", "$LATEST");
            if (functionError) {
                responseContext.put("functionError", "Unhandled");
            }
            Map<String, Object> batchInfo = new LinkedHashMap<>();
            batchInfo.put("shardId", shardId);
            batchInfo.put("startSequenceNumber", first);
            batchInfo.put("endSequenceNumber", last);
            batchInfo.put(
                    "approximateArrivalOfFirstRecord",
                    records.get(0).dynamodb().approximateCreationDateTime().toString());
            batchInfo.put(
                    "approximateArrivalOfLastRecord",
                    records.get(records.size() - 1)
                            .dynamodb()
                            .approximateCreationDateTime()
                            .toString());
            batchInfo.put("batchSize", records.size());
            batchInfo.put("streamArn", source.streamArn());
            Map<String, Object> message = new LinkedHashMap<>();
            message.put(
                    "requestContext",
                    Map.of(
                            "requestId",
                            UUID.randomUUID().toString(),
                            "functionArn",
                            function.arn(),
                            "condition",
                            "RetryAttemptsExhausted",
                            "approximateInvokeCount",
                            failedAttempts));
            message.put("responseContext", responseContext);
            message.put("version", "1.0");
            message.put("timestamp", Instant.now().toString());
            message.put("DDBStreamBatchInfo", batchInfo);
            try {
                String body = JSON.writeValueAsString(message);
                sqs.sendMessage(
                        request -> request.queueUrl(onFailureQueueUrl.get()).messageBody(body));
            } catch (Exception e) {
                Log.error(
                        "Function " + function.name() + ": could not send a failed batch to its OnFailure destination",
                        e);
            }
        }

        private boolean passesFilters(Record record) {
            if (source.filters().isEmpty()) {
                return true;
            }
            JsonNode view = StreamRecords.record(record, source.streamArn());
            return source.filters().stream().anyMatch(filter -> filter.matches(view));
        }

        private String newIterator() {
            return streams.getShardIterator(request -> {
                        request.streamArn(source.streamArn()).shardId(shardId);
                        if (lastReadSequenceNumber != null) {
                            request.shardIteratorType(ShardIteratorType.AFTER_SEQUENCE_NUMBER)
                                    .sequenceNumber(lastReadSequenceNumber);
                        } else {
                            request.shardIteratorType(start);
                        }
                    })
                    .shardIterator();
        }
    }
}
