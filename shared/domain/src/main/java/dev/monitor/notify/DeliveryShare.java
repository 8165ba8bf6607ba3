package dev.monitor.notify;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Each account's share of the notifier, so that one account's notifications never hold up another's. An invocation
 * is busy until its slowest delivery ends, so the share is counted in invocations: an account has
 * {@value #SLOTS_PER_ACCOUNT} delivery slots, leases in DynamoDB, and only an invocation that holds one of them
 * delivers the account's jobs, at most {@value #JOBS_PER_SLOT} of them. One account whose receiver takes 10 s thus
 * keeps at most two of the notifier's ten concurrent invocations (the event source's {@code MaximumConcurrency})
 * waiting on it; its other jobs are not claimed, and come back a little later as new messages.
 */
public final class DeliveryShare {
    /** Invocations that may deliver one account's jobs at once. */
    public static final int SLOTS_PER_ACCOUNT = 2;
    /**
     * Of one account's jobs, the most an invocation delivers: half the template's batch, so that an account's claims
     * and its slot always fit a transaction, and one account's receivers get at most 100 requests at once.
     */
    public static final int JOBS_PER_SLOT = 50;
    /**
     * A slot is held this long at most: longer than the notifier's timeout (60 s) and the margin of an unconditional
     * settle, so that it is taken again only when the invocation that held it is certainly over. An invocation gives
     * its slots back when it settles its attempts, long before.
     */
    public static final Duration SLOT_LEASE = Duration.ofMinutes(2);

    static final Duration SHORTEST_WAIT = Duration.ofSeconds(1);
    static final Duration LONGEST_WAIT = Duration.ofSeconds(8);

    private DeliveryShare() {}

    /** A job that could be claimed now: its position in the batch and its account. */
    public record Candidate(int index, String accountSid, String jobId) {}

    /**
     * What to claim: for each account given a slot, that slot's number and the jobs to claim under it, in the batch's
     * order; and the jobs that wait their turn.
     */
    public record Plan(Map<String, Integer> slots, Map<String, List<Candidate>> claims, List<Candidate> deferred) {}

    /**
     * Gives each account with candidates one of its free slots, and that slot up to {@value #JOBS_PER_SLOT} of its
     * candidates; an account without a free slot waits. Of several free slots, the one taken depends on the account's
     * first job, so that invocations claiming for the same account at once mostly try different slots.
     */
    public static Plan plan(List<Candidate> candidates, Map<String, Set<Integer>> freeSlots) {
        Map<String, List<Candidate>> byAccount = new LinkedHashMap<>();
        candidates.forEach(candidate -> byAccount
                .computeIfAbsent(candidate.accountSid(), account -> new ArrayList<>())
                .add(candidate));
        Map<String, Integer> slots = new LinkedHashMap<>();
        Map<String, List<Candidate>> claims = new LinkedHashMap<>();
        List<Candidate> deferred = new ArrayList<>();
        byAccount.forEach((account, jobs) -> {
            List<Integer> free = new ArrayList<>(new TreeSet<>(freeSlots.getOrDefault(account, Set.of())));
            if (free.isEmpty()) {
                deferred.addAll(jobs);
                return;
            }
            slots.put(account, free.get(Math.floorMod(jobs.get(0).jobId().hashCode(), free.size())));
            claims.put(account, List.copyOf(jobs.subList(0, Math.min(JOBS_PER_SLOT, jobs.size()))));
            deferred.addAll(jobs.subList(Math.min(JOBS_PER_SLOT, jobs.size()), jobs.size()));
        });
        return new Plan(slots, claims, deferred);
    }

    /**
     * How long a job that waits its account's turn stays away before it is offered again: until the next multiple (in
     * epoch time) of a period that grows with the job's age, a power of two seconds from {@link #SHORTEST_WAIT} to
     * {@link #LONGEST_WAIT}, the largest at most half its age. A storm's jobs, of one age, so come back together, and
     * the invocation that gets a free slot of their account next finds many of them in its batch rather than one; a
     * long backlog comes back less often.
     */
    public static Duration waitBeforeOffering(Instant createdAt, Instant now) {
        long half = Math.max(0, Duration.between(createdAt, now).toMillis()) / 2;
        long period = SHORTEST_WAIT.toMillis();
        while (period * 2 <= Math.min(half, LONGEST_WAIT.toMillis())) {
            period *= 2;
        }
        long next = (now.toEpochMilli() / period + 1) * period;
        return Duration.ofMillis(next - now.toEpochMilli());
    }
}
