package dev.monitor.accounts;

import dev.monitor.paging.Page;
import java.util.Optional;

public interface ApiKeyStore {
    void create(ApiKey key);

    Optional<ApiKey> find(String keySid);

    Page<ApiKey> list(String accountSid, int pageSize, Optional<String> cursor);

    void update(ApiKey key);

    void delete(ApiKey key);
}
