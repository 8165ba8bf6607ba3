package dev.monitor.notify;

import dev.monitor.audit.AuditEvent;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Each account's signing secrets, sealed. */
public interface SigningSecretStore {
    /** The sealed secrets of {@link SigningSecret}, the replaced ones newest first. */
    record Sealed(
            byte[] secret,
            List<SealedReplaced> replaced,
            Instant dateCreated,
            Optional<Instant> dateRotated,
            long version) {}

    record SealedReplaced(byte[] secret, Instant replacedAt) {}

    Optional<Sealed> find(String accountSid);

    /** Stores the account's first secret; false if it already has one. */
    boolean create(String accountSid, Sealed secrets);

    /**
     * Puts the secrets in place of version {@code secrets.version() - 1}'s, with the change's events; false, writing
     * nothing, if another write came first.
     */
    boolean replace(String accountSid, Sealed secrets, List<AuditEvent> audit);
}
