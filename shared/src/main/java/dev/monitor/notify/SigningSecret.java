package dev.monitor.notify;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * An account's Standard Webhooks signing secret ({@code whsec_} and base64 of 32 random bytes), and
 * the one it replaced, which still signs for a day after a rotation so receivers can switch over.
 */
public record SigningSecret(
        String secret, Optional<String> previousSecret, Instant dateCreated, Optional<Instant> dateRotated) {
    public static final Duration OVERLAP = Duration.ofHours(24);

    /** When the previous secret stops signing, if there is one. */
    public Optional<Instant> previousExpires() {
        return previousSecret.isPresent() ? dateRotated.map(rotated -> rotated.plus(OVERLAP)) : Optional.empty();
    }

    /** The secrets that sign at {@code now}: the current one, and the previous one during the overlap. */
    public List<String> signingSecrets(Instant now) {
        List<String> secrets = new ArrayList<>(2);
        secrets.add(secret);
        previousExpires().filter(now::isBefore).ifPresent(expires -> secrets.add(previousSecret.get()));
        return secrets;
    }
}
