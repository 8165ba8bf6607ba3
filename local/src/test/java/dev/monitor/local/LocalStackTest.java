package dev.monitor.local;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.amazonaws.services.lambda.runtime.events.ScheduledEvent;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;
import org.junit.jupiter.api.parallel.ResourceLock;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.TableDescription;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageAttributeValue;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/** The runner wired from a fixture template: resources, environment, and each kind of event reaching its handler. */
@Execution(ExecutionMode.CONCURRENT) // beside the other classes, on a stack of its own
@ResourceLock("the fixture template's handlers, which record what they get in static fields")
class LocalStackTest {
    private static final String OPERATOR_KEY = "mok_test";
    private static final URI SES_ENDPOINT = URI.create("http://127.0.0.1:8999");
    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final ObjectMapper JSON = new ObjectMapper();

    private static LocalStack stack;
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @BeforeAll
    static void start() throws Exception {
        Path template = Path.of(
                LocalStackTest.class.getResource("/fixture-template.yaml").toURI());
        stack = LocalStack.start(
                new LocalStack.Options(0, OPERATOR_KEY, null, template, SES_ENDPOINT, Duration.ofMillis(50), Map.of()));
    }

    @AfterAll
    static void stop() {
        stack.close();
    }

    @Test
    void createsTheTablesAndQueuesOfTheTemplate() {
        TableDescription table = stack.dynamoDb()
                .describeTable(request -> request.tableName("monitor-local-items"))
                .table();
        assertEquals(Map.of("pk", KeyType.HASH, "sk", KeyType.RANGE), keySchema(table));
        assertEquals("gsi1", table.globalSecondaryIndexes().get(0).indexName());
        assertTrue(table.streamSpecification().streamEnabled());
        assertEquals("NEW_AND_OLD_IMAGES", table.streamSpecification().streamViewTypeAsString());

        String deadLetterQueueArn = queueAttributes("fixture-jobs-dlq").get(QueueAttributeName.QUEUE_ARN);
        Map<QueueAttributeName, String> jobs = queueAttributes("Jobs");
        assertEquals("4", jobs.get(QueueAttributeName.VISIBILITY_TIMEOUT));
        assertTrue(
                jobs.get(QueueAttributeName.REDRIVE_POLICY).contains(deadLetterQueueArn),
                jobs.get(QueueAttributeName.REDRIVE_POLICY));
        assertNotNull(queueUrl("StreamFailures"));
    }

    @Test
    void functionsGetTheTemplateEnvironmentWithLocalValues() {
        Map<String, String> environment = HttpEchoHandler.environment;
        assertEquals("monitor-local-items", environment.get("TABLE"));
        assertEquals(LocalSecrets.sha256Hex(OPERATOR_KEY), environment.get("OPERATOR_KEY_SHA256"));
        assertEquals(queueUrl("Jobs"), environment.get("JOBS_URL"));
        assertEquals(queueAttributes("Jobs").get(QueueAttributeName.QUEUE_ARN), environment.get("JOBS_ARN"));
        assertEquals(
                stack.dynamoDb()
                        .describeTable(request -> request.tableName("monitor-local-items"))
                        .table()
                        .latestStreamArn(),
                environment.get("TABLE_STREAM"));
        assertEquals("hello from us-east-1", environment.get("GREETING"));
        assertEquals("a-hello-y", environment.get("JOINED"));
        assertEquals("${NotAVariable}", environment.get("LITERAL"));
        assertFalse(environment.containsKey("KEY_ID"), "a KMS key has no local meaning");
        assertFalse(environment.containsKey("KEY_ARN"));
        assertFalse(environment.containsKey("JAVA_TOOL_OPTIONS"));

        assertEquals(
                stack.awsEnvironment().get("AWS_ENDPOINT_URL_DYNAMODB"), environment.get("AWS_ENDPOINT_URL_DYNAMODB"));
        assertEquals(stack.awsEnvironment().get("AWS_ENDPOINT_URL_SQS"), environment.get("AWS_ENDPOINT_URL_SQS"));
        assertEquals(SES_ENDPOINT.toString(), environment.get("AWS_ENDPOINT_URL_SESV2"));
        assertEquals("us-east-1", environment.get("AWS_REGION"));
        assertNotNull(environment.get("AWS_ACCESS_KEY_ID"));
        assertNotNull(environment.get("AWS_SECRET_ACCESS_KEY"));
        assertEquals("true", environment.get("MONITOR_ALLOW_PRIVATE_WEBHOOK_TARGETS"));
        assertEquals(32, Base64.getDecoder().decode(environment.get("MONITOR_AUTH_TOKEN_SEALING_KEY")).length);
        assertEquals(environment, stack.functionEnvironment("HttpFunction"));
    }

    @Test
    void anHttpRequestReachesTheFunctionAsAnHttpApiEvent() throws Exception {
        HttpResponse<String> response = HTTP.send(
                HttpRequest.newBuilder(URI.create(stack.baseUrl() + "/v1/Things?b=2&a=1&a=3&x=hello%20world"))
                        .header("Content-Type", "application/json")
                        .header("X-Custom", "one")
                        .header("Cookie", "c1=v1; c2=v2")
                        .header("User-Agent", "local-test")
                        .POST(HttpRequest.BodyPublishers.ofString("{\"name\":\"Zoë\"}"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());

        APIGatewayV2HTTPEvent event = HttpEchoHandler.EVENTS.poll(WAIT.toSeconds(), TimeUnit.SECONDS);
        assertNotNull(event);
        assertEquals("2.0", event.getVersion());
        assertEquals("$default", event.getRouteKey());
        assertEquals("/v1/Things", event.getRawPath());
        assertEquals("b=2&a=1&a=3&x=hello%20world", event.getRawQueryString());
        assertEquals(Map.of("a", "1,3", "b", "2", "x", "hello world"), event.getQueryStringParameters());
        assertEquals("one", event.getHeaders().get("x-custom"));
        assertEquals("application/json", event.getHeaders().get("content-type"));
        assertEquals("http", event.getHeaders().get("x-forwarded-proto"));
        assertFalse(event.getHeaders().containsKey("cookie"), "cookies travel in their own field");
        assertEquals(List.of("c1=v1", "c2=v2"), event.getCookies());
        assertEquals("{\"name\":\"Zoë\"}", event.getBody());
        assertFalse(event.getIsBase64Encoded());
        APIGatewayV2HTTPEvent.RequestContext.Http request =
                event.getRequestContext().getHttp();
        assertEquals("POST", request.getMethod());
        assertEquals("/v1/Things", request.getPath());
        assertEquals("127.0.0.1", request.getSourceIp());
        assertEquals("local-test", request.getUserAgent());
        assertEquals(
                URI.create(stack.baseUrl()).getAuthority(),
                event.getRequestContext().getDomainName());
        assertTrue(event.getRequestContext().getTimeEpoch() > 0);
        assertNotNull(event.getRequestContext().getRequestId());

        assertEquals(201, response.statusCode());
        assertEquals("{\"name\":\"Zoë\"}", response.body());
        assertEquals("HttpFunction", response.headers().firstValue("X-Function").orElseThrow());
        assertEquals(List.of("seen=yes; Path=/"), response.headers().allValues("Set-Cookie"));
    }

    @Test
    void aBinaryBodyTravelsAsBase64BothWays() throws Exception {
        byte[] bytes = {0, 1, 2, (byte) 0xff, (byte) 0xfe};
        HttpResponse<byte[]> response = HTTP.send(
                HttpRequest.newBuilder(URI.create(stack.baseUrl() + "/upload"))
                        .header("Content-Type", "application/octet-stream")
                        .PUT(HttpRequest.BodyPublishers.ofByteArray(bytes))
                        .build(),
                HttpResponse.BodyHandlers.ofByteArray());

        APIGatewayV2HTTPEvent event = HttpEchoHandler.EVENTS.poll(WAIT.toSeconds(), TimeUnit.SECONDS);
        assertNotNull(event);
        assertTrue(event.getIsBase64Encoded());
        assertArrayEquals(bytes, Base64.getDecoder().decode(event.getBody()));
        assertNull(event.getQueryStringParameters());
        assertArrayEquals(bytes, response.body());
    }

    @Test
    void aRouteWithAPathParameterWinsOverTheCatchAll() throws Exception {
        HttpResponse<String> item = HTTP.send(
                HttpRequest.newBuilder(URI.create(stack.baseUrl() + "/items/42"))
                        .GET()
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, item.statusCode());
        assertEquals("GET /items/{id} id=42", item.body());

        HttpResponse<String> otherMethod = HTTP.send(
                HttpRequest.newBuilder(URI.create(stack.baseUrl() + "/items/42"))
                        .DELETE()
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(201, otherMethod.statusCode(), "DELETE has no route of its own, so the catch-all takes it");
        assertEquals(
                "/items/42",
                HttpEchoHandler.EVENTS.poll(WAIT.toSeconds(), TimeUnit.SECONDS).getRawPath());
    }

    /** Lambda fails an invocation whose answer is over 6,291,556 bytes of JSON, and an HTTP API answers its 500. */
    @Test
    void anAnswerOverLambdasPayloadLimitFailsTheInvocationAsOnAws() throws Exception {
        String emptyAnswer = "{\"statusCode\":200,\"body\":\"\"}";
        List<String> logged = new CopyOnWriteArrayList<>();
        HttpResponse<String> atTheLimit;
        HttpResponse<String> overIt;
        try (AutoCloseable listening = Log.listen(logged::add)) {
            atTheLimit = get("/answers/6291556");
            overIt = get("/answers/6291557");
        }
        assertEquals(200, atTheLimit.statusCode());
        assertEquals(6_291_556 - emptyAnswer.length(), atTheLimit.body().length());
        assertEquals(500, overIt.statusCode());
        assertEquals("{\"message\":\"Internal Server Error\"}", overIt.body());
        assertTrue(
                failureLogged(logged, "Function SizedAnswerFunction failed on GET /answers/6291557")
                        .contains("Function.ResponseSizeTooLarge: Response payload size (6291557 bytes) exceeded"
                                + " maximum allowed payload size (6291556 bytes)."),
                logged.toString());
    }

    /** The stage's token bucket (DefaultRouteSettings): two at once, then API Gateway's own 429, on that API only. */
    @Test
    void aThrottledStageAnswersTooManyRequestsOnceItsBurstIsSpent() throws Exception {
        assertEquals("GET /throttled/{id} id=1", get("/throttled/1").body());
        assertEquals(200, get("/throttled/2").statusCode());
        HttpResponse<String> third = get("/throttled/3");
        assertEquals(429, third.statusCode());
        assertEquals("{\"message\":\"Too Many Requests\"}", third.body());
        assertEquals(200, get("/items/4").statusCode(), "a route of another API has a throttle of its own");
    }

    /**
     * Beyond the function's ReservedConcurrentExecutions Lambda throttles the invocation, which an HTTP API answers
     * with its 500; the next invocation after one is done runs.
     */
    @Test
    void anInvocationBeyondReservedConcurrencyIsThrottled() throws Exception {
        CompletableFuture<HttpResponse<String>> held = HTTP.sendAsync(
                HttpRequest.newBuilder(URI.create(stack.baseUrl() + "/held")).build(),
                HttpResponse.BodyHandlers.ofString());
        List<String> logged = new CopyOnWriteArrayList<>();
        HttpResponse<String> beyond;
        try {
            assertTrue(HeldHandler.STARTED.tryAcquire(WAIT.toSeconds(), TimeUnit.SECONDS), "the first is running");
            try (AutoCloseable listening = Log.listen(logged::add)) {
                beyond = get("/held");
            }
        } finally {
            HeldHandler.RELEASE.release();
        }
        assertEquals(500, beyond.statusCode());
        assertEquals("{\"message\":\"Internal Server Error\"}", beyond.body());
        assertTrue(
                failureLogged(logged, "Function HeldFunction failed on GET /held")
                        .contains("TooManyRequestsException: Rate Exceeded."),
                logged.toString());
        assertEquals("let go", held.get(WAIT.toSeconds(), TimeUnit.SECONDS).body());

        HeldHandler.RELEASE.release();
        assertEquals("let go", get("/held").body(), "once the first is done, the next one runs");
    }

    @Test
    void aPutReachesTheStreamFunctionUnlessTheFilterDropsIt() throws Exception {
        put("XX#dropped", "1");
        put("ST#kept", "1");
        putUpdate("ST#kept");
        put("ST#after", "1");

        List<DynamodbEvent.DynamodbStreamRecord> received = new ArrayList<>();
        received.add(awaitRecord(record -> pk(record).equals("ST#kept")));
        received.add(awaitRecord(record -> pk(record).equals("ST#after")));
        DynamodbEvent.DynamodbStreamRecord kept = received.get(0);
        assertEquals("INSERT", kept.getEventName());
        assertEquals("1", kept.getDynamodb().getNewImage().get("sk").getS());
        assertEquals("ST#kept", kept.getDynamodb().getKeys().get("pk").getS());
        assertNotNull(kept.getDynamodb().getSequenceNumber());
        assertNotNull(kept.getDynamodb().getApproximateCreationDateTime());
        assertNotNull(kept.getEventID());
        assertEquals(
                stack.dynamoDb()
                        .describeTable(request -> request.tableName("monitor-local-items"))
                        .table()
                        .latestStreamArn(),
                kept.getEventSourceARN());
        // Records arrive in order, so by the time ST#after arrived the others had been read and, but for ST#kept,
        // dropped.
        assertTrue(StreamRecordingHandler.RECORDS.stream()
                .noneMatch(record -> pk(record).equals("XX#dropped")));
        assertTrue(StreamRecordingHandler.RECORDS.stream()
                .noneMatch(record -> record.getEventName().equals("MODIFY")));
    }

    @Test
    void aStreamRecordThatKeepsFailingGoesToTheOnFailureQueue() throws Exception {
        put("ST#FAIL-1", "1");
        put("ST#after-failure", "1");

        DynamodbEvent.DynamodbStreamRecord first =
                awaitRecord(record -> pk(record).equals("ST#FAIL-1"));
        DynamodbEvent.DynamodbStreamRecord retry =
                awaitRecord(record -> pk(record).equals("ST#FAIL-1"));
        assertEquals(
                first.getDynamodb().getSequenceNumber(), retry.getDynamodb().getSequenceNumber());
        awaitRecord(record -> pk(record).equals("ST#after-failure"));

        Message failure = awaitMessage(queueUrl("StreamFailures"));
        JsonNode batch = JSON.readTree(failure.body()).get("DDBStreamBatchInfo");
        assertEquals(
                first.getDynamodb().getSequenceNumber(),
                batch.get("startSequenceNumber").asText());
        assertTrue(
                StreamRecordingHandler.RECORDS.stream()
                        .noneMatch(record -> pk(record).equals("ST#FAIL-1")),
                "MaximumRetryAttempts 1: one try and one retry, then no more");
    }

    @Test
    void aMessageReachesTheQueueFunctionAndIsDeleted() throws Exception {
        String jobsUrl = queueUrl("Jobs");
        stack.sqs()
                .sendMessage(request -> request.queueUrl(jobsUrl)
                        .messageBody("hello")
                        .messageAttributes(Map.of(
                                "kind",
                                MessageAttributeValue.builder()
                                        .dataType("String")
                                        .stringValue("greeting")
                                        .build())));

        SQSEvent.SQSMessage message =
                awaitQueueMessage(received -> received.getBody().equals("hello"));
        assertEquals("1", message.getAttributes().get("ApproximateReceiveCount"));
        assertEquals("greeting", message.getMessageAttributes().get("kind").getStringValue());
        assertEquals(queueAttributes("Jobs").get(QueueAttributeName.QUEUE_ARN), message.getEventSourceArn());
        assertEquals("aws:sqs", message.getEventSource());
        assertNotNull(message.getReceiptHandle());

        Thread.sleep(4500); // past the visibility timeout: a message left on the queue would be visible again
        Map<QueueAttributeName, String> counts = queueAttributes("Jobs");
        assertEquals("0", counts.get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES));
        assertEquals("0", counts.get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE));
    }

    @Test
    void aReportedFailureIsRedeliveredThenDeadLettered() throws Exception {
        stack.sqs().sendMessage(request -> request.queueUrl(queueUrl("Jobs")).messageBody("fail-1"));

        assertEquals(
                "1",
                awaitQueueMessage(message -> message.getBody().equals("fail-1"))
                        .getAttributes()
                        .get("ApproximateReceiveCount"));
        assertEquals(
                "2",
                awaitQueueMessage(message -> message.getBody().equals("fail-1"))
                        .getAttributes()
                        .get("ApproximateReceiveCount"));
        assertEquals("fail-1", awaitMessage(queueUrl("fixture-jobs-dlq")).body());
        assertTrue(QueueRecordingHandler.MESSAGES.stream()
                .noneMatch(message -> message.getBody().equals("fail-1")));
    }

    /** As Lambda scales out: a batch waiting on something slow does not hold up the next one. */
    @Test
    void aBatchThatHangsDoesNotHoldUpTheNext() throws Exception {
        try {
            stack.sqs()
                    .sendMessage(request -> request.queueUrl(queueUrl("Jobs")).messageBody("hang-1"));
            awaitQueueMessage(message -> message.getBody().equals("hang-1"));

            stack.sqs()
                    .sendMessage(request -> request.queueUrl(queueUrl("Jobs")).messageBody("after-hang-1"));
            assertNotNull(awaitQueueMessage(message -> message.getBody().equals("after-hang-1")));
        } finally {
            QueueRecordingHandler.RELEASE_HANGING.countDown();
        }
    }

    @Test
    void aScheduledFunctionRunsWithAScheduledEvent() throws Exception {
        stack.runScheduled("ScheduledFunction");

        ScheduledEvent event = ScheduleRecordingHandler.EVENTS.poll(WAIT.toSeconds(), TimeUnit.SECONDS);
        assertNotNull(event);
        assertEquals("Scheduled Event", event.getDetailType());
        assertEquals("aws.events", event.getSource());
        assertEquals(
                List.of("arn:aws:events:us-east-1:000000000000:rule/ScheduledFunctionHourly"), event.getResources());
    }

    private static HttpResponse<String> get(String path) throws Exception {
        return HTTP.send(
                HttpRequest.newBuilder(URI.create(stack.baseUrl() + path)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** The error of the stack's ERROR line with {@code message}, as it logs every failed invocation. */
    private static String failureLogged(List<String> lines, String message) throws Exception {
        for (String line : lines) {
            JsonNode json = JSON.readTree(line);
            if (json.path("level").asText().equals("ERROR")
                    && json.path("message").asText().equals(message)) {
                return json.path("error").asText();
            }
        }
        throw new AssertionError("No ERROR line '" + message + "' in " + lines);
    }

    private static void put(String pk, String sk) {
        stack.dynamoDb()
                .putItem(request -> request.tableName("monitor-local-items")
                        .item(Map.of("pk", AttributeValue.fromS(pk), "sk", AttributeValue.fromS(sk))));
    }

    private static void putUpdate(String pk) {
        stack.dynamoDb()
                .putItem(request -> request.tableName("monitor-local-items")
                        .item(Map.of(
                                "pk",
                                AttributeValue.fromS(pk),
                                "sk",
                                AttributeValue.fromS("1"),
                                "changed",
                                AttributeValue.fromBool(true))));
    }

    private static String pk(DynamodbEvent.DynamodbStreamRecord record) {
        return record.getDynamodb().getKeys().get("pk").getS();
    }

    private static DynamodbEvent.DynamodbStreamRecord awaitRecord(Predicate<DynamodbEvent.DynamodbStreamRecord> wanted)
            throws InterruptedException {
        return await(StreamRecordingHandler.RECORDS, wanted);
    }

    private static SQSEvent.SQSMessage awaitQueueMessage(Predicate<SQSEvent.SQSMessage> wanted)
            throws InterruptedException {
        return await(QueueRecordingHandler.MESSAGES, wanted);
    }

    /** Takes from the queue until an element is wanted; elements other tests are waiting for are put back. */
    private static <T> T await(BlockingQueue<T> queue, Predicate<T> wanted) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        List<T> others = new ArrayList<>();
        try {
            while (System.nanoTime() < deadline) {
                T next = queue.poll(100, TimeUnit.MILLISECONDS);
                if (next != null && wanted.test(next)) {
                    return next;
                }
                if (next != null) {
                    others.add(next);
                }
            }
            throw new AssertionError("Nothing wanted arrived within " + WAIT + "; got " + others);
        } finally {
            queue.addAll(others);
        }
    }

    private static Message awaitMessage(String queueUrl) {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (System.nanoTime() < deadline) {
            List<Message> messages = stack.sqs()
                    .receiveMessage(request -> request.queueUrl(queueUrl).waitTimeSeconds(1))
                    .messages();
            if (!messages.isEmpty()) {
                return messages.get(0);
            }
        }
        throw new AssertionError("No message on " + queueUrl + " within " + WAIT);
    }

    private static String queueUrl(String name) {
        return stack.sqs().getQueueUrl(request -> request.queueName(name)).queueUrl();
    }

    private static Map<QueueAttributeName, String> queueAttributes(String name) {
        return stack.sqs()
                .getQueueAttributes(request -> request.queueUrl(queueUrl(name)).attributeNames(QueueAttributeName.ALL))
                .attributes();
    }

    private static Map<String, KeyType> keySchema(TableDescription table) {
        Map<String, KeyType> keys = new HashMap<>();
        table.keySchema().forEach(key -> keys.put(key.attributeName(), key.keyType()));
        return keys;
    }
}
