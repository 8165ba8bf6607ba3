package dev.monitor.notify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.monitor.accounts.Account;
import dev.monitor.accounts.AccountService;
import dev.monitor.accounts.AccountStatus;
import dev.monitor.accounts.Caller;
import dev.monitor.audit.Actor;
import dev.monitor.audit.MonitorEventTypes;
import dev.monitor.errors.DomainException;
import dev.monitor.events.Event;
import dev.monitor.ids.Sids;
import dev.monitor.paging.Page;
import dev.monitor.testing.InMemoryStores;
import dev.monitor.testing.TestClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** What the API offers on deliveries, on in-memory stores: listing, fetching with attempts, and sending again. */
class DeliveryServiceTest {
    private static final Instant NOW = Instant.parse("2026-11-25T12:00:00Z");
    private static final Duration LEASE = Duration.ofSeconds(60);
    private static final String URL = "https://hooks.example.com/alarm";

    private final TestClock clock = new TestClock(NOW);
    private final InMemoryStores.Events log = new InMemoryStores.Events();
    private final AccountService accounts = InMemoryStores.accounts(new InMemoryStores.Accounts(log), log, clock);
    private final InMemoryStores.Deliveries store = new InMemoryStores.Deliveries(log);
    private final List<NotificationJob> queued = new ArrayList<>();
    private final DeliveryService deliveries =
            new DeliveryService(store, queued::addAll, InMemoryStores.audit(log), clock);
    private final Account account =
            accounts.createMainAccount(InMemoryStores.OPERATOR, "Acme").account();
    private final Actor actor = InMemoryStores.actorOf(account);

    private NotificationJob job(String sourceSid) {
        return new NotificationJob(
                "NJ" + Sids.random("XX").substring(2),
                account.sid(),
                new NotificationJob.Source(NotificationJob.SourceType.ALARM, sourceSid),
                NotificationJob.Channel.WEBHOOK,
                URL,
                new NotificationJob.TwilioCallback("POST", Map.of("AlarmSid", sourceSid)),
                clock.instant());
    }

    /** One attempt at the job, now, that ends as {@code status}; pending waits a minute for its next attempt. */
    private Delivery attempt(NotificationJob job, DeliveryStatus status, int statusCode) {
        Instant now = clock.instant();
        DeliveryStore.Claimed claim = assertInstanceOf(
                DeliveryStore.Claimed.class,
                store.claim(List.of(job), now, LEASE).get(0));
        Delivery delivery = new Delivery(
                claim.deliverySid(),
                job.accountSid(),
                job,
                status,
                claim.attempt(),
                Optional.of(statusCode),
                status == DeliveryStatus.DELIVERED ? Optional.empty() : Optional.of(ErrorClass.HTTP_STATUS),
                status == DeliveryStatus.PENDING ? Optional.of(now.plus(Duration.ofMinutes(1))) : Optional.empty(),
                claim.dateCreated(),
                now);
        DeliveryAttempt attempt = new DeliveryAttempt(
                claim.attempt(),
                now,
                Optional.of(statusCode),
                12,
                delivery.lastErrorClass(),
                "answer " + claim.attempt());
        store.settle(List.of(new DeliveryStore.Settlement(claim, delivery, attempt)), List.of(claim.slot()), now);
        return delivery;
    }

    private List<Event> retries() {
        return log.history(account.sid()).stream()
                .filter(event -> event.eventType().equals(MonitorEventTypes.DELIVERY_RETRIED))
                .toList();
    }

    @Test
    void aDeliveryIsFetchedWithItsAttemptsOldestFirstByItsAccountOnly() {
        NotificationJob job = job("AK" + "1".repeat(32));
        attempt(job, DeliveryStatus.PENDING, 503);
        clock.advance(Duration.ofMinutes(2));
        Delivery delivered = attempt(job, DeliveryStatus.DELIVERED, 200);

        DeliveryService.DeliveryWithAttempts fetched = deliveries.fetch(account, delivered.sid());
        assertEquals(delivered, fetched.delivery());
        assertEquals(DeliveryStatus.DELIVERED, fetched.delivery().status());
        assertEquals(2, fetched.delivery().attempts());
        assertEquals(
                List.of(Optional.of(503), Optional.of(200)),
                fetched.attempts().stream().map(DeliveryAttempt::statusCode).toList());
        assertEquals(
                List.of(1, 2),
                fetched.attempts().stream().map(DeliveryAttempt::attempt).toList());

        Account other =
                accounts.createMainAccount(InMemoryStores.OPERATOR, "Other").account();
        DomainException.NotFound notFound =
                assertThrows(DomainException.NotFound.class, () -> deliveries.fetch(other, delivered.sid()));
        assertEquals("The requested resource /Deliveries/" + delivered.sid() + " was not found", notFound.getMessage());
        assertThrows(
                DomainException.NotFound.class,
                () -> deliveries.retry(other, InMemoryStores.actorOf(other), delivered.sid()));
        assertThrows(DomainException.NotFound.class, () -> deliveries.fetch(account, "DL-not-a-sid"));
        assertEquals(
                List.of(),
                deliveries
                        .list(other, new DeliveryFilter(Optional.empty(), Optional.empty()), 50, Optional.empty())
                        .items());
    }

    @Test
    void deliveriesListNewestFirstBySourceAndStatusInPages() {
        String alarm = "AK" + "1".repeat(32);
        String trigger = "UT" + "2".repeat(32);
        List<String> sids = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            clock.advance(Duration.ofSeconds(1));
            sids.add(attempt(
                            job(i % 2 == 0 ? alarm : trigger),
                            i < 3 ? DeliveryStatus.DELIVERED : DeliveryStatus.FAILED,
                            200)
                    .sid());
        }
        List<String> newestFirst = new ArrayList<>();
        Optional<String> cursor = Optional.empty();
        int pages = 0;
        do {
            Page<Delivery> page =
                    deliveries.list(account, new DeliveryFilter(Optional.empty(), Optional.empty()), 2, cursor);
            page.items().forEach(delivery -> newestFirst.add(delivery.sid()));
            cursor = page.nextCursor();
            pages++;
        } while (cursor.isPresent());
        assertEquals(List.of(sids.get(4), sids.get(3), sids.get(2), sids.get(1), sids.get(0)), newestFirst);
        assertEquals(3, pages);
        assertEquals(
                List.of(sids.get(4), sids.get(2), sids.get(0)),
                sids(new DeliveryFilter(Optional.of(alarm), Optional.empty())));
        assertEquals(
                List.of(sids.get(4), sids.get(3)),
                sids(new DeliveryFilter(Optional.empty(), Optional.of(DeliveryStatus.FAILED))));
        assertEquals(
                List.of(sids.get(4)), sids(new DeliveryFilter(Optional.of(alarm), Optional.of(DeliveryStatus.FAILED))));
    }

    private List<String> sids(DeliveryFilter filter) {
        return deliveries.list(account, filter, 50, Optional.empty()).items().stream()
                .map(Delivery::sid)
                .toList();
    }

    @Test
    void aFailedDeliveryRetriedIsPendingAgainInANewRoundQueuedAndAnEvent() {
        NotificationJob job = job("AK" + "1".repeat(32));
        Delivery failed = attempt(job, DeliveryStatus.FAILED, 500);
        store.disable(account.sid(), URL, NOW);
        clock.advance(Duration.ofMinutes(5));

        Delivery retried = deliveries.retry(account, actor, failed.sid());
        assertEquals(DeliveryStatus.PENDING, retried.status());
        assertEquals(Optional.empty(), retried.nextAttemptAt());
        assertEquals(clock.instant(), retried.dateUpdated());
        assertEquals(List.of(job), queued);
        assertFalse(store.isDisabled(account.sid(), URL), "retrying is asking for the URL again");

        // The next claim starts a new round, counting on from the attempts made.
        DeliveryStore.Claimed next = assertInstanceOf(
                DeliveryStore.Claimed.class,
                store.claim(List.of(job), clock.instant(), LEASE).get(0));
        assertEquals(2, next.attempt());
        assertEquals(1, next.attemptInRound());
        assertEquals(failed.sid(), next.deliverySid());

        Event event = retries().get(0);
        assertEquals(failed.sid(), event.resourceSid());
        assertEquals("The webhook delivery of " + job.source().sid() + " was sent again", event.description());
        assertEquals(
                "{\"resource_properties\":{\"status\":{\"previous\":\"failed\",\"updated\":\"pending\"},"
                        + "\"next_attempt_date\":{\"updated\":\"2026-11-25T12:05:00Z\"}}}",
                event.eventData().toString());
    }

    @Test
    void aPendingDeliveryWaitingForItsNextAttemptIsDueAtOnceInTheSameRound() {
        NotificationJob job = job("AK" + "1".repeat(32));
        Delivery pending = attempt(job, DeliveryStatus.PENDING, 503);
        clock.advance(Duration.ofSeconds(10));
        assertInstanceOf(
                DeliveryStore.NotDue.class,
                store.claim(List.of(job), clock.instant(), LEASE).get(0));

        Delivery retried = deliveries.retry(account, actor, pending.sid());
        assertEquals(DeliveryStatus.PENDING, retried.status());
        assertEquals(Optional.empty(), retried.nextAttemptAt());
        assertEquals(List.of(job), queued);
        DeliveryStore.Claimed next = assertInstanceOf(
                DeliveryStore.Claimed.class,
                store.claim(List.of(job), clock.instant(), LEASE).get(0));
        assertEquals(2, next.attempt());
        assertEquals(2, next.attemptInRound());
        assertEquals(1, retries().size());
    }

    @Test
    void aDeliveredDeliveryOrOneUnderWayIsNotRetriedAndNothingIsWritten() {
        Delivery delivered = attempt(job("AK" + "1".repeat(32)), DeliveryStatus.DELIVERED, 200);
        DomainException.Conflict done =
                assertThrows(DomainException.Conflict.class, () -> deliveries.retry(account, actor, delivered.sid()));
        assertEquals("This delivery was delivered; only a failed or pending one can be retried", done.getMessage());

        NotificationJob job = job("AK" + "2".repeat(32));
        Delivery pending = attempt(job, DeliveryStatus.PENDING, 503);
        clock.advance(Duration.ofMinutes(2));
        // Its next attempt is claimed and under way.
        assertInstanceOf(
                DeliveryStore.Claimed.class,
                store.claim(List.of(job), clock.instant(), LEASE).get(0));
        DomainException.Conflict underWay =
                assertThrows(DomainException.Conflict.class, () -> deliveries.retry(account, actor, pending.sid()));
        assertEquals("An attempt at this delivery is under way; retry once it has settled", underWay.getMessage());
        assertEquals(List.of(), queued);
        assertEquals(List.of(), retries());
    }

    @Test
    void aSuspendedAccountReadsItsDeliveriesButRetriesNone() {
        Delivery failed = attempt(job("AK" + "1".repeat(32)), DeliveryStatus.FAILED, 500);
        Account suspended = accounts.update(
                new Caller.Operator(),
                InMemoryStores.OPERATOR,
                account.sid(),
                Optional.empty(),
                Optional.of(AccountStatus.SUSPENDED));
        assertThrows(DomainException.AccountInactive.class, () -> deliveries.retry(suspended, actor, failed.sid()));
        assertEquals(failed, deliveries.fetch(suspended, failed.sid()).delivery());
        assertEquals(List.of(), queued);
    }
}
