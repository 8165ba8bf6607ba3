package dev.monitor.local.runtime;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/**
 * A function's jar run as Lambda's Java runtimes run it: unpacked into a task root that is the process's working
 * directory, and started by AWS's runtime interface client ({@code AWSLambda}), whose jars alone are on the class path
 * (the client loads the function's classes from the task root with a class loader of its own). The runtime talks to a
 * {@link RuntimeApiStandIn}; the process's output is kept for the test's messages.
 */
public final class LambdaRuntimeProcess implements AutoCloseable {
    /** Where the build copies the runtime interface client and what it needs (local/pom.xml). */
    private static final Path RUNTIME_JARS = Path.of("target", "lambda-runtime");

    private final Process process;
    private final Path output;
    private final RuntimeApiStandIn runtimeApi;
    private final long startedNanos;

    private LambdaRuntimeProcess(Process process, Path output, RuntimeApiStandIn runtimeApi, long startedNanos) {
        this.process = process;
        this.output = output;
        this.runtimeApi = runtimeApi;
        this.startedNanos = startedNanos;
    }

    /**
     * Starts {@code handler} from {@code jar}, with {@code environment} (the function's own, as the template sets it)
     * and the variables Lambda sets, under {@code javaOptions} (the template's JAVA_TOOL_OPTIONS).
     */
    public static LambdaRuntimeProcess start(
            Path jar, String functionName, String handler, Map<String, String> environment, String javaOptions)
            throws IOException {
        Path taskRoot = unpack(jar);
        RuntimeApiStandIn runtimeApi =
                new RuntimeApiStandIn("arn:aws:lambda:us-east-1:123456789012:function:" + functionName);
        List<String> command = new ArrayList<>(
                List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        command.addAll(List.of(javaOptions.trim().split("\\s+")));
        command.addAll(List.of(
                "-cp", runtimeClassPath(), "com.amazonaws.services.lambda.runtime.api.client.AWSLambda", handler));
        ProcessBuilder builder =
                new ProcessBuilder(command).directory(taskRoot.toFile()).redirectErrorStream(true);
        Path output = Files.createTempFile(functionName, ".log");
        builder.redirectOutput(output.toFile());
        Map<String, String> variables = builder.environment();
        variables.clear();
        variables.put("PATH", System.getenv().getOrDefault("PATH", "/usr/bin:/bin"));
        variables.putAll(lambdaVariables(functionName, handler, taskRoot, runtimeApi.address()));
        variables.putAll(environment);
        long started = System.nanoTime();
        return new LambdaRuntimeProcess(builder.start(), output, runtimeApi, started);
    }

    /** The variables Lambda's execution environment sets for every function. */
    private static Map<String, String> lambdaVariables(
            String functionName, String handler, Path taskRoot, String runtimeApi) {
        Map<String, String> variables = new LinkedHashMap<>();
        variables.put("AWS_LAMBDA_RUNTIME_API", runtimeApi);
        variables.put("_HANDLER", handler);
        variables.put("LAMBDA_TASK_ROOT", taskRoot.toString());
        variables.put("LAMBDA_RUNTIME_DIR", taskRoot.toString());
        variables.put("AWS_LAMBDA_FUNCTION_NAME", functionName);
        variables.put("AWS_LAMBDA_FUNCTION_VERSION", "$LATEST");
        variables.put("AWS_LAMBDA_FUNCTION_MEMORY_SIZE", "1024");
        variables.put("AWS_LAMBDA_LOG_GROUP_NAME", "/aws/lambda/" + functionName);
        variables.put("AWS_LAMBDA_LOG_STREAM_NAME", "2026/11/25/[$LATEST]0123456789abcdef");
        variables.put("AWS_EXECUTION_ENV", "AWS_Lambda_java25");
        variables.put("AWS_LAMBDA_INITIALIZATION_TYPE", "on-demand");
        variables.put("TZ", ":UTC");
        variables.put("LANG", "en_US.UTF-8");
        return variables;
    }

    public RuntimeApiStandIn runtimeApi() {
        return runtimeApi;
    }

    /** Milliseconds from the process's start to its first request for an invocation: the init phase. */
    public long awaitInit(Duration timeout) throws Exception {
        return TimeUnit.NANOSECONDS.toMillis(runtimeApi.awaitInitDone(timeout) - startedNanos);
    }

    public RuntimeApiStandIn.Answer invoke(String event, Duration timeout) throws Exception {
        return runtimeApi.invoke(event, timeout);
    }

    /** What the process has printed so far. */
    public String output() {
        try {
            return Files.readString(output, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "(output unreadable: " + e + ")";
        }
    }

    @Override
    public void close() throws Exception {
        process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        runtimeApi.close();
        Files.deleteIfExists(output);
    }

    private static String runtimeClassPath() throws IOException {
        if (!Files.isDirectory(RUNTIME_JARS)) {
            throw new IllegalStateException(
                    RUNTIME_JARS.toAbsolutePath() + " is missing: the build copies the runtime interface client there");
        }
        try (Stream<Path> jars = Files.list(RUNTIME_JARS)) {
            return String.join(
                    File.pathSeparator,
                    jars.map(jar -> jar.toAbsolutePath().toString()).sorted().toList());
        }
    }

    /** The jar's entries in a new directory, as Lambda unpacks a deployment package into /var/task. */
    private static Path unpack(Path jar) throws IOException {
        Path root = Files.createTempDirectory("task-root");
        try (ZipInputStream zip = new ZipInputStream(Files.newInputStream(jar))) {
            for (ZipEntry entry = zip.getNextEntry(); entry != null; entry = zip.getNextEntry()) {
                Path target = root.resolve(entry.getName()).normalize();
                if (!target.startsWith(root)) {
                    throw new IOException("Entry outside the task root: " + entry.getName());
                }
                if (entry.isDirectory()) {
                    Files.createDirectories(target);
                } else {
                    Files.createDirectories(target.getParent());
                    Files.copy(zip, target);
                }
            }
        }
        return root;
    }
}
