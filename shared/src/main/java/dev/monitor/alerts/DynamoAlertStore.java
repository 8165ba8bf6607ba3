package dev.monitor.alerts;

import dev.monitor.paging.Page;
import dev.monitor.storage.TimelineStore;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/** Alerts on their sharded timelines; {@link AlertCodec} says how an alert is stored. */
public final class DynamoAlertStore implements AlertStore {
    private final TimelineStore<Alert, AlertFilter> timeline;

    public DynamoAlertStore(DynamoDbClient dynamo, String table) {
        this.timeline = new TimelineStore<>(dynamo, table, new AlertCodec());
    }

    @Override
    public void putAll(List<Alert> alerts, List<Instant> expiresAt) {
        timeline.putAll(alerts, expiresAt);
    }

    @Override
    public Optional<Alert> find(String accountSid, String sid, Instant now) {
        return timeline.find(accountSid, sid, now);
    }

    @Override
    public Page<Alert> list(String accountSid, AlertFilter filter, Instant now, int pageSize, Optional<String> cursor) {
        return timeline.list(accountSid, filter, filter.startDate(), filter.endDate(), now, pageSize, cursor);
    }

    @Override
    public boolean delete(String accountSid, String sid) {
        return timeline.delete(accountSid, sid);
    }
}
