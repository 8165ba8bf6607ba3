package dev.monitor.notify;

import dev.monitor.accounts.Account;
import dev.monitor.audit.Actor;
import dev.monitor.audit.AuditTrail;
import dev.monitor.audit.AuditedChange;
import dev.monitor.audit.MonitorEventTypes;
import dev.monitor.audit.PropertyChange;
import dev.monitor.errors.DomainException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/** An account's request for a new signing secret: the api's part of {@link SigningSecrets}, an event of its own. */
public final class SigningSecretRotation {
    /**
     * A rotation this soon after the last is refused: a burst of rotations (a double click, retries) makes one new
     * secret, so it never pushes out of {@link SigningSecret#MAX_SIGNING} a secret another rotation just answered.
     */
    public static final Duration ROTATION_SPACING = Duration.ofSeconds(2);

    private final SigningSecrets secrets;
    private final AuditTrail audit;
    private final Clock clock;

    public SigningSecretRotation(SigningSecrets secrets, AuditTrail audit, Clock clock) {
        this.secrets = secrets;
        this.audit = audit;
        this.clock = clock;
    }

    /**
     * A new secret; those it replaces keep signing beside it for {@link SigningSecret#OVERLAP}. Of two rotations at
     * once, one stands and the other is a conflict, so that every secret a rotation answers signs.
     */
    public SigningSecret rotate(Account account, Actor actor) {
        account.checkWritable();
        Instant now = clock.instant();
        SigningSecret current = secrets.current(account.sid());
        Optional<Instant> spaced = current.dateRotated().map(last -> last.plus(ROTATION_SPACING));
        if (spaced.filter(now::isBefore).isPresent()) {
            throw new DomainException.Conflict(
                    "The signing secret was rotated at " + current.dateRotated().get() + ": rotate again from "
                            + spaced.get() + " if a newer one is still wanted");
        }
        SigningSecret rotated = current.rotatedTo(SigningSecrets.newSecret(), now);
        // The event names the rotation only: neither secret is in it.
        AuditedChange change = AuditedChange.of(
                        MonitorEventTypes.SIGNING_SECRET_ROTATED,
                        account.sid(),
                        "The webhook signing secret was rotated")
                .with(new PropertyChange.Diff().property("version", current.version(), rotated.version()));
        if (!secrets.replace(account.sid(), rotated, audit.events(account.sid(), actor, change, now))) {
            throw new DomainException.Conflict(
                    "The signing secret was rotated by another request at the same moment: fetch it, and rotate again"
                            + " if a newer one is still wanted");
        }
        return rotated;
    }
}
