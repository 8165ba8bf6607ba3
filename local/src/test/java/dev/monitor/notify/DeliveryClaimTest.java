package dev.monitor.notify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.monitor.aws.AwsClients;
import dev.monitor.config.AwsSettings;
import dev.monitor.config.Environment;
import dev.monitor.config.SharedVariables;
import dev.monitor.dynamo.notify.DynamoDeliveryStore;
import dev.monitor.faults.DynamoFaultProxy;
import dev.monitor.ids.Sids;
import dev.monitor.jackson.Json;
import dev.monitor.testing.RunningStack;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * The guard that makes a job be sent once, against DynamoDB Local: however many copies of a job
 * arrive at once, in one batch or in many, one is attempted; and settling an attempt decides what
 * the next copy finds.
 */
class DeliveryClaimTest {
    private static final Duration LEASE = Duration.ofSeconds(60);

    private final DeliveryStore store =
            new DynamoDeliveryStore(RunningStack.get().dynamoDb(), "MonitorTable");

    @Test
    void ofManyCopiesOfAJobClaimedAtOnceOneIsAttemptedAndAfterItNone() throws Exception {
        NotificationJob job = job();
        Instant now = Instant.now();
        ExecutorService threads = Executors.newFixedThreadPool(12);
        try {
            List<Callable<DeliveryStore.Claim>> copies = new ArrayList<>();
            for (int i = 0; i < 12; i++) {
                copies.add(() -> claim(job, now));
            }
            List<DeliveryStore.Claim> claims = new ArrayList<>();
            for (Future<DeliveryStore.Claim> claim : threads.invokeAll(copies)) {
                claims.add(claim.get());
            }
            List<DeliveryStore.Claimed> claimed = claims.stream()
                    .filter(DeliveryStore.Claimed.class::isInstance)
                    .map(DeliveryStore.Claimed.class::cast)
                    .toList();
            assertEquals(1, claimed.size(), claims.toString());
            assertEquals(
                    11,
                    claims.stream()
                            .filter(DeliveryStore.NotDue.class::isInstance)
                            .count());

            settle(job, claimed.get(0), now, DeliveryStatus.DELIVERED, Optional.empty());
            assertEquals(new DeliveryStore.Finished(DeliveryStatus.DELIVERED), claim(job, now.plusSeconds(3600)));
        } finally {
            threads.shutdown();
        }
    }

    @Test
    void aJobTwiceInOneBatchIsClaimedOnceAndItsCopyWaitsForTheLease() {
        NotificationJob job = job();
        Instant now = Instant.now();
        List<DeliveryStore.Claim> claims = store.claim(List.of(job, job), now, LEASE);

        DeliveryStore.Claimed claimed = assertInstanceOf(DeliveryStore.Claimed.class, claims.get(0));
        assertEquals(1, claimed.attempt());
        assertEquals(new DeliveryStore.NotDue(claimed.leaseUntil()), claims.get(1));
    }

    @Test
    void aBatchClaimsItsNewJobsAroundOnesThatAreDoneOrHeld() {
        Instant now = Instant.now();
        NotificationJob delivered = job();
        NotificationJob held = job();
        settle(
                delivered,
                assertInstanceOf(DeliveryStore.Claimed.class, claim(delivered, now)),
                now,
                DeliveryStatus.DELIVERED,
                Optional.empty());
        DeliveryStore.Claimed holding = assertInstanceOf(DeliveryStore.Claimed.class, claim(held, now));
        List<NotificationJob> batch = new ArrayList<>(List.of(job(), delivered, job(), held, job()));

        List<DeliveryStore.Claim> claims = store.claim(batch, now.plusSeconds(1), LEASE);

        assertInstanceOf(DeliveryStore.Claimed.class, claims.get(0));
        assertEquals(new DeliveryStore.Finished(DeliveryStatus.DELIVERED), claims.get(1));
        assertInstanceOf(DeliveryStore.Claimed.class, claims.get(2));
        assertEquals(new DeliveryStore.NotDue(holding.leaseUntil()), claims.get(3));
        assertInstanceOf(DeliveryStore.Claimed.class, claims.get(4));
    }

    @Test
    void aPendingJobIsNotClaimedBeforeItsNextAttemptIsDue() {
        NotificationJob job = job();
        Instant now = Instant.now();
        DeliveryStore.Claimed first = assertInstanceOf(DeliveryStore.Claimed.class, claim(job, now));
        settle(job, first, now, DeliveryStatus.PENDING, Optional.of(now.plusSeconds(300)));

        assertEquals(
                new DeliveryStore.NotDue(
                        Instant.ofEpochMilli(now.plusSeconds(300).toEpochMilli())),
                claim(job, now.plusSeconds(10)));
        DeliveryStore.Claimed second = assertInstanceOf(DeliveryStore.Claimed.class, claim(job, now.plusSeconds(300)));
        assertEquals(2, second.attempt());
        assertEquals(2, second.attemptInRound());
        assertEquals(first.deliverySid(), second.deliverySid());
        assertEquals(first.dateCreated(), second.dateCreated());
        assertEquals(
                DeliveryStatus.PENDING,
                store.find(job.accountSid(), first.deliverySid()).orElseThrow().status());
    }

    @Test
    void anAttemptSettledAfterItsLeaseRanOutLeavesTheLaterAttemptsOutcome() {
        NotificationJob job = job();
        Instant now = Instant.now();
        DeliveryStore.Claimed late = assertInstanceOf(DeliveryStore.Claimed.class, claim(job, now));
        Instant afterLease = now.plus(LEASE).plusSeconds(1);
        DeliveryStore.Claimed later = assertInstanceOf(DeliveryStore.Claimed.class, claim(job, afterLease));

        assertTrue(settle(job, late, afterLease.plusSeconds(2), DeliveryStatus.FAILED, Optional.empty())
                .isEmpty());

        assertEquals(new DeliveryStore.NotDue(later.leaseUntil()), claim(job, afterLease.plusSeconds(3)));
        settle(job, later, afterLease.plusSeconds(4), DeliveryStatus.DELIVERED, Optional.empty());
        assertEquals(
                new DeliveryStore.Finished(DeliveryStatus.DELIVERED),
                claim(job, afterLease.plus(LEASE).plusSeconds(5)));
        assertEquals(
                List.of(1, 2),
                store.attempts(job.accountSid(), later.deliverySid()).stream()
                        .map(DeliveryAttempt::attempt)
                        .toList());
    }

    @Test
    void aDeliveryWhoseAttemptStaysUnwrittenIsNotShownSettledAndItsJobIsAttemptedAgain() throws Exception {
        Map<String, String> environment = new HashMap<>(RunningStack.get().functionEnvironment("NotifierFunction"));
        // Production DynamoDB may leave a batch's items unprocessed through every retry; DynamoDB Local never does.
        try (DynamoFaultProxy proxy = DynamoFaultProxy.start(20261126L)) {
            proxy.forwardTo(environment.get("AWS_ENDPOINT_URL_DYNAMODB"));
            environment.put("AWS_ENDPOINT_URL_DYNAMODB", proxy.url());
            Environment env = Environment.of(environment);
            try (DynamoDbClient dynamo = new AwsClients(AwsSettings.from(env)).dynamoDb()) {
                DeliveryStore faulty = new DynamoDeliveryStore(dynamo, SharedVariables.table(env));
                Instant now = Instant.now();
                NotificationJob recorded = job();
                NotificationJob unrecorded = job();
                DeliveryStore.Claimed recordedClaim =
                        assertInstanceOf(DeliveryStore.Claimed.class, claim(recorded, now));
                DeliveryStore.Claimed unrecordedClaim =
                        assertInstanceOf(DeliveryStore.Claimed.class, claim(unrecorded, now));
                String unwritable = "an answer DynamoDB leaves unprocessed " + unrecorded.jobId();
                proxy.withholdItemsHolding(unwritable);

                Set<String> unsettled = faulty.settle(
                        List.of(
                                settlement(
                                        recorded, recordedClaim, now, DeliveryStatus.DELIVERED, Optional.empty(), "ok"),
                                settlement(
                                        unrecorded,
                                        unrecordedClaim,
                                        now,
                                        DeliveryStatus.DELIVERED,
                                        Optional.empty(),
                                        unwritable)),
                        List.of(recordedClaim.slot(), unrecordedClaim.slot()),
                        now);

                assertEquals(Set.of(unrecorded.jobId()), unsettled);
                assertEquals(
                        DeliveryStatus.DELIVERED,
                        store.find(recorded.accountSid(), recordedClaim.deliverySid())
                                .orElseThrow()
                                .status());
                assertEquals(
                        1,
                        store.attempts(recorded.accountSid(), recordedClaim.deliverySid())
                                .size());
                assertEquals(Optional.empty(), store.find(unrecorded.accountSid(), unrecordedClaim.deliverySid()));
                assertEquals(List.of(), store.attempts(unrecorded.accountSid(), unrecordedClaim.deliverySid()));
                assertEquals(
                        new DeliveryStore.NotDue(unrecordedClaim.leaseUntil()), claim(unrecorded, now.plusSeconds(1)));
                DeliveryStore.Claimed again =
                        assertInstanceOf(DeliveryStore.Claimed.class, claim(unrecorded, unrecordedClaim.leaseUntil()));
                assertEquals(2, again.attempt());
            }
        }
    }

    @Test
    void anAccountsJobsWaitWhileItsSlotsAreHeldAndAreClaimedOnceOneIsGivenBack() {
        String account = Sids.random("AC");
        Instant now = Instant.now();
        NotificationJob first = job(account);
        DeliveryStore.Claimed holding = assertInstanceOf(DeliveryStore.Claimed.class, claim(first, now));
        DeliveryStore.Claimed other = assertInstanceOf(DeliveryStore.Claimed.class, claim(job(account), now));
        assertEquals(
                DeliveryShare.SLOTS_PER_ACCOUNT,
                Set.of(holding.slot().number(), other.slot().number()).size(),
                "two invocations, two slots");

        NotificationJob waiting = job(account);
        NotificationJob elsewhere = job();
        List<DeliveryStore.Claim> claims = store.claim(List.of(waiting, elsewhere), now.plusSeconds(1), LEASE);
        assertEquals(new DeliveryStore.Deferred(), claims.get(0));
        assertInstanceOf(DeliveryStore.Claimed.class, claims.get(1), "another account's job is claimed meanwhile");
        assertEquals(
                new DeliveryStore.Deferred(), claim(waiting, now.plusSeconds(2)), "a deferred job changed nothing");

        settle(first, holding, now.plusSeconds(3), DeliveryStatus.DELIVERED, Optional.empty());
        DeliveryStore.Claimed claimed =
                assertInstanceOf(DeliveryStore.Claimed.class, claim(waiting, now.plusSeconds(4)));
        assertEquals(1, claimed.attempt());
        assertEquals(holding.slot().number(), claimed.slot().number(), "the slot given back");
    }

    @Test
    void aSlotWhoseLeaseHasEndedIsFreeAgain() {
        String account = Sids.random("AC");
        Instant now = Instant.now();
        for (int i = 0; i < DeliveryShare.SLOTS_PER_ACCOUNT; i++) {
            assertInstanceOf(DeliveryStore.Claimed.class, claim(job(account), now));
        }
        NotificationJob waiting = job(account);
        assertEquals(
                new DeliveryStore.Deferred(),
                claim(waiting, now.plus(DeliveryShare.SLOT_LEASE).minusSeconds(1)));

        assertInstanceOf(DeliveryStore.Claimed.class, claim(waiting, now.plus(DeliveryShare.SLOT_LEASE)));
    }

    @Test
    void anInvocationClaimsAtMostItsShareOfOneAccountsJobsUnderOneSlotAndAllOfTheOthers() {
        String crowded = Sids.random("AC");
        List<NotificationJob> batch = new ArrayList<>();
        for (int i = 0; i < 52; i++) {
            batch.add(job(crowded));
        }
        // Three more accounts with 16 jobs each: with the slots, more items than one transaction takes.
        List<String> others = List.of(Sids.random("AC"), Sids.random("AC"), Sids.random("AC"));
        for (int i = 0; i < 48; i++) {
            batch.add(job(others.get(i % 3)));
        }

        List<DeliveryStore.Claim> claims = store.claim(batch, Instant.now(), LEASE);

        List<DeliveryStore.Claim> ofCrowded = claims.subList(0, 52);
        assertEquals(
                DeliveryShare.JOBS_PER_SLOT,
                ofCrowded.stream()
                        .filter(DeliveryStore.Claimed.class::isInstance)
                        .count());
        assertEquals(
                List.of(DeliveryStore.Claimed.class, DeliveryStore.Deferred.class),
                ofCrowded.stream().map(Object::getClass).distinct().toList(),
                "the first jobs claimed, the rest deferred");
        assertEquals(
                1,
                ofCrowded.stream()
                        .filter(DeliveryStore.Claimed.class::isInstance)
                        .map(claim -> ((DeliveryStore.Claimed) claim).slot())
                        .distinct()
                        .count());
        assertTrue(claims.subList(52, 100).stream().allMatch(DeliveryStore.Claimed.class::isInstance));
    }

    private DeliveryStore.Claim claim(NotificationJob job, Instant now) {
        return store.claim(List.of(job), now, LEASE).get(0);
    }

    private Set<String> settle(
            NotificationJob job,
            DeliveryStore.Claimed claimed,
            Instant now,
            DeliveryStatus status,
            Optional<Instant> next) {
        return store.settle(List.of(settlement(job, claimed, now, status, next, "ok")), List.of(claimed.slot()), now);
    }

    private static DeliveryStore.Settlement settlement(
            NotificationJob job,
            DeliveryStore.Claimed claimed,
            Instant now,
            DeliveryStatus status,
            Optional<Instant> next,
            String answer) {
        Delivery delivery = new Delivery(
                claimed.deliverySid(),
                job.accountSid(),
                job,
                status,
                claimed.attempt(),
                Optional.of(200),
                Optional.empty(),
                next,
                claimed.dateCreated(),
                now);
        return new DeliveryStore.Settlement(
                claimed,
                delivery,
                new DeliveryAttempt(claimed.attempt(), now, Optional.of(200), 5, Optional.empty(), answer));
    }

    private static NotificationJob job() {
        return job(Sids.random("AC"));
    }

    private static NotificationJob job(String accountSid) {
        String alarm = Sids.random("AL");
        String url = "https://hooks.example.com/" + alarm;
        return new NotificationJob(
                NotificationJob.jobId(alarm, NotificationJob.Channel.WEBHOOK, url),
                accountSid,
                new NotificationJob.Source(NotificationJob.SourceType.ALARM, alarm),
                NotificationJob.Channel.WEBHOOK,
                url,
                new NotificationJob.StandardWebhook("alarm.triggered", Instant.now(), Json.raw(Json.object())),
                Instant.now());
    }
}
