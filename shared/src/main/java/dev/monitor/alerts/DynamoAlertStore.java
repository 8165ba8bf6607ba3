package dev.monitor.alerts;

import dev.monitor.audit.AuditEvent;
import dev.monitor.events.AuditedWrites;
import dev.monitor.storage.TimelineStore;
import java.util.List;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/** Alerts on their sharded timelines; {@link AlertCodec} says how an alert is stored. */
public final class DynamoAlertStore extends TimelineStore<Alert, AlertFilter> implements AlertStore {
    private final AuditedWrites audited;

    public DynamoAlertStore(DynamoDbClient dynamo, String table) {
        super(dynamo, table, new AlertCodec());
        this.audited = new AuditedWrites(dynamo, table);
    }

    @Override
    public boolean delete(String accountSid, String sid, List<AuditEvent> audit) {
        return deleteWith(accountSid, sid, audited.puts(audit));
    }
}
