package dev.monitor.bench;

import com.fasterxml.jackson.databind.JsonNode;
import dev.monitor.aws.AwsClients;
import dev.monitor.config.AwsSettings;
import dev.monitor.config.Environment;
import dev.monitor.dynamo.BatchWriter;
import dev.monitor.local.LocalStack;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Events per second through the api handler ({@code POST /v1/Events}, 100 events a request) against the floor: the
 * items the handler writes for the same request bodies, written with bare BatchWriteItem calls, 25 items each, from as
 * many threads, into the same table. After both sides have warmed up, rounds alternate which side goes first.
 *
 * <p>The baseline's items are recorded beforehand, off the clock, from another instance of the handler serving the
 * same bodies for another account against a scratch copy of the table; so they differ from the measured side's only in
 * the account and the Sids, and both sides insert new items into the one table. (Timing
 * the baseline on a copy of the table would not be fair: DynamoDB Local writes to some tables with streams several
 * times slower than to others of the same definition.)
 */
final class IngestBenchmark {
    static final int THREADS = 2;
    static final int EVENTS_PER_REQUEST = 100;
    private static final int WARM_UP_REQUESTS = 60;
    private static final int ROUNDS = 6;
    private static final int REQUESTS_PER_ROUND = 120;

    /**
     * Both sides' figures; {@code handlerCalls} and {@code baselineCalls} are their DynamoDB calls, so that the time a
     * handler spends on anything but writing shows.
     */
    record Result(
            int threads,
            int rounds,
            int requestsPerSide,
            Duration handlerTime,
            Duration baselineTime,
            List<Double> roundRatios,
            Map<String, DynamoCallTimer.Calls> handlerCalls,
            Map<String, DynamoCallTimer.Calls> baselineCalls) {
        long eventsPerSide() {
            return (long) requestsPerSide * EVENTS_PER_REQUEST;
        }

        double handlerEventsPerSecond() {
            return eventsPerSide() / seconds(handlerTime);
        }

        double baselineEventsPerSecond() {
            return eventsPerSide() / seconds(baselineTime);
        }

        double ratio() {
            return handlerEventsPerSecond() / baselineEventsPerSecond();
        }

        /** The busy time of the threads, per request of {@value #EVENTS_PER_REQUEST} events. */
        Duration handlerTimePerRequest() {
            return handlerTime.multipliedBy(threads).dividedBy(requestsPerSide);
        }

        Duration baselineTimePerRequest() {
            return baselineTime.multipliedBy(threads).dividedBy(requestsPerSide);
        }

        private static double seconds(Duration duration) {
            return duration.toNanos() / 1e9;
        }
    }

    /** A round's requests: those measured, and the same bodies for the instance that records the baseline's items. */
    private record Round(List<JsonNode> measured, List<JsonNode> recorded) {}

    private IngestBenchmark() {}

    static Result run(LocalStack stack, Map<String, String> apiEnvironment) {
        String table = apiEnvironment.get("MONITOR_TABLE");
        Map<String, String> scratchEnvironment = new HashMap<>(apiEnvironment);
        scratchEnvironment.put("MONITOR_TABLE", TableCopy.create(stack.dynamoDb(), table, table + "-ingest-scratch"));
        BatchWriteRecorder recorder = new BatchWriteRecorder();
        List<InProcessApi> recording = IntStream.range(0, THREADS)
                .mapToObj(i -> InProcessApi.start(scratchEnvironment, recorder))
                .toList();
        DynamoCallTimer handlerCalls = new DynamoCallTimer();
        DynamoCallTimer baselineCalls = new DynamoCallTimer();
        List<InProcessApi> apis = IntStream.range(0, THREADS)
                .mapToObj(i -> InProcessApi.start(apiEnvironment, handlerCalls))
                .toList();
        // Each writer has its own client, configured as the api's are, as each api instance has its own.
        ClientOverrideConfiguration timed = ClientOverrideConfiguration.builder()
                .addExecutionInterceptor(baselineCalls)
                .build();
        List<BatchWriter> writers = IntStream.range(0, THREADS)
                .mapToObj(i -> new BatchWriter(
                        new AwsClients(AwsSettings.from(Environment.of(apiEnvironment)), timed).dynamoDb(), table))
                .toList();
        String authorization = apis.get(0)
                .createAccount(stack.operatorKey(), "Ingest benchmark")
                .authorization();
        String scratchAuthorization = recording
                .get(0)
                .createAccount(stack.operatorKey(), "Ingest benchmark items")
                .authorization();
        // The account's creation is a transaction of its item and its account.created event: not the ingest's items.
        recorder.takeBatches();
        SyntheticEvents events = new SyntheticEvents(1, 50, 500, 30);

        Round warmUp = round(events, authorization, scratchAuthorization, WARM_UP_REQUESTS);
        List<List<Map<String, AttributeValue>>> warmUpItems = record(recording, recorder, warmUp.recorded());
        ingest(apis, warmUp.measured());
        write(writers, warmUpItems);
        handlerCalls.take();
        baselineCalls.take();

        Duration handlerTime = Duration.ZERO;
        Duration baselineTime = Duration.ZERO;
        List<Double> roundRatios = new ArrayList<>();
        for (int round = 1; round <= ROUNDS; round++) {
            Round requests = round(events, authorization, scratchAuthorization, REQUESTS_PER_ROUND);
            List<List<Map<String, AttributeValue>>> items = record(recording, recorder, requests.recorded());
            Duration handler;
            Duration baseline;
            if (round % 2 == 1) {
                handler = ingest(apis, requests.measured());
                baseline = write(writers, items);
            } else {
                baseline = write(writers, items);
                handler = ingest(apis, requests.measured());
            }
            handlerTime = handlerTime.plus(handler);
            baselineTime = baselineTime.plus(baseline);
            roundRatios.add(baseline.toNanos() / (double) handler.toNanos());
            System.err.printf(
                    "[bench] ingest round %d of %d: handler %.1f s, baseline %.1f s%n",
                    round, ROUNDS, handler.toMillis() / 1e3, baseline.toMillis() / 1e3);
        }
        return new Result(
                THREADS,
                ROUNDS,
                ROUNDS * REQUESTS_PER_ROUND,
                handlerTime,
                baselineTime,
                roundRatios,
                handlerCalls.take(),
                baselineCalls.take());
    }

    /** Built before the clock starts: the events are API Gateway's input, not the handler's work. */
    private static Round round(
            SyntheticEvents events, String authorization, String scratchAuthorization, int requests) {
        List<String> bodies = IntStream.range(0, requests)
                .mapToObj(i -> SyntheticEvents.jsonArray(IntStream.range(0, EVENTS_PER_REQUEST)
                        .mapToObj(n -> events.next(null))
                        .toList()))
                .toList();
        return new Round(
                bodies.stream()
                        .<JsonNode>map(body -> HttpApiRequests.postJson("/v1/Events", authorization, body))
                        .toList(),
                bodies.stream()
                        .<JsonNode>map(body -> HttpApiRequests.postJson("/v1/Events", scratchAuthorization, body))
                        .toList());
    }

    private static List<List<Map<String, AttributeValue>>> record(
            List<InProcessApi> recording, BatchWriteRecorder recorder, List<JsonNode> requests) {
        ingest(recording, requests);
        List<List<Map<String, AttributeValue>>> batches = recorder.takeBatches();
        int items = batches.stream().mapToInt(List::size).sum();
        if (items != requests.size() * EVENTS_PER_REQUEST) {
            throw new IllegalStateException(
                    "The handler wrote " + items + " items for " + requests.size() * EVENTS_PER_REQUEST + " events");
        }
        return batches;
    }

    private static Duration ingest(List<InProcessApi> apis, List<JsonNode> requests) {
        return Parallel.run(apis, requests, (api, request) -> api.call(request, 201));
    }

    private static Duration write(List<BatchWriter> writers, List<List<Map<String, AttributeValue>>> batches) {
        return Parallel.run(writers, batches, BatchWriter::putAll);
    }
}
