package dev.monitor.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.monitor.dynamo.alerts.AlertCodec;
import dev.monitor.ids.Sids;
import dev.monitor.jackson.Json;
import dev.monitor.local.runtime.LambdaRuntimeProcess;
import dev.monitor.local.runtime.RuntimeApiStandIn;
import dev.monitor.testing.ApiClient;
import dev.monitor.testing.Eventually;
import dev.monitor.testing.RunningStack;
import dev.monitor.testing.TestAccount;
import dev.monitor.testing.WebhookReceiver;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;
import org.junit.jupiter.api.parallel.ResourceAccessMode;
import org.junit.jupiter.api.parallel.ResourceLock;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.Record;
import software.amazon.awssdk.services.dynamodb.model.StreamRecord;

/**
 * Every function of the template run as AWS runs it: its jar, as the build makes it and nothing added, under AWS's
 * Lambda runtime interface client and a stand-in of the Runtime API ({@link LambdaRuntimeProcess}). Each is handed
 * every sample event of {@code events/} of its trigger and realistic events made against the local stack; every
 * invocation must answer (never {@code /error}), and answer as the same function does on the local stack for the same
 * event.
 */
@Order(2)
@Execution(ExecutionMode.CONCURRENT) // beside the other classes: much of its time is the runtime processes'
@ResourceLock(value = RunningStack.ALL_ACCOUNTS, mode = ResourceAccessMode.READ)
class FunctionsUnderLambdaRuntimeTest {
    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    private static final Duration INIT = Duration.ofSeconds(60);
    private static final Duration INVOCATION = Duration.ofSeconds(60);
    private static final Pattern MISSING_CLASS =
            Pattern.compile("NoClassDefFoundError|ClassNotFoundException|NoSuchMethodError|NoSuchFieldError");
    private static final AtomicLong SEQUENCE = new AtomicLong(700_000_000_000_000_000L);

    /** What invokes a function, by the type of its event in the template. */
    private enum Trigger {
        HTTP,
        STREAM,
        QUEUE,
        SCHEDULE;

        static Trigger of(Template.Resource function) {
            Map<?, ?> events = (Map<?, ?>) function.properties().get("Events");
            String type = String.valueOf(((Map<?, ?>) events.values().iterator().next()).get("Type"));
            return switch (type) {
                case "HttpApi" -> HTTP;
                case "DynamoDB" -> STREAM;
                case "SQS" -> QUEUE;
                case "Schedule" -> SCHEDULE;
                default -> throw new IllegalArgumentException(function.logicalId() + ": no trigger of type " + type);
            };
        }

        /** The trigger whose event a sample is, by its shape. */
        static Trigger ofSample(JsonNode event) {
            if (event.has("routeKey")) {
                return HTTP;
            }
            if (event.has("detail-type")) {
                return SCHEDULE;
            }
            return switch (event.path("Records").path(0).path("eventSource").asText()) {
                case "aws:sqs" -> QUEUE;
                case "aws:dynamodb" -> STREAM;
                default -> throw new IllegalArgumentException("A sample event of no known trigger: " + event);
            };
        }
    }

    private record Input(String name, JsonNode event) {}

    @Test
    void everyFunctionAnswersEverySampleAndRealisticEventUnderLambdasRuntimeAsTheLocalStackDoes() throws Exception {
        Template template = Template.parse(Files.readString(ROOT.resolve("template.yaml")));
        TestAccount account = RunningStack.newAccount();
        try (WebhookReceiver receiver = WebhookReceiver.ok()) {
            Map<Trigger, List<Input>> inputs = samples();
            realistic(account, receiver)
                    .forEach((trigger, events) -> inputs.get(trigger).addAll(events));
            Set<String> webhookJobs = new HashSet<>();
            List<Template.Resource> functions = template.resourcesOfType(Template.FUNCTION);
            assertEquals(6, functions.size(), "the template's functions");
            for (Template.Resource function : functions) {
                Trigger trigger = Trigger.of(function);
                try (LambdaRuntimeProcess runtime =
                        start(template, function, RunningStack.get().functionEnvironment(function.logicalId()))) {
                    runtime.awaitInit(INIT);
                    for (Input input : inputs.get(trigger)) {
                        JsonNode event = prepare(input.event(), account, receiver, webhookJobs);
                        RuntimeApiStandIn.Answer answer = runtime.invoke(Json.write(event), INVOCATION);
                        String where = function.logicalId() + " on " + input.name();
                        assertFalse(
                                answer.error(),
                                where + " answered an error: " + answer.errorType() + " " + answer.body() + "\n"
                                        + runtime.output());
                        JsonNode local = RunningStack.get().invoke(function.logicalId(), event);
                        assertEquals(
                                comparable(trigger, event, local),
                                comparable(trigger, event, Json.parse(answer.body())),
                                where + ": the local stack's answer, then the runtime's");
                    }
                    String output = runtime.output();
                    assertFalse(MISSING_CLASS.matcher(output).find(), function.logicalId() + ":\n" + output);
                    assertFalse(
                            output.contains("SLF4J: Defaulting to no-operation"),
                            function.logicalId() + " has a logging binding:\n" + output);
                }
            }
            assertFalse(webhookJobs.isEmpty(), "webhook jobs were run");
            // Each job went through the runtime and the local stack: its webhook arrives once.
            Eventually.until(
                    "every webhook job's delivery",
                    () -> receiver.received().size(),
                    size -> size >= webhookJobs.size());
            assertEquals(webhookJobs.size(), receiver.received().size(), "one webhook per job");
        }
    }

    @Test
    void anInitFailureReachesTheRuntimeWithItsCause() throws Exception {
        Template template = Template.parse(Files.readString(ROOT.resolve("template.yaml")));
        Template.Resource api = template.resources().get("ApiFunction");
        Map<String, String> environment = new HashMap<>(RunningStack.get().functionEnvironment("ApiFunction"));
        environment.remove("MONITOR_TABLE");
        try (LambdaRuntimeProcess runtime = start(template, api, environment)) {
            RuntimeApiStandIn.Answer error = runtime.runtimeApi().initError().get(INIT.toSeconds(), TimeUnit.SECONDS);
            JsonNode body = Json.parse(error.body());
            assertEquals(
                    "java.lang.IllegalStateException", body.path("errorType").asText(), error.body());
            assertEquals(
                    "Environment variable MONITOR_TABLE is not set",
                    body.path("errorMessage").asText(),
                    error.body());
        }
    }

    private static LambdaRuntimeProcess start(
            Template template, Template.Resource function, Map<String, String> environment) throws Exception {
        Map<String, Object> properties = template.functionProperties(function);
        Path jar = ROOT.resolve((String) properties.get("CodeUri"));
        assertTrue(Files.isRegularFile(jar), function.logicalId() + ": " + jar + " is built");
        String javaOptions = String.valueOf(
                ((Map<?, ?>) ((Map<?, ?>) properties.get("Environment")).get("Variables")).get("JAVA_TOOL_OPTIONS"));
        return LambdaRuntimeProcess.start(
                jar, function.logicalId(), (String) properties.get("Handler"), environment, javaOptions);
    }

    /** The sample events of {@code events/}, by trigger. */
    private static Map<Trigger, List<Input>> samples() throws Exception {
        Map<Trigger, List<Input>> samples = new TreeMap<>();
        for (Trigger trigger : Trigger.values()) {
            samples.put(trigger, new ArrayList<>());
        }
        try (Stream<Path> files = Files.walk(ROOT.resolve("events"))) {
            for (Path file : files.filter(path -> path.toString().endsWith(".json"))
                    .sorted()
                    .toList()) {
                JsonNode event = Json.parse(Files.readString(file));
                samples.get(Trigger.ofSample(event))
                        .add(new Input(ROOT.relativize(file).toString(), event));
            }
        }
        for (Trigger trigger : Trigger.values()) {
            assertFalse(samples.get(trigger).isEmpty(), "events/ has a sample of each trigger: " + trigger);
        }
        return samples;
    }

    /**
     * Events as the local stack's own data makes them: requests about a real event and alert, and the alert's stream
     * record.
     */
    private static Map<Trigger, List<Input>> realistic(TestAccount account, WebhookReceiver receiver) throws Exception {
        ApiClient.Response recorded = account.client().postJson("/v1/Events", """
                {"event_type": "phone-number.updated", "resource_sid": "PN0123456789abcdef0123456789abcdef", "source": "api"}""");
        assertEquals(201, recorded.status(), recorded.text());
        String eventSid = recorded.json().findValue("sid").asText();
        ApiClient.Response alert = account.client().postJson("/v1/Alerts", """
                {"error_code": "11200", "alert_text": "HTTP retrieval failure", "request_url": "https://example.com/hook"}""");
        assertEquals(201, alert.status(), alert.text());
        String alertSid = alert.json().findValue("sid").asText();
        String accounts = "/2010-04-01/Accounts/" + account.sid();

        List<Input> http = new ArrayList<>();
        for (String path : List.of(
                "/v1/Events?PageSize=2",
                "/v1/Events/" + eventSid,
                "/v1/Events?SourceIpAddress=203.0.113.10&EventType=phone-number.updated",
                "/v1/EventTypes",
                "/v1/Events/Configuration",
                "/v1/Alerts?PageSize=5",
                "/v1/Alerts/" + alertSid,
                "/v1/AlertCounts?Interval=day",
                "/v2/Alarms",
                accounts + ".json",
                accounts + "/Usage/Records/ThisMonth.json",
                accounts + "/Usage/Triggers.json",
                "/v1/Deliveries",
                "/v1/Nowhere")) {
            http.add(new Input("GET " + path, httpEvent("GET", path, null)));
        }
        http.add(new Input("POST /v1/Events", httpEvent("POST", "/v1/Events", """
                [{"event_type": "api-key.deleted", "resource_sid": "SK0123456789abcdef0123456789abcdef", "source": "api"}]""")));
        http.add(new Input("POST /v1/Alerts with a bad level", httpEvent("POST", "/v1/Alerts", """
                {"error_code": "11200", "log_level": "loud"}""")));
        http.add(new Input("POST /v2/Alarms", httpEvent("POST", "/v2/Alarms", """
                {"friendlyName": "runtime", "queryType": "ERROR_CODE", "query": "11200", "triggerValue": 1000, "timeWindow": "ONE_HOUR",
                 "webhook": "%s"}""".formatted(receiver.url("/alarm")))));

        Map<String, AttributeValue> key = AlertCodec.KEYS.key(account.sid(), alertSid);
        Map<String, AttributeValue> item = RunningStack.get()
                .dynamoDb()
                .getItem(request -> request.tableName("MonitorTable").key(key))
                .item();
        assertFalse(item.isEmpty(), "the recorded alert's item");
        Record insert = Record.builder()
                .eventID(Sids.random("EV"))
                .eventName("INSERT")
                .eventVersion("1.1")
                .eventSource("aws:dynamodb")
                .awsRegion("us-east-1")
                .dynamodb(StreamRecord.builder()
                        .keys(key)
                        .newImage(item)
                        .sequenceNumber(Long.toString(SEQUENCE.incrementAndGet()))
                        .approximateCreationDateTime(Instant.now().truncatedTo(ChronoUnit.SECONDS))
                        .sizeBytes(512L)
                        .streamViewType("NEW_IMAGE")
                        .build())
                .build();
        ObjectNode stream = Json.object();
        stream.putArray("Records")
                .add(StreamRecords.record(
                        insert, "arn:aws:dynamodb:us-east-1:000000000000:table/MonitorTable/stream/local"));

        ObjectNode scheduled = Json.object()
                .put("version", "0")
                .put("id", Sids.random("ID"))
                .put("detail-type", "Scheduled Event")
                .put("source", "aws.events")
                .put("account", "000000000000")
                .put("time", Instant.now().truncatedTo(ChronoUnit.SECONDS).toString())
                .put("region", "us-east-1");
        scheduled.putArray("resources").add("arn:aws:events:us-east-1:000000000000:rule/EveryMinute");
        scheduled.putObject("detail");

        return Map.of(
                Trigger.HTTP,
                http,
                Trigger.STREAM,
                List.of(new Input("the recorded alert's stream record", stream)),
                Trigger.QUEUE,
                List.of(),
                Trigger.SCHEDULE,
                List.of(new Input("a Scheduled Event of now", scheduled)));
    }

    private static ObjectNode httpEvent(String method, String pathAndQuery, String body) throws Exception {
        ObjectNode event = (ObjectNode) Json.parse(Files.readString(ROOT.resolve("events/api/list-events.json")));
        int question = pathAndQuery.indexOf('?');
        String path = question < 0 ? pathAndQuery : pathAndQuery.substring(0, question);
        event.put("rawPath", path).put("rawQueryString", question < 0 ? "" : pathAndQuery.substring(question + 1));
        event.remove("queryStringParameters");
        ((ObjectNode) event.at("/requestContext/http")).put("method", method).put("path", path);
        if (body != null) {
            ((ObjectNode) event.get("headers")).put("content-type", "application/json");
            event.put("body", body);
        }
        return event;
    }

    /**
     * Points an event at this stack: requests carry the operator's or the test account's credentials; jobs are the test
     * account's, new each run, and their webhooks go to the receiver. The event is copied: the same input may run
     * again.
     */
    private static JsonNode prepare(
            JsonNode input, TestAccount account, WebhookReceiver receiver, Set<String> webhookJobs) throws Exception {
        ObjectNode event = input.deepCopy();
        if (event.has("routeKey")) {
            ((ObjectNode) event.get("headers"))
                    .put(
                            "authorization",
                            event.get("rawPath").asText().equals("/v1/Accounts")
                                    ? "Bearer " + RunningStack.get().operatorKey()
                                    : ApiClient.basic(account.sid(), account.authToken()));
        }
        for (JsonNode record : event.path("Records")) {
            if (record.path("eventSource").asText().equals("aws:sqs")) {
                ObjectNode job = (ObjectNode) Json.parse(record.get("body").asText());
                job.put("account_sid", account.sid()).put("job_id", Sids.random("NJ"));
                if (job.get("channel").asText().equals("webhook")) {
                    job.put(
                            "destination",
                            receiver.url(
                                    URI.create(job.get("destination").asText()).getPath()));
                    webhookJobs.add(job.get("job_id").asText());
                } else {
                    job.put("destination", "runtime+" + account.sid() + "@example.com");
                }
                ((ObjectNode) record).put("body", Json.write(job));
            }
        }
        return event;
    }

    /**
     * What of an answer must be the same however often the event runs: an HTTP answer's status, content type and the
     * shape of its body (and for a read, the Sids it lists); a summary's words; anything else whole.
     */
    private static JsonNode comparable(Trigger trigger, JsonNode event, JsonNode answer) throws Exception {
        return switch (trigger) {
            case HTTP -> {
                ObjectNode view = Json.object()
                        .put("statusCode", answer.path("statusCode").asInt())
                        .put(
                                "contentType",
                                answer.path("headers").path("Content-Type").asText());
                JsonNode body = answer.path("body").asText().isEmpty()
                        ? Json.object()
                        : Json.parse(answer.path("body").asText());
                view.set("shape", shape(body));
                if (event.at("/requestContext/http/method").asText().equals("GET")) {
                    view.put("sids", sids(body).toString());
                }
                yield view;
            }
            case SCHEDULE -> Json.object().put("summary", answer.asText().replaceAll("[0-9]+", "N"));
            default -> answer;
        };
    }

    /** The names of an object's fields, and of its fields' fields; an array's by its first element. */
    private static JsonNode shape(JsonNode json) {
        if (json.isObject()) {
            ObjectNode shape = Json.object();
            for (Iterator<String> names = json.fieldNames(); names.hasNext(); ) {
                String name = names.next();
                shape.set(name, shape(json.get(name)));
            }
            return shape;
        }
        if (json.isArray()) {
            return json.isEmpty() ? Json.array() : Json.array().add(shape(json.get(0)));
        }
        return Json.object().put("type", json.getNodeType().toString());
    }

    private static List<String> sids(JsonNode json) {
        List<String> sids = new ArrayList<>();
        json.findValues("sid").forEach(sid -> sids.add(sid.asText()));
        return sids;
    }
}
