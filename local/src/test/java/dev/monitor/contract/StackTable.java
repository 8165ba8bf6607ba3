package dev.monitor.contract;

import dev.monitor.testing.RunningStack;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * The local stack's DynamoDB Local and its one table, where each contract runs the DynamoDB store: the table the
 * template defines, with its indexes. Each test keeps to accounts and names of its own, drawn at random.
 */
final class StackTable {
    static final String NAME = "MonitorTable";

    private StackTable() {}

    static DynamoDbClient dynamo() {
        return RunningStack.get().dynamoDb();
    }
}
