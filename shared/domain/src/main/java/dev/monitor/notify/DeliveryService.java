package dev.monitor.notify;

import dev.monitor.accounts.Account;
import dev.monitor.audit.Actor;
import dev.monitor.audit.AuditEvent;
import dev.monitor.audit.AuditTrail;
import dev.monitor.audit.AuditedChange;
import dev.monitor.audit.MonitorEventTypes;
import dev.monitor.audit.PropertyChange;
import dev.monitor.errors.DomainException;
import dev.monitor.paging.Page;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** What the API offers on deliveries: listing, fetching with the attempts, and sending a failed one again. */
public final class DeliveryService {
    /** A delivery with every attempt made at it, oldest first. */
    public record DeliveryWithAttempts(Delivery delivery, List<DeliveryAttempt> attempts) {}

    private final DeliveryStore store;
    private final NotificationQueue queue;
    private final AuditTrail audit;
    private final Clock clock;

    public DeliveryService(DeliveryStore store, NotificationQueue queue, AuditTrail audit, Clock clock) {
        this.store = store;
        this.queue = queue;
        this.audit = audit;
        this.clock = clock;
    }

    public Page<Delivery> list(Account account, DeliveryFilter filter, int pageSize, Optional<String> cursor) {
        return store.list(account.sid(), filter, pageSize, cursor);
    }

    public DeliveryWithAttempts fetch(Account account, String sid) {
        Delivery delivery = find(account, sid);
        return new DeliveryWithAttempts(delivery, store.attempts(account.sid(), sid));
    }

    /**
     * Sends a delivery again now: a failed one in a new round of attempts, a pending one that waits
     * for its next attempt at once (the job's claim still lets only one attempt through). A delivered
     * one, or one whose attempt is under way, cannot be.
     */
    public Delivery retry(Account account, Actor actor, String sid) {
        account.checkWritable();
        Delivery delivery = find(account, sid);
        Instant now = clock.instant();
        AuditedChange retried = AuditedChange.of(
                        MonitorEventTypes.DELIVERY_RETRIED,
                        sid,
                        "The " + delivery.job().channel().name().toLowerCase(Locale.ROOT) + " delivery of "
                                + delivery.job().source().sid() + " was sent again")
                .with(new PropertyChange.Diff()
                        .property("status", delivery.status().wireName(), DeliveryStatus.PENDING.wireName())
                        .property("next_attempt_date", delivery.nextAttemptAt(), Optional.of(now)));
        List<AuditEvent> events = audit.events(account.sid(), actor, retried, now);
        boolean resent = switch (delivery.status()) {
            case FAILED -> store.reopen(delivery, now, events);
            case PENDING -> store.dueNow(delivery, now, events);
            case DELIVERED -> false;
        };
        if (!resent) {
            throw new DomainException.Conflict(
                    delivery.status() == DeliveryStatus.DELIVERED
                            ? "This delivery was delivered; only a failed or pending one can be retried"
                            : "An attempt at this delivery is under way; retry once it has settled");
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
