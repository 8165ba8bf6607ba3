package dev.monitor.local;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** What each resource of the template became locally: what {@code !Ref} and {@code !GetAtt} on it give. */
final class LocalResources {
    /** {@code kept}: the table was already in the data directory, from an earlier run. */
    record Table(String name, String arn, String streamArn, boolean kept) {}

    record Queue(String name, String url, String arn) {}

    record Function(String name, String arn) {}

    private final Map<String, Table> tables = new ConcurrentHashMap<>();
    private final Map<String, Queue> queues = new ConcurrentHashMap<>();
    private final Map<String, Function> functions = new ConcurrentHashMap<>();

    void addTable(String logicalId, Table table) {
        tables.put(logicalId, table);
    }

    void addQueue(String logicalId, Queue queue) {
        queues.put(logicalId, queue);
    }

    void addFunction(String logicalId, Function function) {
        functions.put(logicalId, function);
    }

    Optional<String> ref(String logicalId) {
        if (tables.containsKey(logicalId)) {
            return Optional.of(tables.get(logicalId).name());
        }
        if (queues.containsKey(logicalId)) {
            return Optional.of(queues.get(logicalId).url());
        }
        return Optional.ofNullable(functions.get(logicalId)).map(Function::name);
    }

    Optional<String> attribute(String logicalId, String attribute) {
        Table table = tables.get(logicalId);
        if (table != null) {
            return Optional.ofNullable(
                    switch (attribute) {
                        case "Arn" -> table.arn();
                        case "StreamArn" -> table.streamArn();
                        default -> null;
                    });
        }
        Queue queue = queues.get(logicalId);
        if (queue != null) {
            return Optional.ofNullable(
                    switch (attribute) {
                        case "Arn" -> queue.arn();
                        case "QueueUrl" -> queue.url();
                        case "QueueName" -> queue.name();
                        default -> null;
                    });
        }
        Function function = functions.get(logicalId);
        return function != null && attribute.equals("Arn") ? Optional.of(function.arn()) : Optional.empty();
    }

    Optional<Table> tableByStreamArn(String streamArn) {
        return tables.values().stream()
                .filter(table -> streamArn.equals(table.streamArn()))
                .findFirst();
    }

    Optional<Queue> queueByArn(String arn) {
        return queues.values().stream().filter(queue -> queue.arn().equals(arn)).findFirst();
    }
}
