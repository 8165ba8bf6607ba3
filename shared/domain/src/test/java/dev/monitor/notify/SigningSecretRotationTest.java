package dev.monitor.notify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.monitor.accounts.Account;
import dev.monitor.accounts.AccountService;
import dev.monitor.accounts.AccountStatus;
import dev.monitor.accounts.Caller;
import dev.monitor.audit.Actor;
import dev.monitor.audit.AuditEvent;
import dev.monitor.audit.MonitorEventTypes;
import dev.monitor.crypto.LocalKeySecretSealer;
import dev.monitor.crypto.SecretSealer;
import dev.monitor.crypto.Secrets;
import dev.monitor.errors.DomainException;
import dev.monitor.events.Event;
import dev.monitor.testing.InMemoryStores;
import dev.monitor.testing.TestClock;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** An account's webhook signing secret and its rotation, on in-memory stores: the rules, without DynamoDB. */
class SigningSecretRotationTest {
    private static final Instant NOW = Instant.parse("2026-11-25T12:00:00Z");

    private final TestClock clock = new TestClock(NOW);
    private final InMemoryStores.Events log = new InMemoryStores.Events();
    private final AccountService accounts = InMemoryStores.accounts(new InMemoryStores.Accounts(log), log, clock);
    private final InMemoryStores.SigningSecrets store = new InMemoryStores.SigningSecrets(log);
    private final SecretSealer sealer = new LocalKeySecretSealer(Secrets.randomBytes(32));
    private final SigningSecrets secrets = new SigningSecrets(store, sealer, clock);
    private final SigningSecretRotation rotation = new SigningSecretRotation(secrets, InMemoryStores.audit(log), clock);
    private final Account account =
            accounts.createMainAccount(InMemoryStores.OPERATOR, "Acme").account();
    private final Actor actor = InMemoryStores.actorOf(account);

    private List<Event> rotations() {
        return log.history(account.sid()).stream()
                .filter(event -> event.eventType().equals(MonitorEventTypes.SIGNING_SECRET_ROTATED))
                .toList();
    }

    @Test
    void anAccountsFirstSecretIsMadeOnFirstUseAndStaysAndIsKeptSealed() {
        SigningSecret first = secrets.current(account.sid());
        assertTrue(first.secret().matches("whsec_[A-Za-z0-9+/]{43}="), first.secret());
        assertEquals(1, first.version());
        assertEquals(NOW, first.dateCreated());
        assertEquals(Optional.empty(), first.dateRotated());
        clock.advance(Duration.ofHours(1));
        assertEquals(first, secrets.current(account.sid()));
        assertEquals(List.of(first.secret()), first.signingSecrets(clock.instant()));

        String stored = new String(store.find(account.sid()).orElseThrow().secret(), StandardCharsets.ISO_8859_1);
        assertFalse(stored.contains(first.secret().substring("whsec_".length())), "sealed, not the secret itself");
        Account other =
                accounts.createMainAccount(InMemoryStores.OPERATOR, "Other").account();
        assertNotEquals(first.secret(), secrets.current(other.sid()).secret());
    }

    @Test
    void aRotatedSecretSignsBesideTheOneItReplacedForADay() {
        SigningSecret first = secrets.current(account.sid());
        clock.advance(Duration.ofMinutes(1));
        SigningSecret second = rotation.rotate(account, actor);
        assertNotEquals(first.secret(), second.secret());
        assertEquals(2, second.version());
        assertEquals(Optional.of(clock.instant()), second.dateRotated());
        assertEquals(first.dateCreated(), second.dateCreated());
        assertEquals(second, secrets.current(account.sid()));
        assertEquals(List.of(second.secret(), first.secret()), second.signingSecrets(clock.instant()));
        assertEquals(Optional.of(clock.instant().plus(SigningSecret.OVERLAP)), second.previousExpires(clock.instant()));

        clock.advance(SigningSecret.OVERLAP);
        assertEquals(List.of(second.secret()), secrets.current(account.sid()).signingSecrets(clock.instant()));
        assertEquals(Optional.empty(), secrets.current(account.sid()).previousExpires(clock.instant()));
        // A secret that stopped signing is not kept by the next rotation.
        SigningSecret third = rotation.rotate(account, actor);
        assertEquals(
                List.of(second.secret()),
                third.replaced().stream().map(SigningSecret.Replaced::secret).toList());
        assertEquals(third, secrets.current(account.sid()));
    }

    @Test
    void aRotationIsAnEventNamingTheVersionAndNeitherSecret() {
        SigningSecret first = secrets.current(account.sid());
        SigningSecret second = rotation.rotate(account, actor);
        List<Event> events = rotations();
        assertEquals(1, events.size());
        Event event = events.get(0);
        assertEquals("The webhook signing secret was rotated", event.description());
        assertEquals(account.sid(), event.resourceSid());
        assertEquals(
                "{\"resource_properties\":{\"version\":{\"previous\":\"1\",\"updated\":\"2\"}}}",
                event.eventData().toString());
        assertFalse(event.toString().contains(first.secret()));
        assertFalse(event.toString().contains(second.secret()));
    }

    @Test
    void aRotationWithinTwoSecondsOfTheLastIsRefusedAndLaterOneIsNot() {
        rotation.rotate(account, actor);
        Instant rotatedAt = clock.instant();
        clock.advance(Duration.ofMillis(1999));
        DomainException.Conflict refused =
                assertThrows(DomainException.Conflict.class, () -> rotation.rotate(account, actor));
        assertEquals(
                "The signing secret was rotated at " + rotatedAt + ": rotate again from "
                        + rotatedAt.plus(SigningSecretRotation.ROTATION_SPACING)
                        + " if a newer one is still wanted",
                refused.getMessage());
        assertEquals(2, secrets.current(account.sid()).version());
        clock.advance(Duration.ofMillis(1));
        assertEquals(3, rotation.rotate(account, actor).version());
        assertEquals(2, rotations().size());
    }

    @Test
    void atMostFiveSecretsSignTheNewestFirst() {
        SigningSecret latest = secrets.current(account.sid());
        for (int i = 0; i < 6; i++) {
            clock.advance(Duration.ofMinutes(1));
            latest = rotation.rotate(account, actor);
        }
        List<String> signing = latest.signingSecrets(clock.instant());
        assertEquals(SigningSecret.MAX_SIGNING, signing.size());
        assertEquals(latest.secret(), signing.get(0));
        assertEquals(signing, secrets.current(account.sid()).signingSecrets(clock.instant()));
    }

    @Test
    void ofTwoRotationsAtOnceOneStandsAndTheOtherIsAConflictThatChangesNothing() {
        secrets.current(account.sid());
        // Another request rotates between this rotation's read and its write.
        SigningSecretStore racing = new SigningSecretStore() {
            private boolean raced;

            @Override
            public Optional<Sealed> find(String accountSid) {
                return store.find(accountSid);
            }

            @Override
            public boolean create(String accountSid, Sealed sealed) {
                return store.create(accountSid, sealed);
            }

            @Override
            public boolean replace(String accountSid, Sealed sealed, List<AuditEvent> audit) {
                if (!raced) {
                    raced = true;
                    rotation.rotate(account, actor);
                }
                return store.replace(accountSid, sealed, audit);
            }
        };
        SigningSecretRotation loser =
                new SigningSecretRotation(new SigningSecrets(racing, sealer, clock), InMemoryStores.audit(log), clock);
        DomainException.Conflict conflict =
                assertThrows(DomainException.Conflict.class, () -> loser.rotate(account, actor));
        assertEquals(
                "The signing secret was rotated by another request at the same moment: fetch it, and rotate again if a"
                        + " newer one is still wanted",
                conflict.getMessage());
        assertEquals(2, secrets.current(account.sid()).version());
        assertEquals(1, rotations().size());
    }

    @Test
    void ofTwoFirstUsesAtOnceOneSecretStands() {
        SigningSecret theirs = new SigningSecrets(store, sealer, clock).current(account.sid());
        // This instance read no secret before the other made one: it finds the other's.
        SigningSecretStore late = new SigningSecretStore() {
            private boolean first = true;

            @Override
            public Optional<Sealed> find(String accountSid) {
                if (first) {
                    first = false;
                    return Optional.empty();
                }
                return store.find(accountSid);
            }

            @Override
            public boolean create(String accountSid, Sealed sealed) {
                return store.create(accountSid, sealed);
            }

            @Override
            public boolean replace(String accountSid, Sealed sealed, List<AuditEvent> audit) {
                return store.replace(accountSid, sealed, audit);
            }
        };
        assertEquals(theirs, new SigningSecrets(late, sealer, clock).current(account.sid()));
    }

    @Test
    void aSuspendedAccountCannotRotate() {
        Account suspended = accounts.update(
                new Caller.Operator(),
                InMemoryStores.OPERATOR,
                account.sid(),
                Optional.empty(),
                Optional.of(AccountStatus.SUSPENDED));
        assertThrows(DomainException.AccountInactive.class, () -> rotation.rotate(suspended, actor));
        assertEquals(List.of(), rotations());
    }
}
