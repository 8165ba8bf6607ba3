package dev.monitor.local;

import static dev.monitor.local.TemplateMaps.map;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The parts of a SAM template that the local stack acts on. */
record Template(
        Map<String, Object> parameters,
        Map<String, Object> conditions,
        Map<String, Object> mappings,
        Map<String, Object> functionGlobals,
        Map<String, Resource> resources) {

    static final String TABLE = "AWS::DynamoDB::Table";
    static final String QUEUE = "AWS::SQS::Queue";
    static final String FUNCTION = "AWS::Serverless::Function";

    record Resource(String logicalId, String type, Map<String, Object> properties) {}

    static Template parse(String yaml) {
        Map<String, Object> root = CloudFormationYaml.parse(yaml);
        Map<String, Resource> resources = new LinkedHashMap<>();
        map(root.get("Resources"))
                .forEach((id, body) -> resources.put(
                        id,
                        new Resource(
                                id,
                                String.valueOf(map(body).get("Type")),
                                map(map(body).get("Properties")))));
        return new Template(
                map(root.get("Parameters")),
                map(root.get("Conditions")),
                map(root.get("Mappings")),
                map(map(root.get("Globals")).get("Function")),
                resources);
    }

    List<Resource> resourcesOfType(String type) {
        return resources.values().stream()
                .filter(resource -> resource.type().equals(type))
                .toList();
    }

    /** A function's properties laid over Globals.Function; environment variables merge one by one, as in SAM. */
    Map<String, Object> functionProperties(Resource function) {
        Map<String, Object> merged = new LinkedHashMap<>(functionGlobals);
        merged.putAll(function.properties());
        Map<String, Object> variables =
                new LinkedHashMap<>(map(map(functionGlobals.get("Environment")).get("Variables")));
        variables.putAll(map(map(function.properties().get("Environment")).get("Variables")));
        merged.put("Environment", Map.of("Variables", variables));
        return merged;
    }
}
