package dev.monitor.alerts;

import dev.monitor.audit.AuditEvent;
import dev.monitor.paging.Page;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

public interface AlertStore {
    /** Writes the alerts, each kept until its own instant; writing the same alert twice is harmless. */
    void putAll(List<Alert> alerts, List<Instant> expiresAt);

    /** The alert, unless it does not exist, belongs to another account, or has expired by {@code now}. */
    Optional<Alert> find(String accountSid, String sid, Instant now);

    /** Newest first; alerts that have expired by {@code now} are never returned. */
    Page<Alert> list(String accountSid, AlertFilter filter, Instant now, int pageSize, Optional<String> cursor);

    /** Deletes the alert with its events; false, writing nothing, when there was none of this account. */
    boolean delete(String accountSid, String sid, List<AuditEvent> audit);
}
