package dev.monitor.contract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.monitor.audit.AuditEvent;
import dev.monitor.audit.MonitorEventTypes;
import dev.monitor.crypto.Secrets;
import dev.monitor.dynamo.events.DynamoEventStore;
import dev.monitor.dynamo.notify.DynamoDeliveryStore;
import dev.monitor.events.EventStore;
import dev.monitor.ids.Sids;
import dev.monitor.notify.Delivery;
import dev.monitor.notify.DeliveryAttempt;
import dev.monitor.notify.DeliveryFilter;
import dev.monitor.notify.DeliveryShare;
import dev.monitor.notify.DeliveryStatus;
import dev.monitor.notify.DeliveryStore;
import dev.monitor.notify.DeliveryStore.Claim;
import dev.monitor.notify.DeliveryStore.Claimed;
import dev.monitor.notify.DeliveryStore.Deferred;
import dev.monitor.notify.DeliveryStore.Finished;
import dev.monitor.notify.DeliveryStore.NotDue;
import dev.monitor.notify.ErrorClass;
import dev.monitor.notify.NotificationJob;
import dev.monitor.testing.InMemoryStores;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What every {@link DeliveryStore} does, on DynamoDB Local and in memory alike: each job claimed for one attempt at a
 * time under one of its account's delivery slots, its attempts settled into the records the API reads.
 */
class DeliveryStoreContractTest {
    private static final Instant NOW = Instant.parse("2026-11-25T12:00:00Z");
    private static final Duration LEASE = Duration.ofSeconds(60);
    private static final String URL = "https://hooks.example.com/alarm";

    /** The deliveries, and the events their retries write. */
    record Stores(String name, DeliveryStore deliveries, EventStore events) {
        @Override
        public String toString() {
            return name;
        }
    }

    static List<Stores> implementations() {
        InMemoryStores.Events log = new InMemoryStores.Events();
        return List.of(
                new Stores(
                        "DynamoDB Local",
                        new DynamoDeliveryStore(StackTable.dynamo(), StackTable.NAME),
                        new DynamoEventStore(StackTable.dynamo(), StackTable.NAME)),
                new Stores("in memory", new InMemoryStores.Deliveries(log), log));
    }

    private final String account = Sids.random("AC");

    private NotificationJob job(String accountSid, String sourceSid) {
        return new NotificationJob(
                "NJ" + Secrets.randomHex(16),
                accountSid,
                new NotificationJob.Source(NotificationJob.SourceType.ALARM, sourceSid),
                NotificationJob.Channel.WEBHOOK,
                URL,
                new NotificationJob.TwilioCallback("POST", Map.of("AlarmSid", sourceSid)),
                NOW);
    }

    private NotificationJob job() {
        return job(account, Sids.random("AK"));
    }

    private static Claimed claimed(Stores on, NotificationJob job, Instant at) {
        return assertInstanceOf(
                Claimed.class, on.deliveries().claim(List.of(job), at, LEASE).get(0));
    }

    /** Settles the attempt at {@code at}: ended as {@code status}, pending until {@code next} if it is pending. */
    private static Delivery settle(
            Stores on, NotificationJob job, Claimed claim, DeliveryStatus status, Optional<Instant> next, Instant at) {
        Delivery delivery = new Delivery(
                claim.deliverySid(),
                job.accountSid(),
                job,
                status,
                claim.attempt(),
                Optional.of(status == DeliveryStatus.DELIVERED ? 200 : 503),
                status == DeliveryStatus.DELIVERED ? Optional.empty() : Optional.of(ErrorClass.HTTP_STATUS),
                next,
                claim.dateCreated(),
                at);
        DeliveryAttempt attempt = new DeliveryAttempt(
                claim.attempt(),
                at,
                delivery.lastStatusCode(),
                25,
                delivery.lastErrorClass(),
                "answer " + claim.attempt());
        assertEquals(
                Set.of(),
                on.deliveries()
                        .settle(
                                List.of(new DeliveryStore.Settlement(claim, delivery, attempt)),
                                List.of(claim.slot()),
                                at));
        return delivery;
    }

    @ContractTest
    void aNewJobIsClaimedForItsFirstAttemptUnderASlotAndItsCopiesWaitForTheLease(Stores on) {
        NotificationJob job = job();
        List<Claim> claims = on.deliveries().claim(List.of(job, job), NOW, LEASE);
        Claimed claim = assertInstanceOf(Claimed.class, claims.get(0));
        Instant leaseUntil = NOW.plus(LEASE);
        assertEquals(Delivery.sidOf(NOW, job.jobId()), claim.deliverySid());
        assertEquals(1, claim.attempt());
        assertEquals(1, claim.attemptInRound());
        assertEquals(NOW, claim.dateCreated());
        assertEquals(leaseUntil, claim.leaseUntil());
        assertEquals(account, claim.slot().accountSid());
        assertTrue(claim.slot().number() >= 0 && claim.slot().number() < DeliveryShare.SLOTS_PER_ACCOUNT);
        assertEquals(NOW.plus(DeliveryShare.SLOT_LEASE), claim.slot().leaseUntil());
        assertEquals(new NotDue(leaseUntil), claims.get(1), "its copy in the same batch");
        assertEquals(List.of(new NotDue(leaseUntil)), on.deliveries().claim(List.of(job), NOW.plusSeconds(1), LEASE));
        assertEquals(Optional.empty(), on.deliveries().find(account, claim.deliverySid()), "no record before settling");
    }

    @ContractTest
    void aSettledAttemptIsItsDeliverysRecordAndADeliveredJobIsFinished(Stores on) {
        NotificationJob job = job();
        Claimed claim = claimed(on, job, NOW);
        Delivery delivered = settle(on, job, claim, DeliveryStatus.DELIVERED, Optional.empty(), NOW.plusSeconds(1));
        assertEquals(Optional.of(delivered), on.deliveries().find(account, claim.deliverySid()));
        assertEquals(
                List.of(new DeliveryAttempt(1, NOW.plusSeconds(1), Optional.of(200), 25, Optional.empty(), "answer 1")),
                on.deliveries().attempts(account, claim.deliverySid()));
        assertEquals(
                List.of(new Finished(DeliveryStatus.DELIVERED)),
                on.deliveries().claim(List.of(job), NOW.plusSeconds(3600), LEASE));
        assertEquals(Optional.empty(), on.deliveries().find(Sids.random("AC"), claim.deliverySid()));
    }

    @ContractTest
    void aPendingDeliveryIsNotDueUntilItsNextAttemptWhichCountsOnInTheSameRecord(Stores on) {
        NotificationJob job = job();
        Claimed first = claimed(on, job, NOW);
        Instant next = NOW.plusSeconds(30);
        settle(on, job, first, DeliveryStatus.PENDING, Optional.of(next), NOW.plusSeconds(1));
        assertEquals(List.of(new NotDue(next)), on.deliveries().claim(List.of(job), NOW.plusSeconds(10), LEASE));
        // Due within the second SQS rounds its wait to.
        Claimed second = claimed(on, job, next.minusMillis(500));
        assertEquals(2, second.attempt());
        assertEquals(2, second.attemptInRound());
        assertEquals(first.deliverySid(), second.deliverySid());
        assertEquals(first.dateCreated(), second.dateCreated());
        Delivery failed = settle(on, job, second, DeliveryStatus.FAILED, Optional.empty(), next.plusSeconds(1));
        assertEquals(Optional.of(failed), on.deliveries().find(account, first.deliverySid()));
        assertEquals(
                List.of(1, 2),
                on.deliveries().attempts(account, first.deliverySid()).stream()
                        .map(DeliveryAttempt::attempt)
                        .toList(),
                "oldest first");
        assertEquals(
                List.of(new Finished(DeliveryStatus.FAILED)),
                on.deliveries().claim(List.of(job), next.plusSeconds(60), LEASE));
    }

    @ContractTest
    void anAccountHasTwoSlotsAndItsJobsBeyondThemWaitWhileAnotherAccountsDoNot(Stores on) {
        Claimed first = claimed(on, job(), NOW);
        Claimed second = claimed(on, job(), NOW.plusMillis(10));
        assertEquals(Set.of(0, 1), Set.of(first.slot().number(), second.slot().number()), "each batch its own slot");
        NotificationJob waiting = job();
        NotificationJob another = job(Sids.random("AC"), Sids.random("AK"));
        List<Claim> claims = on.deliveries().claim(List.of(waiting, another), NOW.plusMillis(20), LEASE);
        assertEquals(new Deferred(), claims.get(0));
        assertInstanceOf(Claimed.class, claims.get(1));

        // A slot given back when its attempts settle is free again; one never given back frees itself with its lease.
        on.deliveries().settle(List.of(), List.of(first.slot()), NOW.plusSeconds(1));
        assertInstanceOf(
                Claimed.class,
                on.deliveries()
                        .claim(List.of(waiting), NOW.plusSeconds(2), LEASE)
                        .get(0));
        NotificationJob later = job();
        assertEquals(List.of(new Deferred()), on.deliveries().claim(List.of(later), NOW.plusSeconds(3), LEASE));
        assertInstanceOf(
                Claimed.class,
                on.deliveries()
                        .claim(List.of(later), second.slot().leaseUntil().plusMillis(1), LEASE)
                        .get(0));
    }

    @ContractTest
    void aSlotTakesFiftyOfItsAccountsJobsFromABatchAndTheRestWait(Stores on) {
        List<NotificationJob> batch = new ArrayList<>();
        for (int i = 0; i < DeliveryShare.JOBS_PER_SLOT + 1; i++) {
            batch.add(job());
        }
        List<Claim> claims = on.deliveries().claim(batch, NOW, LEASE);
        assertEquals(
                DeliveryShare.JOBS_PER_SLOT,
                claims.stream().filter(Claimed.class::isInstance).count());
        assertEquals(new Deferred(), claims.get(DeliveryShare.JOBS_PER_SLOT));
        assertEquals(
                1,
                claims.stream()
                        .filter(Claimed.class::isInstance)
                        .map(claim -> ((Claimed) claim).slot().number())
                        .distinct()
                        .count());
    }

    @ContractTest
    void anAttemptSettledAfterItsLeaseChangesNothingOnceAnotherClaimedTheJob(Stores on) {
        NotificationJob job = job();
        Claimed lost = claimed(on, job, NOW);
        Claimed taken = claimed(on, job, lost.leaseUntil().plusSeconds(1));
        assertEquals(2, taken.attempt());
        on.deliveries()
                .settle(
                        List.of(new DeliveryStore.Settlement(
                                lost,
                                new Delivery(
                                        lost.deliverySid(),
                                        account,
                                        job,
                                        DeliveryStatus.FAILED,
                                        1,
                                        Optional.of(500),
                                        Optional.of(ErrorClass.HTTP_STATUS),
                                        Optional.empty(),
                                        lost.dateCreated(),
                                        lost.leaseUntil().plusSeconds(2)),
                                new DeliveryAttempt(
                                        1,
                                        lost.leaseUntil().plusSeconds(2),
                                        Optional.of(500),
                                        70_000,
                                        Optional.of(ErrorClass.HTTP_STATUS),
                                        "late"))),
                        List.of(),
                        lost.leaseUntil().plusSeconds(2));
        assertEquals(
                List.of(new NotDue(taken.leaseUntil())),
                on.deliveries().claim(List.of(job), lost.leaseUntil().plusSeconds(3), LEASE),
                "the later attempt still holds the job");
        Delivery delivered = settle(
                on,
                job,
                taken,
                DeliveryStatus.DELIVERED,
                Optional.empty(),
                lost.leaseUntil().plusSeconds(4));
        assertEquals(Optional.of(delivered), on.deliveries().find(account, taken.deliverySid()));
    }

    @ContractTest
    void aFailedDeliveryReopensInANewRoundAndAWaitingOneIsDueNowEachWithItsEvent(Stores on) {
        NotificationJob job = job();
        Claimed claim = claimed(on, job, NOW);
        Delivery failed = settle(on, job, claim, DeliveryStatus.FAILED, Optional.empty(), NOW.plusSeconds(1));
        Instant retriedAt = NOW.plusSeconds(60);
        List<AuditEvent> retrying =
                AuditEvents.of(account, MonitorEventTypes.DELIVERY_RETRIED, failed.sid(), retriedAt);
        assertTrue(on.deliveries().reopen(failed, retriedAt, retrying));
        assertTrue(AuditEvents.written(on.events(), retrying));
        Delivery reopened = on.deliveries().find(account, failed.sid()).orElseThrow();
        assertEquals(DeliveryStatus.PENDING, reopened.status());
        assertEquals(retriedAt, reopened.dateUpdated());
        assertEquals(Optional.empty(), reopened.nextAttemptAt());
        List<AuditEvent> again = AuditEvents.of(account, MonitorEventTypes.DELIVERY_RETRIED, failed.sid(), retriedAt);
        assertFalse(on.deliveries().reopen(reopened, retriedAt, again), "only a failed one reopens");
        assertFalse(AuditEvents.written(on.events(), again));

        Claimed next = claimed(on, job, retriedAt.plusSeconds(1));
        assertEquals(2, next.attempt());
        assertEquals(1, next.attemptInRound(), "a new round");
        assertFalse(on.deliveries().dueNow(reopened, retriedAt.plusSeconds(2), List.of()), "an attempt holds it");
        Instant wait = retriedAt.plusSeconds(600);
        Delivery pending = settle(on, job, next, DeliveryStatus.PENDING, Optional.of(wait), retriedAt.plusSeconds(3));
        List<AuditEvent> hurrying =
                AuditEvents.of(account, MonitorEventTypes.DELIVERY_RETRIED, failed.sid(), retriedAt.plusSeconds(4));
        assertTrue(on.deliveries().dueNow(pending, retriedAt.plusSeconds(4), hurrying));
        assertTrue(AuditEvents.written(on.events(), hurrying));
        Delivery due = on.deliveries().find(account, failed.sid()).orElseThrow();
        assertEquals(DeliveryStatus.PENDING, due.status());
        assertEquals(Optional.empty(), due.nextAttemptAt());
        assertEquals(retriedAt.plusSeconds(4), due.dateUpdated());
        Claimed hurried = claimed(on, job, retriedAt.plusSeconds(5));
        assertEquals(3, hurried.attempt());
        assertEquals(2, hurried.attemptInRound(), "the same round");
    }

    @ContractTest
    void anAccountsDeliveriesListNewestFirstInPagesBothWaysBySourceAndStatus(Stores on) {
        String alarm = Sids.random("AK");
        String trigger = Sids.random("UT");
        List<Delivery> settled = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            NotificationJob job = job(account, i % 2 == 0 ? alarm : trigger);
            Instant at = NOW.plusSeconds(i);
            settled.add(settle(
                    on,
                    job,
                    claimed(on, job, at),
                    i < 4 ? DeliveryStatus.DELIVERED : DeliveryStatus.FAILED,
                    Optional.empty(),
                    at.plusMillis(500)));
        }
        NotificationJob stranger = job(Sids.random("AC"), alarm);
        settle(on, stranger, claimed(on, stranger, NOW), DeliveryStatus.DELIVERED, Optional.empty(), NOW);

        assertEquals(sids(settled, 5, 4, 3, 2, 1, 0), listed(on, Optional.empty(), Optional.empty()));
        assertEquals(sids(settled, 4, 2, 0), listed(on, Optional.of(alarm), Optional.empty()));
        assertEquals(sids(settled, 5, 4), listed(on, Optional.empty(), Optional.of(DeliveryStatus.FAILED)));
        assertEquals(sids(settled, 4), listed(on, Optional.of(alarm), Optional.of(DeliveryStatus.FAILED)));
        assertEquals(
                List.of(),
                on.deliveries()
                        .list(
                                Sids.random("AC"),
                                new DeliveryFilter(Optional.empty(), Optional.empty()),
                                50,
                                Optional.empty())
                        .items());
    }

    private static List<String> sids(List<Delivery> deliveries, int... indexes) {
        List<String> sids = new ArrayList<>();
        for (int index : indexes) {
            sids.add(deliveries.get(index).sid());
        }
        return sids;
    }

    private List<String> listed(Stores on, Optional<String> source, Optional<DeliveryStatus> status) {
        return Pages.all(Pages.walk(
                cursor -> on.deliveries().list(account, new DeliveryFilter(source, status), 2, cursor),
                Delivery::sid,
                2));
    }

    @ContractTest
    void aUrlDisabledForAnAccountStaysSoUntilEnabledAndOnlyForIt(Stores on) {
        assertFalse(on.deliveries().isDisabled(account, URL));
        on.deliveries().disable(account, URL, NOW);
        assertTrue(on.deliveries().isDisabled(account, URL));
        assertFalse(on.deliveries().isDisabled(account, URL + "/other"));
        assertFalse(on.deliveries().isDisabled(Sids.random("AC"), URL));
        on.deliveries().enable(account, URL);
        assertFalse(on.deliveries().isDisabled(account, URL));
    }
}
