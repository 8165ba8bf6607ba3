package dev.monitor.notify;

import dev.monitor.accounts.Account;
import dev.monitor.crypto.SecretSealer;
import dev.monitor.crypto.Secrets;
import dev.monitor.errors.DomainException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

/** Each account's Standard Webhooks signing secret: made on first use, rotated on request. */
public final class SigningSecrets {
    public static final String PREFIX = "whsec_";
    /**
     * A rotation this soon after the last is refused: a burst of rotations (a double click, retries) makes one new
     * secret, so it never pushes out of {@link SigningSecret#MAX_SIGNING} a secret another rotation just answered.
     */
    public static final Duration ROTATION_SPACING = Duration.ofSeconds(2);

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
     * A new secret; those it replaces keep signing beside it for {@link SigningSecret#OVERLAP}. Of two rotations at
     * once, one stands and the other is a conflict, so that every secret a rotation answers signs.
     */
    public SigningSecret rotate(Account account) {
        account.checkWritable();
        Instant now = clock.instant();
        SigningSecret current = current(account.sid());
        Optional<Instant> spaced = current.dateRotated().map(last -> last.plus(ROTATION_SPACING));
        if (spaced.filter(now::isBefore).isPresent()) {
            throw new DomainException.Conflict(
                    "The signing secret was rotated at " + current.dateRotated().get() + ": rotate again from "
                            + spaced.get() + " if a newer one is still wanted");
        }
        SigningSecret rotated = current.rotatedTo(newSecret(), now);
        if (!store.replace(account.sid(), seal(account.sid(), rotated))) {
            throw new DomainException.Conflict(
                    "The signing secret was rotated by another request at the same moment: fetch it, and rotate again"
                            + " if a newer one is still wanted");
        }
        return rotated;
    }

    private static String newSecret() {
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
