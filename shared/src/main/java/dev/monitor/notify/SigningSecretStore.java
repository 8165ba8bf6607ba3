package dev.monitor.notify;

import java.time.Instant;
import java.util.Optional;

/** Each account's signing secrets, sealed. */
public interface SigningSecretStore {
    record Sealed(byte[] secret, Optional<byte[]> previousSecret, Instant dateCreated, Optional<Instant> dateRotated) {}

    Optional<Sealed> find(String accountSid);

    /** Stores the account's first secret; false if it already has one. */
    boolean create(String accountSid, Sealed secrets);

    void replace(String accountSid, Sealed secrets);
}
