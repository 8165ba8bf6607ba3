package dev.monitor.alerts;

import dev.monitor.storage.TimelineStore;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/** Alerts on their sharded timelines; {@link AlertCodec} says how an alert is stored. */
public final class DynamoAlertStore extends TimelineStore<Alert, AlertFilter> implements AlertStore {
    public DynamoAlertStore(DynamoDbClient dynamo, String table) {
        super(dynamo, table, new AlertCodec());
    }
}
