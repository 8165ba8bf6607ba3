package dev.monitor.local;

import static dev.monitor.local.TemplateMaps.at;
import static dev.monitor.local.TemplateMaps.map;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.OptionalInt;

/**
 * A function of the template as the local stack runs it: its handler, its resolved environment and its events, and
 * its {@code ReservedConcurrentExecutions} (empty when it has none).
 */
record FunctionDefinition(
        String name,
        String arn,
        String handler,
        int timeoutSeconds,
        int memoryMb,
        OptionalInt reservedConcurrency,
        Map<String, String> environment,
        Map<String, EventSource> events) {

    /** Tuning for the Lambda JVM; meaningless for a handler running inside this one. */
    private static final String JAVA_TOOL_OPTIONS = "JAVA_TOOL_OPTIONS";

    static String arn(String name, String region) {
        return "arn:aws:lambda:" + region + ":" + Intrinsics.ACCOUNT_ID + ":function:" + name;
    }

    /**
     * The environment is the template's, where each intrinsic resolves to its local value and variables without a
     * local value are left out, then {@code localEnvironment} (endpoints, credentials, local-only settings).
     */
    static FunctionDefinition from(
            Template template,
            Template.Resource resource,
            Intrinsics intrinsics,
            Map<String, String> localEnvironment) {
        Map<String, Object> properties = template.functionProperties(resource);
        Map<String, String> environment = new LinkedHashMap<>();
        map(at(properties, "Environment", "Variables")).forEach((variable, value) -> {
            if (!variable.equals(JAVA_TOOL_OPTIONS)) {
                intrinsics.text(value).ifPresent(resolved -> environment.put(variable, resolved));
            }
        });
        environment.putAll(localEnvironment);
        Map<String, EventSource> events = new LinkedHashMap<>();
        map(properties.get("Events"))
                .forEach(
                        (eventName, event) -> EventSource.parse(resource.logicalId(), eventName, map(event), intrinsics)
                                .ifPresent(source -> events.put(eventName, source)));
        String name = resource.logicalId();
        return new FunctionDefinition(
                name,
                arn(name, localEnvironment.get("AWS_REGION")),
                String.valueOf(properties.get("Handler")),
                number(intrinsics, properties.get("Timeout"), 3),
                number(intrinsics, properties.get("MemorySize"), 128),
                intrinsics
                        .text(properties.get("ReservedConcurrentExecutions"))
                        .map(reserved -> OptionalInt.of(Integer.parseInt(reserved)))
                        .orElse(OptionalInt.empty()),
                Collections.unmodifiableMap(environment),
                Collections.unmodifiableMap(events));
    }

    private static int number(Intrinsics intrinsics, Object value, int fallback) {
        return intrinsics.text(value).map(Integer::parseInt).orElse(fallback);
    }
}
