package dev.monitor.idempotency;

import java.util.Optional;

public interface IdempotencyStore {
    /**
     * Keeps the record unless one exists for its scope and key; answers the record that holds, the
     * given one or the earlier one.
     */
    IdempotencyRecord claim(IdempotencyRecord record);

    Optional<IdempotencyRecord> find(String scope, String keySha256);
}
