package dev.monitor.notify;

import dev.monitor.crypto.SecretSealer;
import dev.monitor.crypto.Secrets;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;

/** Each account's Standard Webhooks signing secret: made on first use, rotated on request. */
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
        SigningSecretStore.Sealed fresh = new SigningSecretStore.Sealed(
                seal(accountSid, newSecret()), Optional.empty(), clock.instant(), Optional.empty());
        if (store.create(accountSid, fresh)) {
            return open(accountSid, fresh);
        }
        // Another request made the first secret at the same moment: that one stands.
        return open(accountSid, store.find(accountSid).orElseThrow());
    }

    /** A new secret; the old one keeps signing beside it for {@link SigningSecret#OVERLAP}. */
    public SigningSecret rotate(String accountSid) {
        SigningSecret current = current(accountSid);
        Instant now = clock.instant();
        SigningSecretStore.Sealed rotated = new SigningSecretStore.Sealed(
                seal(accountSid, newSecret()),
                Optional.of(seal(accountSid, current.secret())),
                current.dateCreated(),
                Optional.of(now));
        store.replace(accountSid, rotated);
        return open(accountSid, rotated);
    }

    private static String newSecret() {
        return PREFIX + Base64.getEncoder().encodeToString(Secrets.randomBytes(SECRET_BYTES));
    }

    private byte[] seal(String accountSid, String secret) {
        return sealer.seal(accountSid, SecretSealer.Purpose.WEBHOOK_SIGNING_SECRET, secret);
    }

    private SigningSecret open(String accountSid, SigningSecretStore.Sealed sealed) {
        return new SigningSecret(
                sealer.open(accountSid, SecretSealer.Purpose.WEBHOOK_SIGNING_SECRET, sealed.secret()),
                sealed.previousSecret()
                        .map(previous ->
                                sealer.open(accountSid, SecretSealer.Purpose.WEBHOOK_SIGNING_SECRET, previous)),
                sealed.dateCreated(),
                sealed.dateRotated());
    }
}
