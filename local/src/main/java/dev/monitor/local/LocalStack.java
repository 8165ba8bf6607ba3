package dev.monitor.local;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Collections;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * Monitor on one machine, wired from its SAM template: the tables and queues in an {@link AwsBackend}, the functions in
 * this process, invoked by an HTTP server in API Gateway's place and by pollers in place of Lambda's event source
 * mappings and EventBridge's schedules.
 */
public final class LocalStack implements AutoCloseable {
    /**
     * A local stack of the template's functions, not started yet.
     *
     * @param port           HTTP port; 0 takes a free one
     * @param operatorKey    null generates one
     * @param dataDir        where DynamoDB keeps its tables across restarts; null keeps them in memory
     * @param template       the SAM template; null reads the one packaged with the runner
     * @param sesEndpoint    the SES v2 API the functions send mail through
     * @param pollInterval   how long stream and queue pollers wait when they found nothing
     * @param environment    set in every function's environment over the template's (tests compress the retry schedule)
     */
    public record Options(
            int port,
            String operatorKey,
            Path dataDir,
            Path template,
            URI sesEndpoint,
            Duration pollInterval,
            Map<String, String> environment) {
        public static final int DEFAULT_PORT = 3000;
        public static final URI DEFAULT_SES_ENDPOINT = URI.create("http://127.0.0.1:8005");
        public static final Duration DEFAULT_POLL_INTERVAL = Duration.ofMillis(250);

        /** The packaged template on a free port, with a generated operator key, in memory, polling as usual. */
        public static Options inMemory() {
            return new Options(0, null, null, null, DEFAULT_SES_ENDPOINT, DEFAULT_POLL_INTERVAL, Map.of());
        }

        /** The packaged template on a free port, with a generated operator key, in memory, polling tightly. */
        public static Options forTests() {
            return new Options(0, null, null, null, DEFAULT_SES_ENDPOINT, Duration.ofMillis(50), Map.of());
        }
    }

    private final Deque<AutoCloseable> running;
    private final String baseUrl;
    private final String operatorKey;
    private final Map<String, String> awsEnvironment;
    private final BackendClients clients;
    private final Schedules schedules;
    private final Map<String, Map<String, String>> functionEnvironments;
    private final Map<String, LambdaFunction> functions;
    private final FunctionLogs functionLogs;
    private final AtomicBoolean closed = new AtomicBoolean();

    private LocalStack(
            Deque<AutoCloseable> running,
            String baseUrl,
            String operatorKey,
            Map<String, String> awsEnvironment,
            BackendClients clients,
            Schedules schedules,
            Map<String, Map<String, String>> functionEnvironments,
            Map<String, LambdaFunction> functions,
            FunctionLogs functionLogs) {
        this.running = running;
        this.baseUrl = baseUrl;
        this.operatorKey = operatorKey;
        this.awsEnvironment = awsEnvironment;
        this.clients = clients;
        this.schedules = schedules;
        this.functionEnvironments = functionEnvironments;
        this.functions = functions;
        this.functionLogs = functionLogs;
    }

    /** On DynamoDB Local and ElasticMQ, in this process. */
    public static LocalStack start(Options options) {
        return start(options, () -> AwsBackend.embedded(options.dataDir()));
    }

    /**
     * On the services {@code backend} starts (such as LocalStack's, for the tests of {@code mvn -Plocalstack});
     * the stack closes it when it closes. {@code options.dataDir()} is then the backend's business.
     */
    public static LocalStack start(Options options, Supplier<AwsBackend> backendStarter) {
        Deque<AutoCloseable> running = new ArrayDeque<>();
        try {
            Template template = Template.parse(templateText(options.template()));
            String operatorKey = options.operatorKey() != null ? options.operatorKey() : LocalSecrets.newOperatorKey();

            AwsBackend backend = backendStarter.get();
            running.push(backend);
            Map<String, String> awsEnvironment = new LinkedHashMap<>(backend.environment());
            awsEnvironment.put("AWS_ENDPOINT_URL_SESV2", options.sesEndpoint().toString());
            BackendClients clients = new BackendClients(backend.environment());
            running.push(clients);

            String region = awsEnvironment.get("AWS_REGION");
            LocalResources resources = new LocalResources();
            // Listening first, so that the API's own URL is known as a template parameter's value; routes
            // are added as the functions load.
            HttpRouter router = new HttpRouter();
            HttpGateway gateway = HttpGateway.start(options.port(), router);
            running.push(gateway);
            String baseUrl = "http://127.0.0.1:" + gateway.port();
            // The sender needs no verification: the SES emulator accepts any. Links in notifications
            // point at the local API, as on AWS they point at the HTTP API's URL.
            Intrinsics intrinsics = new Intrinsics(
                    template,
                    Map.of(
                            "OperatorKeySha256",
                            LocalSecrets.sha256Hex(operatorKey),
                            "NotificationSenderEmail",
                            "notifications@monitor.localhost",
                            "PublicBaseUrl",
                            baseUrl),
                    resources,
                    region);
            new DynamoDbTables(clients.dynamoDb()).createAll(template, intrinsics, resources);
            new SqsQueues(clients.sqs()).createAll(template, intrinsics, resources);
            List<Template.Resource> functions = template.resourcesOfType(Template.FUNCTION);
            functions.forEach(function -> resources.addFunction(
                    function.logicalId(),
                    new LocalResources.Function(
                            function.logicalId(), FunctionDefinition.arn(function.logicalId(), region))));

            Map<String, String> localEnvironment = new LinkedHashMap<>(awsEnvironment);
            // Webhook receivers run on this machine: loopback targets are allowed unless the options say otherwise.
            localEnvironment.put("MONITOR_ALLOW_PRIVATE_WEBHOOK_TARGETS", "true");
            localEnvironment.put("MONITOR_AUTH_TOKEN_SEALING_KEY", LocalSecrets.sealingKey(options.dataDir()));
            localEnvironment.putAll(options.environment());

            Schedules schedules = new Schedules();
            running.push(schedules);
            EventSourceMappings mappings =
                    new EventSourceMappings(clients, resources, options.pollInterval(), backend.tableWrites());
            running.push(mappings);
            Map<String, Map<String, String>> functionEnvironments = new LinkedHashMap<>();
            Map<String, LambdaFunction> loaded = new LinkedHashMap<>();
            FunctionLogs functionLogs = new FunctionLogs();
            for (Template.Resource resource : functions) {
                // Each function signs with an access key of its own, as each has its own role on AWS, so that
                // whoever sees a request (a test checking the template's policies) can tell whose it is.
                Map<String, String> ownEnvironment = new LinkedHashMap<>(localEnvironment);
                ownEnvironment.put("AWS_ACCESS_KEY_ID", resource.logicalId());
                ownEnvironment.putAll(options.environment());
                FunctionDefinition definition = FunctionDefinition.from(template, resource, intrinsics, ownEnvironment);
                functionEnvironments.put(definition.name(), definition.environment());
                LambdaFunction function = LambdaFunction.load(definition, functionLogs);
                loaded.put(definition.name(), function);
                definition.events().forEach((eventName, source) -> {
                    if (source instanceof EventSource.HttpRoute route) {
                        router.add(
                                function,
                                route.method(),
                                route.path(),
                                RouteThrottle.forRouteOf(route.apiId(), template, intrinsics));
                    } else if (source instanceof EventSource.Stream stream) {
                        mappings.add(function, eventName, stream);
                    } else if (source instanceof EventSource.Queue queue) {
                        mappings.add(function, eventName, queue);
                    } else if (source instanceof EventSource.Schedule schedule) {
                        schedules.add(function, schedule);
                    }
                });
            }
            return new LocalStack(
                    running,
                    baseUrl,
                    operatorKey,
                    Collections.unmodifiableMap(awsEnvironment),
                    clients,
                    schedules,
                    Collections.unmodifiableMap(functionEnvironments),
                    Collections.unmodifiableMap(loaded),
                    functionLogs);
        } catch (IOException e) {
            closeAll(running);
            throw new UncheckedIOException(e);
        } catch (RuntimeException | Error e) {
            closeAll(running);
            throw e;
        }
    }

    /** Where the HTTP API is served, without a trailing slash. */
    public String baseUrl() {
        return baseUrl;
    }

    public String operatorKey() {
        return operatorKey;
    }

    /** Region, credentials and endpoints that point an AWS SDK at this stack's services. */
    public Map<String, String> awsEnvironment() {
        return awsEnvironment;
    }

    /** The environment a function of the template runs with here, to build its handler outside the stack. */
    public Map<String, String> functionEnvironment(String functionName) {
        Map<String, String> environment = functionEnvironments.get(functionName);
        if (environment == null) {
            throw new IllegalArgumentException("The template has no function " + functionName);
        }
        return environment;
    }

    /** Every line the functions log, as their log groups on AWS would hold them. */
    public FunctionLogs functionLogs() {
        return functionLogs;
    }

    public DynamoDbClient dynamoDb() {
        return clients.dynamoDb();
    }

    public SqsClient sqs() {
        return clients.sqs();
    }

    /**
     * Invokes a function with {@code event}, as {@code aws lambda invoke} does, and returns its answer; throws what it
     * threw.
     */
    public JsonNode invoke(String functionName, JsonNode event) throws Exception {
        LambdaFunction function = functions.get(functionName);
        if (function == null) {
            throw new IllegalArgumentException("The template has no function " + functionName);
        }
        return function.invoke(event);
    }

    /** Invokes a scheduled function now rather than at its next scheduled time; throws what the handler threw. */
    public void runScheduled(String functionName) throws Exception {
        schedules.runNow(functionName);
    }

    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            closeAll(running);
        }
    }

    private static void closeAll(Deque<AutoCloseable> running) {
        while (!running.isEmpty()) {
            AutoCloseable next = running.pop();
            try {
                next.close();
            } catch (Exception e) {
                Log.error("Closing " + next.getClass().getSimpleName() + " failed", e);
            }
        }
    }

    private static String templateText(Path template) throws IOException {
        if (template != null) {
            return Files.readString(template);
        }
        try (InputStream packaged = LocalStack.class.getResourceAsStream("/template.yaml")) {
            if (packaged == null) {
                throw new IllegalStateException("No template given and none packaged with the runner");
            }
            return new String(packaged.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
