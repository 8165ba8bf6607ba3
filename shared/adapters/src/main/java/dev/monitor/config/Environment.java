package dev.monitor.config;

import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * A function's environment variables, read once at init. A missing or malformed value fails there, naming the
 * variable, so a misconfigured function never takes a request.
 */
public final class Environment {
    private final Map<String, String> variables;

    private Environment(Map<String, String> variables) {
        this.variables = Map.copyOf(variables);
    }

    public static Environment of(Map<String, String> variables) {
        return new Environment(variables);
    }

    public static Environment system() {
        return of(System.getenv());
    }

    public Optional<String> optional(String name) {
        return Optional.ofNullable(variables.get(name)).filter(value -> !value.isBlank());
    }

    public String required(String name) {
        return optional(name)
                .orElseThrow(() -> new IllegalStateException("Environment variable " + name + " is not set"));
    }

    /** The variable read by {@code parser}, or {@code fallback} when it is unset. */
    public <T> T parsed(String name, Function<String, T> parser, T fallback) {
        return optionalParsed(name, parser).orElse(fallback);
    }

    public <T> Optional<T> optionalParsed(String name, Function<String, T> parser) {
        return optional(name).map(value -> {
            try {
                return parser.apply(value.strip());
            } catch (RuntimeException e) {
                // Neither the value nor the parser's message (which often quotes it) is told: some variables hold
                // secrets.
                throw new IllegalStateException("Environment variable " + name + " is malformed");
            }
        });
    }

    /** {@code true} or {@code false}, nothing else; {@code fallback} when unset. */
    public boolean flag(String name, boolean fallback) {
        return parsed(
                name,
                value -> switch (value) {
                    case "true" -> true;
                    case "false" -> false;
                    default -> throw new IllegalArgumentException();
                },
                fallback);
    }
}
