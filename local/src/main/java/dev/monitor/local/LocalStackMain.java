package dev.monitor.local;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * {@code java -jar monitor-local.jar}: runs Monitor's local stack until Ctrl-C. Settings come from the environment:
 * MONITOR_PORT, MONITOR_OPERATOR_KEY, MONITOR_DATA_DIR, MONITOR_SES_ENDPOINT and MONITOR_TEMPLATE.
 */
public final class LocalStackMain {
    private LocalStackMain() {}

    public static void main(String[] args) {
        Map<String, String> environment = System.getenv();
        String operatorKey = setting(environment, "MONITOR_OPERATOR_KEY");
        String dataDir = setting(environment, "MONITOR_DATA_DIR");
        String sesEndpoint = setting(environment, "MONITOR_SES_ENDPOINT");
        String port = setting(environment, "MONITOR_PORT");
        Path template = template(environment);
        Log.info("Template: " + (template == null ? "the copy packaged in the jar" : template.toAbsolutePath()));
        LocalStack stack;
        try {
            stack = LocalStack.start(new LocalStack.Options(
                    port == null ? LocalStack.Options.DEFAULT_PORT : Integer.parseInt(port),
                    operatorKey,
                    dataDir == null ? null : Path.of(dataDir),
                    template,
                    sesEndpoint == null ? LocalStack.Options.DEFAULT_SES_ENDPOINT : URI.create(sesEndpoint),
                    LocalStack.Options.DEFAULT_POLL_INTERVAL,
                    Map.of()));
        } catch (RuntimeException e) {
            Log.error("The local stack did not start", e);
            System.exit(1);
            return;
        }
        Runtime.getRuntime().addShutdownHook(new Thread(stack::close, "local-stack-shutdown"));
        if (operatorKey == null) {
            System.out.println(
                    "Operator key (generated; set MONITOR_OPERATOR_KEY to choose it): " + stack.operatorKey());
        }
        System.out.println(
                "Monitor local stack ready on " + stack.baseUrl() + " (console: " + stack.baseUrl() + "/console/)");
    }

    /** MONITOR_TEMPLATE, else ./template.yaml, else null for the copy packaged in the jar. */
    private static Path template(Map<String, String> environment) {
        String configured = setting(environment, "MONITOR_TEMPLATE");
        if (configured != null) {
            return Path.of(configured);
        }
        Path beside = Path.of("template.yaml");
        return Files.isRegularFile(beside) ? beside : null;
    }

    private static String setting(Map<String, String> environment, String name) {
        String value = environment.get(name);
        return value == null || value.isBlank() ? null : value.trim();
    }
}
