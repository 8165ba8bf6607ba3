package dev.monitor.notify;

import dev.monitor.accounts.Account;
import dev.monitor.errors.DomainException;
import dev.monitor.paging.Page;
import java.time.Clock;
import java.util.List;
import java.util.Optional;

/** What the API offers on deliveries: listing, fetching with the attempts, and sending a failed one again. */
public final class DeliveryService {
    /** A delivery with every attempt made at it, oldest first. */
    public record DeliveryWithAttempts(Delivery delivery, List<DeliveryAttempt> attempts) {}

    private final DeliveryStore store;
    private final NotificationQueue queue;
    private final Clock clock;

    public DeliveryService(DeliveryStore store, NotificationQueue queue, Clock clock) {
        this.store = store;
        this.queue = queue;
        this.clock = clock;
    }

    public Page<Delivery> list(Account account, DeliveryFilter filter, int pageSize, Optional<String> cursor) {
        return store.list(account.sid(), filter, pageSize, cursor);
    }

    public DeliveryWithAttempts fetch(Account account, String sid) {
        Delivery delivery = find(account, sid);
        return new DeliveryWithAttempts(delivery, store.attempts(account.sid(), sid));
    }

    /** Puts a failed delivery's job back on the queue for a new round of attempts. */
    public Delivery retry(Account account, String sid) {
        Delivery delivery = find(account, sid);
        if (delivery.status() != DeliveryStatus.FAILED || !store.reopen(delivery, clock.instant())) {
            throw new DomainException.Conflict("Only a failed delivery can be retried; this one is "
                    + delivery.status().wireName());
        }
        if (delivery.job().channel() == NotificationJob.Channel.WEBHOOK) {
            // Retrying is the account asking for this URL again, even one its receiver disabled with 410 Gone.
            store.enable(account.sid(), delivery.job().destination());
        }
        queue.enqueue(List.of(delivery.job()));
        return find(account, sid);
    }

    private Delivery find(Account account, String sid) {
        return Optional.of(sid)
                .filter(Delivery.SIDS::matches)
                .flatMap(valid -> store.find(account.sid(), valid))
                .orElseThrow(() ->
                        new DomainException.NotFound("The requested resource /Deliveries/" + sid + " was not found"));
    }
}
