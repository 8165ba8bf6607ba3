package dev.monitor.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.serialization.events.LambdaEventSerializers;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.monitor.ids.Sids;
import dev.monitor.json.Json;
import dev.monitor.testing.ApiClient;
import dev.monitor.testing.RunningStack;
import dev.monitor.testing.TestAccount;
import dev.monitor.testing.WebhookReceiver;
import java.io.File;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every function's shaded jar, the one the template's CodeUri deploys, holds what its handler needs:
 * each handler is built from its jar alone in a fresh JVM with Lambda's flags, against the local
 * stack, and handed the sample events of its module ({@code events/<module>/}) that are of the type
 * it takes, so the classes a request loads (the SDK's calls, JSON, the webhook client) are there too.
 */
class FunctionJarsTest {
    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    private static final Pattern MISSING_CLASS = Pattern.compile("NoClassDefFoundError|ClassNotFoundException|NoSuchMethodError|NoSuchFieldError");

    @Test
    void eachFunctionsHandlerRunsItsSampleEventsFromItsOwnJar() throws Exception {
        Template template = Template.parse(Files.readString(ROOT.resolve("template.yaml")));
        Path probeDirectory = probeClassDirectory();
        // The tests' copy of Lambda's serialization maps stream events with Joda-Time's help, which no function uses.
        String serialization = String.join(File.pathSeparator, jarOf(LambdaEventSerializers.class), jarOf(Class.forName("org.joda.time.DateTime")));
        TestAccount account = RunningStack.newAccount();
        List<Template.Resource> functions = template.resourcesOfType(Template.FUNCTION);
        assertFalse(functions.isEmpty());
        try (WebhookReceiver receiver = WebhookReceiver.ok()) {
            int webhooks = 0;
            for (Template.Resource function : functions) {
                String codeUri = (String) function.properties().get("CodeUri");
                Path jar = ROOT.resolve(codeUri);
                assertTrue(Files.isRegularFile(jar), function.logicalId() + ": " + jar + " is built");
                String handlerClass = ((String) function.properties().get("Handler")).split("::")[0];
                String eventType = HandlerJarProbe.handleRequest(Class.forName(handlerClass)).getParameterTypes()[0].getSimpleName();
                List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        "-XX:+TieredCompilation", "-XX:TieredStopAtLevel=1",
                        "-cp", String.join(File.pathSeparator, jar.toString(), probeDirectory.toString(), serialization),
                        HandlerJarProbe.class.getName(), handlerClass));
                for (Path fixture : fixtures(Path.of(codeUri).getName(1).toString())) {
                    JsonNode event = Json.parse(Files.readString(fixture));
                    if (eventType.equals(typeOf(event))) {
                        webhooks += prepare(event, account, receiver);
                        Path prepared = Files.createTempFile("fixture", ".json");
                        Files.writeString(prepared, Json.write(event));
                        command.add(prepared.toString());
                    }
                }
                ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
                builder.environment().clear();
                builder.environment().putAll(RunningStack.get().functionEnvironment(function.logicalId()));
                Process process = builder.start();
                String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                assertTrue(process.waitFor(60, TimeUnit.SECONDS), function.logicalId() + " ran in time");
                String from = function.logicalId() + " from " + jar.getFileName() + ":\n" + output;
                assertEquals(0, process.exitValue(), from);
                assertFalse(MISSING_CLASS.matcher(output).find(), from);
                for (String line : output.lines().filter(line -> line.startsWith(HandlerJarProbe.RESPONSE)).toList()) {
                    JsonNode response = Json.parse(line.substring(HandlerJarProbe.RESPONSE.length()));
                    if (response.has("batchItemFailures")) {
                        assertEquals(0, response.get("batchItemFailures").size(), from);
                    }
                    if (response.has("statusCode")) {
                        assertTrue(response.get("statusCode").asInt() < 500, from);
                    }
                }
            }
            assertTrue(webhooks > 0, "a sample event sends webhooks");
            assertEquals(webhooks, receiver.received().size(), "every sample webhook arrived");
        }
    }

    private static String jarOf(Class<?> type) throws Exception {
        return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
    }

    private static List<Path> fixtures(String module) throws Exception {
        Path directory = ROOT.resolve("events").resolve(module);
        if (!Files.isDirectory(directory)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(directory)) {
            return files.filter(file -> file.toString().endsWith(".json")).sorted().toList();
        }
    }

    /** The simple name of the Lambda event class a sample event is, by its shape. */
    private static String typeOf(JsonNode event) {
        if (event.has("routeKey")) {
            return "APIGatewayV2HTTPEvent";
        }
        if (event.has("detail-type")) {
            return "ScheduledEvent";
        }
        String source = event.path("Records").path(0).path("eventSource").asText();
        return switch (source) {
            case "aws:sqs" -> "SQSEvent";
            case "aws:dynamodb" -> "DynamodbEvent";
            default -> "unknown";
        };
    }

    /**
     * Points a sample event at this stack: requests carry the operator's or a test account's
     * credentials; jobs are the test account's, new each run, and their webhooks go to the receiver.
     *
     * @return how many webhooks the event sends
     */
    private static int prepare(JsonNode event, TestAccount account, WebhookReceiver receiver) throws Exception {
        if (event.has("routeKey")) {
            ObjectNode headers = (ObjectNode) event.get("headers");
            headers.put("authorization", event.get("rawPath").asText().equals("/v1/Accounts")
                    ? "Bearer " + RunningStack.get().operatorKey()
                    : ApiClient.basic(account.sid(), account.authToken()));
            return 0;
        }
        int webhooks = 0;
        for (JsonNode record : event.path("Records")) {
            if (record.path("eventSource").asText().equals("aws:sqs")) {
                ObjectNode job = (ObjectNode) Json.parse(record.get("body").asText());
                job.put("account_sid", account.sid()).put("job_id", Sids.random("NJ"));
                if (job.get("channel").asText().equals("webhook")) {
                    job.put("destination", receiver.url(URI.create(job.get("destination").asText()).getPath()));
                    webhooks++;
                } else {
                    job.put("destination", "jar+" + account.sid() + "@example.com");
                }
                ((ObjectNode) record).put("body", Json.write(job));
            }
        }
        return webhooks;
    }

    /** The probe alone, so the child's class path is the function's jar and nothing of the test's. */
    private static Path probeClassDirectory() throws Exception {
        Path directory = Files.createTempDirectory("handler-probe");
        String resource = HandlerJarProbe.class.getName().replace('.', '/') + ".class";
        Path target = directory.resolve(resource);
        Files.createDirectories(target.getParent());
        try (InputStream in = FunctionJarsTest.class.getClassLoader().getResourceAsStream(resource)) {
            Files.copy(in, target);
        }
        return directory;
    }
}
