package dev.monitor.notify;

import dev.monitor.audit.AuditEvent;
import dev.monitor.crypto.SecretSealer;
import dev.monitor.crypto.Secrets;
import java.time.Clock;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

/** Each account's Standard Webhooks signing secret: made on first use, rotated by {@link SigningSecretRotation}. */
public final class SigningSecrets {
    public static final String PREFIX = "whsec_";

    private static final int SECRET_BYTES = 32;

    private final SigningSecretStore store;
    private final SecretSealer sealer;
    private final Clock clock;

    public SigningSecrets(SigningSecretStore store, SecretSealer sealer, Clock clock) {
        this.store = store;
        this.sealer = sealer;
        this.clock = clock;
    }

    /** The account's secret, made now if it has none. */
    public SigningSecret current(String accountSid) {
        Optional<SigningSecretStore.Sealed> stored = store.find(accountSid);
        if (stored.isPresent()) {
            return open(accountSid, stored.get());
        }
        SigningSecret fresh = new SigningSecret(newSecret(), List.of(), clock.instant(), Optional.empty(), 1);
        if (store.create(accountSid, seal(accountSid, fresh))) {
            return fresh;
        }
        // Another request made the first secret at the same moment: that one stands.
        return open(accountSid, store.find(accountSid).orElseThrow());
    }

    /**
     * Puts {@code rotated} in place of the secret it was rotated from, with the rotation's events; false, writing
     * nothing, when another rotation came first.
     */
    boolean replace(String accountSid, SigningSecret rotated, List<AuditEvent> audit) {
        return store.replace(accountSid, seal(accountSid, rotated), audit);
    }

    static String newSecret() {
        return PREFIX + Base64.getEncoder().encodeToString(Secrets.randomBytes(SECRET_BYTES));
    }

    private SigningSecretStore.Sealed seal(String accountSid, SigningSecret secret) {
        return new SigningSecretStore.Sealed(
                seal(accountSid, secret.secret()),
                secret.replaced().stream()
                        .map(old ->
                                new SigningSecretStore.SealedReplaced(seal(accountSid, old.secret()), old.replacedAt()))
                        .toList(),
                secret.dateCreated(),
                secret.dateRotated(),
                secret.version());
    }

    private byte[] seal(String accountSid, String secret) {
        return sealer.seal(accountSid, SecretSealer.Purpose.WEBHOOK_SIGNING_SECRET, secret);
    }

    private SigningSecret open(String accountSid, SigningSecretStore.Sealed sealed) {
        return new SigningSecret(
                open(accountSid, sealed.secret()),
                sealed.replaced().stream()
                        .map(old -> new SigningSecret.Replaced(open(accountSid, old.secret()), old.replacedAt()))
                        .toList(),
                sealed.dateCreated(),
                sealed.dateRotated(),
                sealed.version());
    }

    private String open(String accountSid, byte[] sealed) {
        return sealer.open(accountSid, SecretSealer.Purpose.WEBHOOK_SIGNING_SECRET, sealed);
    }
}
