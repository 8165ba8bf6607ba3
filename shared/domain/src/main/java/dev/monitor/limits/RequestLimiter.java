package dev.monitor.limits;

import dev.monitor.accounts.Account;
import dev.monitor.crypto.Secrets;
import dev.monitor.errors.DomainException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Keeps each account family within its {@link AccountLimits}, through one shared count per family, so that one account
 * sending as fast as it can gets 429s and leaves the service to the others. A family refused for its rate is refused
 * again by this instance, without asking DynamoDB, until the second is over.
 */
public final class RequestLimiter {
    /** Longer than any request may run (the api's timeout, 29 s): then a request never released stops counting. */
    static final Duration LEASE = Duration.ofSeconds(30);
    /** How long to come back after a refusal for concurrency: as soon as one of the family's requests ends. */
    private static final Duration CONCURRENCY_RETRY = Duration.ofSeconds(1);

    private final LimitStore store;
    private final AccountLimits limits;
    private final Clock clock;
    private final Map<String, Instant> refusedUntil = new ConcurrentHashMap<>();

    public RequestLimiter(LimitStore store, AccountLimits limits, Clock clock) {
        this.store = store;
        this.limits = limits;
        this.clock = clock;
    }

    /** A request admitted for its family, in flight until it is closed. */
    public interface Permit extends AutoCloseable {
        @Override
        void close();
    }

    /**
     * Admits a request of {@code caller}'s family, or refuses it with the time to come back.
     *
     * @throws DomainException.TooManyRequests when the family is over its rate or its concurrency
     */
    public Permit admit(Account caller) {
        String family = caller.mainAccountSid();
        Instant now = clock.instant();
        Instant refused = refusedUntil.get(family);
        if (refused != null) {
            if (now.isBefore(refused)) {
                throw overRate(Duration.between(now, refused));
            }
            refusedUntil.remove(family, refused);
        }
        String requestId = Secrets.randomHex(8);
        switch (store.admit(family, requestId, now, now.plus(LEASE), limits)) {
            case ADMITTED -> {
                return () -> store.release(family, requestId);
            }
            case OVER_RATE -> {
                Instant nextSecond = now.truncatedTo(ChronoUnit.SECONDS).plusSeconds(1);
                refusedUntil.put(family, nextSecond);
                throw overRate(Duration.between(now, nextSecond));
            }
            default ->
                throw new DomainException.TooManyRequests(
                        "Too many requests at once: this account and its subaccounts may have "
                                + limits.concurrentRequests() + " in progress",
                        CONCURRENCY_RETRY);
        }
    }

    /**
     * Counts the events or alerts a request of {@code caller}'s family records, or refuses them all until the next
     * second, when they would take the family over its records a second.
     *
     * @throws DomainException.TooManyRequests when the family recorded too many this second
     */
    public void admitRecords(Account caller, int records) {
        Instant now = clock.instant();
        if (!store.admitRecords(caller.mainAccountSid(), now, records, limits)) {
            throw new DomainException.TooManyRequests(
                    "Too many events or alerts: this account and its subaccounts may record "
                            + limits.recordsPerSecond() + " a second",
                    Duration.between(now, now.truncatedTo(ChronoUnit.SECONDS).plusSeconds(1)));
        }
    }

    private DomainException.TooManyRequests overRate(Duration retryAfter) {
        return new DomainException.TooManyRequests(
                "Too many requests: this account and its subaccounts may make " + limits.requestsPerSecond()
                        + " a second",
                retryAfter);
    }
}
