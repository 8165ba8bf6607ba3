package dev.monitor.notify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class DeliveryShareTest {
    private static final Instant NOW = Instant.parse("2031-03-10T12:00:00Z");

    @Test
    void eachAccountWithAFreeSlotGetsOneAndTheJobsOfOneWithoutWait() {
        List<DeliveryShare.Candidate> candidates =
                List.of(candidate(0, "ACa"), candidate(1, "ACb"), candidate(2, "ACa"), candidate(3, "ACc"));

        DeliveryShare.Plan plan =
                DeliveryShare.plan(candidates, Map.of("ACa", Set.of(0, 1), "ACb", Set.of(1), "ACc", Set.of()));

        assertEquals(Set.of("ACa", "ACb"), plan.slots().keySet());
        assertTrue(Set.of(0, 1).contains(plan.slots().get("ACa")));
        assertEquals(1, plan.slots().get("ACb"), "the one slot that is free");
        assertEquals(
                List.of(candidates.get(0), candidates.get(2)), plan.claims().get("ACa"), "in the batch's order");
        assertEquals(List.of(candidates.get(1)), plan.claims().get("ACb"));
        assertEquals(List.of(candidates.get(3)), plan.deferred(), "no free slot: it waits");
    }

    @Test
    void aSlotTakesAtMostItsShareOfAnAccountsJobsAndTheRestWait() {
        List<DeliveryShare.Candidate> candidates = new ArrayList<>();
        for (int i = 0; i < DeliveryShare.JOBS_PER_SLOT + 7; i++) {
            candidates.add(candidate(i, "ACa"));
        }

        DeliveryShare.Plan plan = DeliveryShare.plan(candidates, Map.of("ACa", Set.of(0, 1)));

        assertEquals(1, plan.slots().size(), "one slot an invocation, whatever is free");
        assertEquals(
                candidates.subList(0, DeliveryShare.JOBS_PER_SLOT),
                plan.claims().get("ACa"));
        assertEquals(candidates.subList(DeliveryShare.JOBS_PER_SLOT, candidates.size()), plan.deferred());
    }

    @Test
    void invocationsClaimingForOneAccountAtOnceMostlyTryDifferentSlots() {
        Set<Integer> chosen = new HashSet<>();
        for (int batch = 0; batch < 20; batch++) {
            DeliveryShare.Plan plan = DeliveryShare.plan(
                    List.of(new DeliveryShare.Candidate(0, "ACa", NotificationJob.jobId("batch " + batch, null, ""))),
                    Map.of("ACa", Set.of(0, 1)));
            chosen.add(plan.slots().get("ACa"));
        }
        assertEquals(Set.of(0, 1), chosen);
    }

    @Test
    void jobsOfOneAgeComeBackTogetherAtTheNextStepOfAPeriodThatGrowsWithTheirAge() {
        Instant created = NOW.minusSeconds(3);
        // Deferred at different moments, the jobs of one storm come back at the same instant.
        assertEquals(NOW.plusSeconds(1), NOW.plus(DeliveryShare.waitBeforeOffering(created, NOW)), "a young job: soon");
        assertEquals(
                NOW.plusSeconds(1),
                NOW.plusMillis(300).plus(DeliveryShare.waitBeforeOffering(created, NOW.plusMillis(300))));
        assertEquals(
                NOW.plusSeconds(4),
                NOW.plusSeconds(1).plus(DeliveryShare.waitBeforeOffering(NOW.minusSeconds(8), NOW.plusSeconds(1))),
                "9 s old: every 4 s");
        assertEquals(
                NOW.plus(DeliveryShare.LONGEST_WAIT),
                NOW.plus(DeliveryShare.waitBeforeOffering(NOW.minus(Duration.ofHours(3)), NOW)),
                "an old job, reopened by hand: not much later");
        assertEquals(
                NOW.plus(DeliveryShare.SHORTEST_WAIT),
                NOW.plus(DeliveryShare.waitBeforeOffering(NOW.plusSeconds(5), NOW)),
                "a producer's clock ahead of this one");
    }

    private static DeliveryShare.Candidate candidate(int index, String account) {
        return new DeliveryShare.Candidate(index, account, "NJ" + account + index);
    }
}
