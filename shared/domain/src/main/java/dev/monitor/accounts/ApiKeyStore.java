package dev.monitor.accounts;

import dev.monitor.audit.AuditEvent;
import dev.monitor.audit.ChangedMeanwhile;
import dev.monitor.paging.Page;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** API keys; each change is written in one transaction with its events. */
public interface ApiKeyStore {
    void create(ApiKey key, List<AuditEvent> audit);

    Optional<ApiKey> find(String keySid);

    /** As of the last change (a strongly consistent read), for a change to build on. */
    Optional<ApiKey> findLatest(String keySid);

    Page<ApiKey> list(String accountSid, int pageSize, Optional<String> cursor);

    /**
     * Sets the key's friendly name and date updated to {@code renamed}'s, on condition that it was last changed at
     * {@code replacing}.
     *
     * @throws ChangedMeanwhile when it changed or went since
     */
    void rename(ApiKey renamed, Instant replacing, List<AuditEvent> audit);

    /** Deletes the key; false when it was gone already. */
    boolean delete(ApiKey key, List<AuditEvent> audit);
}
