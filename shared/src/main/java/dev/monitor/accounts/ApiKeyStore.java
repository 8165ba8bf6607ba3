package dev.monitor.accounts;

import dev.monitor.paging.Page;
import java.time.Instant;
import java.util.Optional;

public interface ApiKeyStore {
    void create(ApiKey key);

    Optional<ApiKey> find(String keySid);

    Page<ApiKey> list(String accountSid, int pageSize, Optional<String> cursor);

    /** Sets a key's friendly name and date updated; the key as it is now, or empty when it is gone. */
    Optional<ApiKey> rename(String keySid, String friendlyName, Instant now);

    void delete(ApiKey key);
}
