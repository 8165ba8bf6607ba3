package dev.monitor.notify;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * An account's Standard Webhooks signing secret ({@code whsec_} and base64 of 32 random bytes), and those it replaced:
 * each keeps signing for a day after its replacement, so receivers can switch over, and two rotations in a row do not
 * break a receiver that has only the first. {@code version} counts the rotations, so that of two at once one stands.
 */
public record SigningSecret(
        String secret, List<Replaced> replaced, Instant dateCreated, Optional<Instant> dateRotated, long version) {
    public static final Duration OVERLAP = Duration.ofHours(24);
    /** The most secrets a webhook is signed with: the current one and the four replaced last. */
    public static final int MAX_SIGNING = 5;

    /** A secret that was replaced at {@code replacedAt}, newest first in {@link #replaced}. */
    public record Replaced(String secret, Instant replacedAt) {
        boolean signsAt(Instant now) {
            return now.isBefore(replacedAt.plus(OVERLAP));
        }
    }

    public SigningSecret {
        replaced = replaced.stream()
                .sorted(Comparator.comparing(Replaced::replacedAt).reversed())
                .limit(MAX_SIGNING - 1)
                .toList();
    }

    /** When the secret replaced last stops signing, if one still signs. */
    public Optional<Instant> previousExpires(Instant now) {
        return replaced.stream()
                .filter(old -> old.signsAt(now))
                .findFirst()
                .map(old -> old.replacedAt().plus(OVERLAP));
    }

    /** The secrets that sign at {@code now}: the current one, and those replaced within the overlap. */
    public List<String> signingSecrets(Instant now) {
        List<String> secrets = new ArrayList<>(MAX_SIGNING);
        secrets.add(secret);
        replaced.stream().filter(old -> old.signsAt(now)).forEach(old -> secrets.add(old.secret()));
        return secrets;
    }

    /** This secret replaced by {@code next} at {@code now}: the replaced ones that still sign stay, newest first. */
    SigningSecret rotatedTo(String next, Instant now) {
        List<Replaced> kept = new ArrayList<>();
        kept.add(new Replaced(secret, now));
        replaced.stream().filter(old -> old.signsAt(now)).forEach(kept::add);
        return new SigningSecret(next, kept, dateCreated, Optional.of(now), version + 1);
    }
}
