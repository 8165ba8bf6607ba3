package dev.monitor.local;

import static dev.monitor.local.TemplateMaps.map;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Resolves CloudFormation intrinsic functions to the local stack's values. A value with no local meaning (a KMS key,
 * an import from another stack) resolves to empty, and whoever asked leaves it out.
 */
final class Intrinsics {
    static final String ACCOUNT_ID = "000000000000";
    private static final String STACK_NAME = "monitor-local";
    private static final Pattern SUB_VARIABLE = Pattern.compile("\\$\\{(!?)([^}]+)}");

    private final Template template;
    private final Map<String, String> parameterValues;
    private final LocalResources resources;
    private final String region;

    Intrinsics(Template template, Map<String, String> parameterValues, LocalResources resources, String region) {
        this.template = template;
        this.parameterValues = parameterValues;
        this.resources = resources;
        this.region = region;
    }

    Optional<String> text(Object value) {
        if (value instanceof String || value instanceof Number || value instanceof Boolean) {
            return Optional.of(value.toString());
        }
        Map<String, Object> function = map(value);
        if (function.size() != 1) {
            return Optional.empty();
        }
        Map.Entry<String, Object> call = function.entrySet().iterator().next();
        Object argument = call.getValue();
        return switch (call.getKey()) {
            case "Ref" -> ref(String.valueOf(argument));
            case "Fn::GetAtt" -> getAtt(argument);
            case "Fn::Sub" -> sub(argument);
            case "Fn::Join" ->
                strings(TemplateMaps.list(argument).get(1))
                        .map(parts -> String.join(
                                String.valueOf(TemplateMaps.list(argument).get(0)), parts));
            case "Fn::Select" ->
                strings(TemplateMaps.list(argument).get(1))
                        .map(items -> items.get(Integer.parseInt(
                                String.valueOf(TemplateMaps.list(argument).get(0)))));
            case "Fn::If" -> text(chosenBranch(argument));
            case "Fn::FindInMap" -> findInMap(TemplateMaps.list(argument));
            case "Fn::Base64" ->
                text(argument).map(plain -> Base64.getEncoder().encodeToString(plain.getBytes(StandardCharsets.UTF_8)));
            default -> Optional.empty();
        };
    }

    private boolean condition(String name) {
        Object expression = template.conditions().get(name);
        if (expression == null) {
            throw new IllegalArgumentException("The template has no condition " + name);
        }
        return evaluate(expression);
    }

    private Optional<List<String>> strings(Object value) {
        Map<String, Object> function = map(value);
        if (function.containsKey("Fn::Split")) {
            List<Object> arguments = TemplateMaps.list(function.get("Fn::Split"));
            return text(arguments.get(1))
                    .map(source -> List.of(source.split(Pattern.quote(String.valueOf(arguments.get(0))), -1)));
        }
        if (function.containsKey("Fn::If")) {
            return strings(chosenBranch(function.get("Fn::If")));
        }
        List<String> items = new ArrayList<>();
        for (Object item : TemplateMaps.list(value)) {
            Optional<String> resolved = text(item);
            if (resolved.isEmpty()) {
                return Optional.empty();
            }
            items.add(resolved.get());
        }
        return value instanceof List<?> ? Optional.of(items) : Optional.empty();
    }

    private Optional<String> ref(String name) {
        return switch (name) {
            case "AWS::Region" -> Optional.of(region);
            case "AWS::AccountId" -> Optional.of(ACCOUNT_ID);
            case "AWS::Partition" -> Optional.of("aws");
            case "AWS::URLSuffix" -> Optional.of("amazonaws.com");
            case "AWS::StackName" -> Optional.of(STACK_NAME);
            case "AWS::NoValue" -> Optional.empty();
            default ->
                template.parameters().containsKey(name)
                        ? Optional.ofNullable(parameterValues.get(name))
                                .or(() -> text(
                                        map(template.parameters().get(name)).get("Default")))
                        : resources.ref(name);
        };
    }

    private Optional<String> getAtt(Object argument) {
        List<Object> parts = TemplateMaps.list(argument);
        if (parts.isEmpty()) {
            String[] dotted = String.valueOf(argument).split("\\.", 2);
            return dotted.length == 2 ? resources.attribute(dotted[0], dotted[1]) : Optional.empty();
        }
        return resources.attribute(String.valueOf(parts.get(0)), String.valueOf(parts.get(1)));
    }

    private Optional<String> sub(Object argument) {
        List<Object> parts = TemplateMaps.list(argument);
        String source = parts.isEmpty() ? String.valueOf(argument) : String.valueOf(parts.get(0));
        Map<String, Object> variables = parts.isEmpty() ? Map.of() : map(parts.get(1));
        Matcher matcher = SUB_VARIABLE.matcher(source);
        StringBuilder result = new StringBuilder();
        while (matcher.find()) {
            String name = matcher.group(2);
            Optional<String> value = !matcher.group(1).isEmpty()
                    ? Optional.of("${" + name + "}")
                    : variables.containsKey(name)
                            ? text(variables.get(name))
                            : name.contains(".") ? getAtt(name) : ref(name);
            if (value.isEmpty()) {
                return Optional.empty();
            }
            matcher.appendReplacement(result, Matcher.quoteReplacement(value.get()));
        }
        matcher.appendTail(result);
        return Optional.of(result.toString());
    }

    private Optional<String> findInMap(List<Object> arguments) {
        Object value = template.mappings();
        for (Object key : arguments) {
            Optional<String> resolved = text(key);
            if (resolved.isEmpty()) {
                return Optional.empty();
            }
            value = map(value).get(resolved.get());
        }
        return text(value);
    }

    private Object chosenBranch(Object argument) {
        List<Object> arguments = TemplateMaps.list(argument);
        return condition(String.valueOf(arguments.get(0))) ? arguments.get(1) : arguments.get(2);
    }

    private boolean evaluate(Object expression) {
        Map.Entry<String, Object> call = map(expression).entrySet().iterator().next();
        List<Object> arguments = TemplateMaps.list(call.getValue());
        return switch (call.getKey()) {
            case "Fn::Equals" -> Objects.equals(text(arguments.get(0)), text(arguments.get(1)));
            case "Fn::Not" -> !evaluate(arguments.get(0));
            case "Fn::And" -> arguments.stream().allMatch(this::evaluate);
            case "Fn::Or" -> arguments.stream().anyMatch(this::evaluate);
            case "Condition" -> condition(String.valueOf(call.getValue()));
            default -> throw new IllegalArgumentException("Unsupported condition function " + call.getKey());
        };
    }
}
