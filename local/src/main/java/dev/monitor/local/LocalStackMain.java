package dev.monitor.local;

import java.io.IOException;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code java -jar monitor-local.jar}: runs Monitor's local stack until Ctrl-C. Settings come from the environment:
 * MONITOR_PORT, MONITOR_OPERATOR_KEY, MONITOR_DATA_DIR, MONITOR_SES_ENDPOINT, MONITOR_TEMPLATE and
 * MONITOR_ALLOW_PRIVATE_WEBHOOK_TARGETS.
 */
public final class LocalStackMain {
    /** Handed to the functions as set, to try production's webhook target rules locally. */
    static final String ALLOW_PRIVATE_WEBHOOK_TARGETS = "MONITOR_ALLOW_PRIVATE_WEBHOOK_TARGETS";

    private LocalStackMain() {}

    public static void main(String[] args) {
        LocalStack.Options options;
        try {
            options = options(System.getenv());
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.exit(1);
            return;
        }
        if (options.port() != 0 && !free(options.port())) {
            System.err.println(portTaken(options.port()));
            System.exit(1);
            return;
        }
        Log.info("Template: "
                + (options.template() == null
                        ? "the copy packaged in the jar"
                        : options.template().toAbsolutePath()));
        LocalStack stack;
        try {
            stack = LocalStack.start(options);
        } catch (RuntimeException e) {
            if (causedBy(e, BindException.class)) {
                // Taken between the check and the start.
                System.err.println(portTaken(options.port()));
            } else {
                Log.error("The local stack did not start", e);
            }
            System.exit(1);
            return;
        }
        Runtime.getRuntime().addShutdownHook(new Thread(stack::close, "local-stack-shutdown"));
        if (options.operatorKey() == null) {
            System.out.println(
                    "Operator key (generated; set MONITOR_OPERATOR_KEY to choose it): " + stack.operatorKey());
        }
        System.out.println(
                "Monitor local stack ready on " + stack.baseUrl() + " (console: " + stack.baseUrl() + "/console/)");
    }

    static LocalStack.Options options(Map<String, String> environment) {
        String port = setting(environment, "MONITOR_PORT");
        String dataDir = setting(environment, "MONITOR_DATA_DIR");
        String sesEndpoint = setting(environment, "MONITOR_SES_ENDPOINT");
        Map<String, String> functionEnvironment = new LinkedHashMap<>();
        String allowPrivate = setting(environment, ALLOW_PRIVATE_WEBHOOK_TARGETS);
        if (allowPrivate != null) {
            if (!allowPrivate.equals("true") && !allowPrivate.equals("false")) {
                throw new IllegalArgumentException(
                        ALLOW_PRIVATE_WEBHOOK_TARGETS + " must be true or false, not " + allowPrivate);
            }
            functionEnvironment.put(ALLOW_PRIVATE_WEBHOOK_TARGETS, allowPrivate);
        }
        return new LocalStack.Options(
                port == null ? LocalStack.Options.DEFAULT_PORT : parsePort(port),
                setting(environment, "MONITOR_OPERATOR_KEY"),
                dataDir == null ? null : Path.of(dataDir),
                template(environment),
                sesEndpoint == null ? LocalStack.Options.DEFAULT_SES_ENDPOINT : URI.create(sesEndpoint),
                LocalStack.Options.DEFAULT_POLL_INTERVAL,
                functionEnvironment);
    }

    static String portTaken(int port) {
        return "Port " + port + " is taken: set MONITOR_PORT to a free port (MONITOR_PORT=3001 local/run).";
    }

    private static int parsePort(String port) {
        try {
            int parsed = Integer.parseInt(port);
            if (parsed >= 0 && parsed <= 65535) {
                return parsed;
            }
        } catch (NumberFormatException e) {
            // Said below.
        }
        throw new IllegalArgumentException("MONITOR_PORT must be a port number, not " + port);
    }

    private static boolean free(int port) {
        try (ServerSocket probe = new ServerSocket()) {
            probe.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static boolean causedBy(Throwable error, Class<? extends Throwable> type) {
        for (Throwable cause = error; cause != null; cause = cause.getCause()) {
            if (type.isInstance(cause)) {
                return true;
            }
        }
        return false;
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
