package dev.monitor.local;

import static dev.monitor.local.TemplateMaps.at;
import static dev.monitor.local.TemplateMaps.boolAt;
import static dev.monitor.local.TemplateMaps.intAt;
import static dev.monitor.local.TemplateMaps.list;
import static dev.monitor.local.TemplateMaps.map;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/** What makes Lambda invoke a function: one entry of its {@code Events}. */
sealed interface EventSource {
    /**
     * A route of an HTTP API; no method and no path: every request. {@code apiId}: the logical id of the
     * {@code AWS::Serverless::HttpApi} its {@code ApiId} refers to; null for SAM's implicit API.
     */
    record HttpRoute(String apiId, String method, String path) implements EventSource {}

    record Stream(
            String streamArn,
            String startingPosition,
            int batchSize,
            List<EventPattern> filters,
            boolean reportBatchItemFailures,
            int maximumRetryAttempts,
            Optional<String> onFailureArn)
            implements EventSource {}

    /** {@code maximumConcurrency}: how many batches are handled at once (ScalingConfig's MaximumConcurrency). */
    record Queue(
            String queueArn,
            int batchSize,
            List<EventPattern> filters,
            boolean reportBatchItemFailures,
            int maximumConcurrency)
            implements EventSource {
        /**
         * Without a ScalingConfig Lambda starts with five concurrent batches and scales further; five is plenty here.
         */
        static final int DEFAULT_CONCURRENCY = 5;
    }

    record Schedule(String ruleName, ScheduleExpression expression) implements EventSource {}

    /** Empty for a disabled event and for the event types the local stack does not run. */
    static Optional<EventSource> parse(
            String functionId, String eventName, Map<String, Object> event, Intrinsics intrinsics) {
        Map<String, Object> properties = map(event.get("Properties"));
        String where = "Function " + functionId + ", event " + eventName;
        String type = String.valueOf(event.get("Type"));
        if (!boolAt(properties, true, "Enabled") || "DISABLED".equals(properties.get("State"))) {
            return Optional.empty();
        }
        return switch (type) {
            case "HttpApi", "Api" ->
                Optional.of(new HttpRoute(
                        apiLogicalId(properties), (String) properties.get("Method"), (String) properties.get("Path")));
            case "DynamoDB" ->
                Optional.of(new Stream(
                        required(intrinsics, properties.get("Stream"), where + ": Stream"),
                        startingPosition(properties, where),
                        intAt(properties, 100, "BatchSize"),
                        filters(properties),
                        reportsBatchItemFailures(properties),
                        intAt(properties, -1, "MaximumRetryAttempts"),
                        Optional.ofNullable(at(properties, "DestinationConfig", "OnFailure", "Destination"))
                                .map(destination ->
                                        required(intrinsics, destination, where + ": OnFailure destination"))));
            case "SQS" ->
                Optional.of(new Queue(
                        required(intrinsics, properties.get("Queue"), where + ": Queue"),
                        intAt(properties, 10, "BatchSize"),
                        filters(properties),
                        reportsBatchItemFailures(properties),
                        intAt(properties, Queue.DEFAULT_CONCURRENCY, "ScalingConfig", "MaximumConcurrency")));
            case "Schedule", "ScheduleV2" ->
                Optional.of(new Schedule(
                        functionId + eventName,
                        ScheduleExpression.parse(required(
                                intrinsics,
                                properties.getOrDefault("Schedule", properties.get("ScheduleExpression")),
                                where + ": schedule"))));
            default -> {
                Log.info(where + ": events of type " + type + " do not run locally");
                yield Optional.empty();
            }
        };
    }

    /** The {@code Ref} of {@code ApiId}; null without one. */
    private static String apiLogicalId(Map<String, Object> properties) {
        return (String) map(properties.get("ApiId")).get("Ref");
    }

    private static String startingPosition(Map<String, Object> properties, String where) {
        String position = String.valueOf(properties.get("StartingPosition"));
        if (!position.equals("LATEST") && !position.equals("TRIM_HORIZON")) {
            throw new IllegalArgumentException(
                    where + ": StartingPosition must be LATEST or TRIM_HORIZON, not " + position);
        }
        return position;
    }

    private static List<EventPattern> filters(Map<String, Object> properties) {
        return list(at(properties, "FilterCriteria", "Filters")).stream()
                .map(filter -> EventPattern.parse(String.valueOf(map(filter).get("Pattern"))))
                .toList();
    }

    private static boolean reportsBatchItemFailures(Map<String, Object> properties) {
        return list(properties.get("FunctionResponseTypes")).contains("ReportBatchItemFailures");
    }

    private static String required(Intrinsics intrinsics, Object value, String what) {
        return intrinsics
                .text(value)
                .orElseThrow(() -> new IllegalArgumentException(what + " does not resolve locally: " + value));
    }
}
