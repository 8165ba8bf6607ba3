package dev.monitor.dynamo.alerts;

import dev.monitor.alerts.Alert;
import dev.monitor.alerts.AlertFilter;
import dev.monitor.alerts.AlertStore;
import dev.monitor.audit.AuditEvent;
import dev.monitor.dynamo.TimelineStore;
import dev.monitor.dynamo.events.AuditedWrites;
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
