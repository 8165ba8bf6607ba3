package dev.monitor.dynamo.notify;

import static dev.monitor.dynamo.Attributes.n;
import static dev.monitor.dynamo.Attributes.s;

import dev.monitor.audit.AuditEvent;
import dev.monitor.aws.CallBudget;
import dev.monitor.aws.SdkTimeouts;
import dev.monitor.crypto.Secrets;
import dev.monitor.dynamo.AccountPartition;
import dev.monitor.dynamo.Attributes;
import dev.monitor.dynamo.BatchReader;
import dev.monitor.dynamo.BatchWriter;
import dev.monitor.dynamo.QueryPages;
import dev.monitor.dynamo.events.AuditedWrites;
import dev.monitor.errors.DomainException;
import dev.monitor.jackson.NotificationJobs;
import dev.monitor.notify.Delivery;
import dev.monitor.notify.DeliveryAttempt;
import dev.monitor.notify.DeliveryFilter;
import dev.monitor.notify.DeliveryShare;
import dev.monitor.notify.DeliveryStatus;
import dev.monitor.notify.DeliveryStore;
import dev.monitor.notify.ErrorClass;
import dev.monitor.notify.NotificationJob;
import dev.monitor.paging.Page;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.CancellationReason;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.ReturnValuesOnConditionCheckFailure;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;
import software.amazon.awssdk.services.dynamodb.model.Update;

/**
 * Deliveries on the table; docs/data-model.md explains the design. The job state {@code NJ#<job id>}
 * is the guard; the delivery {@code DL#<account>} / Sid and its attempts {@code DA#<account>#<Sid>}
 * are the records, with the delivery under gsi1 by source Sid and gsi2 by status. An account's delivery slots
 * ({@link DeliveryShare}) are {@code NS#<account>} / {@code SLOT#<n>}, taken in the claim's transaction and given
 * back in the settle's batch writes.
 */
public final class DynamoDeliveryStore implements DeliveryStore {
    /** Records and job states are kept this long after their last change. */
    static final Duration RETENTION = Duration.ofDays(30);
    /** A delivery's attempts shown with it: the newest, however many manual retries made more. */
    static final int MAX_ATTEMPTS_SHOWN = 100;
    /** The most TransactWriteItems takes. */
    private static final int MAX_TRANSACTION_ITEMS = 100;
    /**
     * Transactions to claim what a cancelled one left; a job that loses every one to a concurrent write is not claimed
     * this time.
     */
    private static final int CLAIM_ROUNDS = 4;
    /** Times a claim is sent again after its answer did not come, each after the SDK's own retries. */
    private static final int CLAIM_RESENDS = 2;

    private static final String CONDITION_FAILED = "ConditionalCheckFailed";
    /**
     * An attempt's state is put without a condition only while its lease has this long left: more
     * than the writes take, with their retries, and any skew between workers' clocks.
     */
    public static final Duration UNCONDITIONAL_SETTLE_MARGIN = Duration.ofSeconds(20);
    /** SQS hides a message to whole seconds: an attempt due within this is due now. */
    private static final Duration DUE_TOLERANCE = Duration.ofSeconds(1);

    private static final String JOB_SORT_KEY = "JOB";

    private final DynamoDbClient dynamo;
    private final String table;
    private final BatchWriter writer;
    private final BatchReader reader;
    private final AuditedWrites audited;

    public DynamoDeliveryStore(DynamoDbClient dynamo, String table) {
        this.dynamo = dynamo;
        this.table = table;
        this.writer = new BatchWriter(dynamo, table);
        this.reader = new BatchReader(dynamo, table);
        this.audited = new AuditedWrites(dynamo, table);
    }

    @Override
    public List<Claim> claim(List<NotificationJob> jobs, Instant now, Duration lease) {
        return new BatchClaim(jobs, now, lease).run();
    }

    /** One batch's claim: what was read of its jobs and slots, and what each job's claim has come to so far. */
    private final class BatchClaim {
        private final List<NotificationJob> jobs;
        private final Instant now;
        private final Duration lease;
        private final Instant leaseUntil;
        private final Instant slotLeaseUntil;
        /**
         * Drawn once for this claim: two workers given the same jobs at the same millisecond (SQS delivering a message
         * twice at once) must not share a token, or DynamoDB would answer the second as a repeat of the first, and both
         * would send.
         */
        private final String nonce = Secrets.randomHex(16);

        private final Claim[] claims;
        /** The state of each distinct job (by its first position) as last seen; null when it did not exist. */
        private final Map<Integer, Map<String, AttributeValue>> states = new HashMap<>();
        /** By account, the slots last seen free. */
        private final Map<String, Set<Integer>> freeSlots = new HashMap<>();

        BatchClaim(List<NotificationJob> jobs, Instant now, Duration lease) {
            this.jobs = jobs;
            this.now = now;
            this.lease = lease;
            this.leaseUntil = Instant.ofEpochMilli(now.plus(lease).toEpochMilli());
            this.slotLeaseUntil =
                    Instant.ofEpochMilli(now.plus(DeliveryShare.SLOT_LEASE).toEpochMilli());
            this.claims = new Claim[jobs.size()];
        }

        List<Claim> run() {
            Map<String, Integer> firstCopies = new HashMap<>();
            List<Integer> distinct = new ArrayList<>();
            for (int i = 0; i < jobs.size(); i++) {
                if (firstCopies.putIfAbsent(jobs.get(i).jobId(), i) == null) {
                    distinct.add(i);
                }
            }
            List<Integer> open = read(distinct);
            for (int round = 0; round < CLAIM_ROUNDS && !open.isEmpty(); round++) {
                if (round > 0) {
                    CallBudget.backOffUnprocessed(round, CLAIM_ROUNDS, open.size() + " jobs stayed unclaimed");
                }
                DeliveryShare.Plan plan = DeliveryShare.plan(
                        open.stream()
                                .map(i -> new DeliveryShare.Candidate(
                                        i, jobs.get(i).accountSid(), jobs.get(i).jobId()))
                                .toList(),
                        freeSlots);
                plan.deferred().forEach(candidate -> claims[candidate.index()] = new Deferred());
                List<Integer> again = new ArrayList<>();
                for (List<String> accounts : transactions(plan)) {
                    again.addAll(claimTogether(accounts, plan, round));
                }
                open = again;
            }
            // Still contended after every round: not claimed, so not sent; the message comes back soon.
            open.forEach(i -> claims[i] = new NotDue(now));
            for (int i = 0; i < jobs.size(); i++) {
                Claim first = claims[firstCopies.get(jobs.get(i).jobId())];
                if (claims[i] == null) {
                    claims[i] = first instanceof Claimed held ? new NotDue(held.leaseUntil()) : first;
                }
            }
            return List.of(claims);
        }

        /**
         * One consistent read of the jobs' states and of their accounts' slots, which says what can be claimed and
         * under which slot; the jobs that can be.
         */
        private List<Integer> read(List<Integer> distinct) {
            Set<String> accounts = new LinkedHashSet<>();
            distinct.forEach(i -> accounts.add(jobs.get(i).accountSid()));
            List<Map<String, AttributeValue>> keys = new ArrayList<>();
            distinct.forEach(i -> keys.add(jobKey(jobs.get(i).jobId())));
            accounts.forEach(account -> {
                for (int slot = 0; slot < DeliveryShare.SLOTS_PER_ACCOUNT; slot++) {
                    keys.add(slotKey(account, slot));
                }
            });
            Map<Map<String, AttributeValue>, Map<String, AttributeValue>> read = reader.getAll(keys);
            accounts.forEach(account -> {
                Set<Integer> free = new TreeSet<>();
                for (int slot = 0; slot < DeliveryShare.SLOTS_PER_ACCOUNT; slot++) {
                    Map<String, AttributeValue> held = read.get(slotKey(account, slot));
                    if (held == null || Attributes.number(held, "lease_until") <= now.toEpochMilli()) {
                        free.add(slot);
                    }
                }
                freeSlots.put(account, free);
            });
            List<Integer> open = new ArrayList<>();
            for (int i : distinct) {
                Map<String, AttributeValue> state = read.get(jobKey(jobs.get(i).jobId()));
                states.put(i, state);
                Optional<Claim> standing = standing(state, now);
                if (standing.isPresent()) {
                    claims[i] = standing.get();
                } else {
                    open.add(i);
                }
            }
            return open;
        }

        /**
         * Takes the accounts' planned slots and claims their planned jobs in one transaction, on condition that none
         * changed since it was read. A change cancels it: a slot taken since is no longer free, a job claimed or
         * settled since stands as it now is (a failed condition returns the item), and the others are returned, to
         * be claimed again.
         */
        private List<Integer> claimTogether(List<String> accounts, DeliveryShare.Plan plan, int round) {
            List<TransactWriteItem> items = new ArrayList<>();
            // Per item, in order: the account whose slot it takes, or the job it claims.
            List<String> slotOf = new ArrayList<>();
            List<Integer> jobOf = new ArrayList<>();
            List<String> described = new ArrayList<>();
            for (String account : accounts) {
                int slot = plan.slots().get(account);
                items.add(TransactWriteItem.builder()
                        .put(slotTaken(account, slot, now, slotLeaseUntil))
                        .build());
                slotOf.add(account);
                jobOf.add(null);
                described.add(account + "/" + slot);
                for (DeliveryShare.Candidate candidate : plan.claims().get(account)) {
                    Map<String, AttributeValue> state = states.get(candidate.index());
                    items.add(TransactWriteItem.builder()
                            .update(claimUpdate(jobs.get(candidate.index()), state, now, lease))
                            .build());
                    slotOf.add(null);
                    jobOf.add(candidate.index());
                    described.add(candidate.jobId() + ":" + attemptsOf(state));
                }
            }
            TransactWriteItemsRequest request = TransactWriteItemsRequest.builder()
                    .transactItems(items)
                    .clientRequestToken(claimToken(described, now, lease, round, nonce))
                    .build();
            List<Integer> again = new ArrayList<>();
            try {
                transact(request);
            } catch (TransactionCanceledException e) {
                // One reason per item, in order.
                for (int k = 0; k < items.size(); k++) {
                    CancellationReason reason =
                            e.hasCancellationReasons() ? e.cancellationReasons().get(k) : null;
                    boolean conditionFailed = reason != null && CONDITION_FAILED.equals(reason.code());
                    if (slotOf.get(k) != null) {
                        if (conditionFailed) {
                            freeSlots.get(slotOf.get(k)).remove(plan.slots().get(slotOf.get(k)));
                        }
                        continue;
                    }
                    int i = jobOf.get(k);
                    if (conditionFailed) {
                        Map<String, AttributeValue> current =
                                reason.hasItem() && !reason.item().isEmpty() ? reason.item() : null;
                        states.put(i, current);
                        Optional<Claim> standing = standing(current, now);
                        if (standing.isPresent()) {
                            claims[i] = standing.get();
                            continue;
                        }
                    }
                    again.add(i);
                }
                return again;
            }
            for (String account : accounts) {
                int slot = plan.slots().get(account);
                freeSlots.get(account).remove(slot);
                for (DeliveryShare.Candidate candidate : plan.claims().get(account)) {
                    claims[candidate.index()] = claimed(
                            jobs.get(candidate.index()),
                            states.get(candidate.index()),
                            new DeliverySlot(account, slot, slotLeaseUntil));
                }
            }
            return again;
        }

        /** The claim as the transaction made it, from the state it was made on. */
        private Claimed claimed(NotificationJob job, Map<String, AttributeValue> state, DeliverySlot slot) {
            int attempt = attemptsOf(state) + 1;
            if (state == null) {
                return new Claimed(Delivery.sidOf(now, job.jobId()), attempt, attempt, now, leaseUntil, slot);
            }
            return new Claimed(
                    Attributes.string(state, "delivery_sid"),
                    attempt,
                    attempt - (int) Attributes.number(state, "round_base"),
                    Attributes.instant(state, "created_at"),
                    leaseUntil,
                    slot);
        }
    }

    /** The plan's accounts, grouped so that each group's slots and claims fit one transaction. */
    private static List<List<String>> transactions(DeliveryShare.Plan plan) {
        List<List<String>> groups = new ArrayList<>();
        List<String> group = new ArrayList<>();
        int items = 0;
        for (Map.Entry<String, List<DeliveryShare.Candidate>> account :
                plan.claims().entrySet()) {
            int size = 1 + account.getValue().size();
            if (items + size > MAX_TRANSACTION_ITEMS) {
                groups.add(group);
                group = new ArrayList<>();
                items = 0;
            }
            group.add(account.getKey());
            items += size;
        }
        if (!group.isEmpty()) {
            groups.add(group);
        }
        return groups;
    }

    /**
     * Sends a claim, and sends it again, the same request, when it failed in a way that may have left it executed (a
     * 5xx, a timeout, a lost connection): its token makes DynamoDB answer a repeat with what the first did instead of
     * running it again, which would find the jobs claimed. The SDK's own retries carry a token too, but one it
     * generates for that call alone, so when its call fails the claim is lost with it.
     */
    private void transact(TransactWriteItemsRequest request) {
        for (int resent = 0; ; resent++) {
            try {
                dynamo.transactWriteItems(request);
                return;
            } catch (SdkException e) {
                if (resent == CLAIM_RESENDS || SdkTimeouts.unavailable(e).isEmpty()) {
                    throw e;
                }
                CallBudget.backOffUnprocessed(
                        resent + 1, CLAIM_RESENDS, "a claim of notification jobs went unanswered");
            }
        }
    }

    /**
     * The claim's idempotency token: its items (each job with the attempts it was read with, each slot), instant,
     * lease, round and the claim's nonce, hashed, so that only a repeat of the same request shares it; 36 characters,
     * the most DynamoDB takes.
     */
    static String claimToken(List<String> items, Instant now, Duration lease, int round, String nonce) {
        return Secrets.sha256Hex(String.join(",", items) + "@" + now.toEpochMilli() + "+" + lease.toMillis() + "#"
                        + round + "/" + nonce)
                .substring(0, 36);
    }

    private static int attemptsOf(Map<String, AttributeValue> state) {
        return state == null ? 0 : (int) Attributes.number(state, "attempts");
    }

    /**
     * Claims a job as it was read: one that did not exist, or one that is still at the attempts read, pending, its
     * lease ended and its next attempt due. The first claim fixes the delivery Sid and the creation date.
     */
    private Update claimUpdate(NotificationJob job, Map<String, AttributeValue> state, Instant now, Duration lease) {
        Map<String, AttributeValue> values = new HashMap<>();
        values.put(":account", s(job.accountSid()));
        values.put(":sid", s(Delivery.sidOf(now, job.jobId())));
        values.put(":created", s(now.toString()));
        values.put(":pending", s(DeliveryStatus.PENDING.wireName()));
        values.put(":zero", n(0));
        values.put(":one", n(1));
        values.put(":lease", n(now.plus(lease).toEpochMilli()));
        values.put(":now", n(now.toEpochMilli()));
        values.put(":expires", n(now.plus(RETENTION).getEpochSecond()));
        String condition;
        if (state == null) {
            condition = "attribute_not_exists(pk)";
        } else {
            condition = "attempts = :seen AND #status = :pending AND lease_until <= :now AND next_attempt_at <= :due";
            values.put(":seen", n(attemptsOf(state)));
            values.put(":due", n(now.plus(DUE_TOLERANCE).toEpochMilli()));
        }
        return Update.builder()
                .tableName(table)
                .key(jobKey(job.jobId()))
                .updateExpression("SET account_sid = :account, delivery_sid = if_not_exists(delivery_sid, :sid), "
                        + "created_at = if_not_exists(created_at, :created), #status = :pending, "
                        + "attempts = if_not_exists(attempts, :zero) + :one, round_base = if_not_exists(round_base, :zero), "
                        + "lease_until = :lease, next_attempt_at = :now, expires_at = :expires")
                .conditionExpression(condition)
                .expressionAttributeNames(Map.of("#status", "status"))
                .expressionAttributeValues(values)
                .returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.ALL_OLD)
                .build();
    }

    /** Takes an account's delivery slot that no one holds, or whose holder's lease has ended. */
    private Put slotTaken(String accountSid, int slot, Instant now, Instant leaseUntil) {
        return Put.builder()
                .tableName(table)
                .item(slotItem(accountSid, slot, leaseUntil))
                .conditionExpression("attribute_not_exists(pk) OR lease_until <= :now")
                .expressionAttributeValues(Map.of(":now", n(now.toEpochMilli())))
                .build();
    }

    /**
     * What stands in the way of claiming a job as read: it is done, or held or waiting until a time; empty when it can
     * be claimed (it does not exist, or it is pending, its lease ended and its attempt due).
     */
    private static Optional<Claim> standing(Map<String, AttributeValue> item, Instant now) {
        if (item == null) {
            return Optional.empty();
        }
        DeliveryStatus status =
                DeliveryStatus.fromWire(Attributes.string(item, "status")).orElseThrow();
        if (status != DeliveryStatus.PENDING) {
            return Optional.of(new Finished(status));
        }
        long leaseUntil = Attributes.number(item, "lease_until");
        long nextAttempt = Attributes.number(item, "next_attempt_at");
        if (leaseUntil <= now.toEpochMilli()
                && nextAttempt <= now.plus(DUE_TOLERANCE).toEpochMilli()) {
            return Optional.empty();
        }
        return Optional.of(new NotDue(Instant.ofEpochMilli(Math.max(leaseUntil, nextAttempt))));
    }

    @Override
    public Set<String> settle(List<Settlement> settlements, List<DeliverySlot> slots, Instant now) {
        // The attempts first: BatchWriteItem is not atomic, and a delivery read as settled must show the attempt that
        // settled it. A job whose attempt is not written is left as its claim left it, to be attempted again.
        Map<List<AttributeValue>, String> jobIds = new HashMap<>();
        List<Map<String, AttributeValue>> attempts = new ArrayList<>(settlements.size());
        for (Settlement settlement : settlements) {
            Map<String, AttributeValue> item = attemptItem(settlement.delivery(), settlement.attempt());
            attempts.add(item);
            jobIds.put(keyOf(item), settlement.delivery().job().jobId());
        }
        Set<String> unsettled = new HashSet<>();
        for (Map<String, AttributeValue> item : writer.putEach(attempts)) {
            unsettled.add(jobIds.get(keyOf(item)));
        }
        List<Map<String, AttributeValue>> states = new ArrayList<>(settlements.size() * 2);
        for (Settlement settlement : settlements) {
            Delivery delivery = settlement.delivery();
            String jobId = delivery.job().jobId();
            if (unsettled.contains(jobId)) {
                continue;
            }
            int first = states.size();
            if (now.plus(UNCONDITIONAL_SETTLE_MARGIN)
                    .isBefore(settlement.claim().leaseUntil())) {
                // Within its lease no other worker can claim the job, and a manual retry needs it failed:
                // the state can be put whole, with the records, without a condition.
                states.add(jobStateItem(settlement));
                states.add(deliveryItem(delivery));
            } else {
                try {
                    if (settleAfterLease(settlement)) {
                        states.add(deliveryItem(delivery));
                    }
                } catch (SdkException | DomainException.Unavailable e) {
                    unsettled.add(jobId);
                }
            }
            states.subList(first, states.size()).forEach(item -> jobIds.put(keyOf(item), jobId));
        }
        for (DeliverySlot slot : slots) {
            // Within its lease no one else can hold the slot: it is put back free without a condition, beside the
            // records. Past that it has freed itself, and may be someone else's.
            if (now.plus(UNCONDITIONAL_SETTLE_MARGIN).isBefore(slot.leaseUntil())) {
                states.add(slotItem(slot.accountSid(), slot.number(), now));
            }
        }
        for (Map<String, AttributeValue> item : writer.putEach(states)) {
            // A slot left unwritten frees itself when its lease ends.
            String jobId = jobIds.get(keyOf(item));
            if (jobId != null) {
                unsettled.add(jobId);
            }
        }
        return unsettled;
    }

    /**
     * False if another attempt has claimed the job since this one's lease ran out: its outcome stands, not this one's.
     */
    private boolean settleAfterLease(Settlement settlement) {
        Delivery delivery = settlement.delivery();
        try {
            dynamo.updateItem(request -> request.tableName(table)
                    .key(jobKey(delivery.job().jobId()))
                    .updateExpression("SET #status = :status, lease_until = :zero, next_attempt_at = :next")
                    .conditionExpression("attempts = :attempt")
                    .expressionAttributeNames(Map.of("#status", "status"))
                    .expressionAttributeValues(Map.of(
                            ":status",
                            s(delivery.status().wireName()),
                            ":zero",
                            n(0),
                            ":next",
                            n(delivery.nextAttemptAt()
                                    .map(Instant::toEpochMilli)
                                    .orElse(0L)),
                            ":attempt",
                            n(settlement.claim().attempt()))));
            return true;
        } catch (ConditionalCheckFailedException e) {
            return false;
        }
    }

    @Override
    public Optional<Delivery> find(String accountSid, String deliverySid) {
        Map<String, AttributeValue> item = dynamo.getItem(request ->
                        request.tableName(table).key(Map.of("pk", s(deliveriesKey(accountSid)), "sk", s(deliverySid))))
                .item();
        return item == null || item.isEmpty() ? Optional.empty() : Optional.of(delivery(item));
    }

    @Override
    public List<DeliveryAttempt> attempts(String accountSid, String deliverySid) {
        // The newest, read newest first in one Query (at most 400 KB, each keeping 4 KB of its answer), then in order.
        List<DeliveryAttempt> attempts = new ArrayList<>();
        dynamo.query(query -> query.tableName(table)
                        .keyConditionExpression("pk = :pk")
                        .expressionAttributeValues(Map.of(":pk", s(attemptsKey(accountSid, deliverySid))))
                        .scanIndexForward(false)
                        .limit(MAX_ATTEMPTS_SHOWN))
                .items()
                .forEach(item -> attempts.add(attempt(item)));
        Collections.reverse(attempts);
        return attempts;
    }

    @Override
    public Page<Delivery> list(String accountSid, DeliveryFilter filter, int pageSize, Optional<String> cursor) {
        Optional<String> index;
        String keyAttribute;
        String keyValue;
        Map<String, AttributeValue> values = new HashMap<>();
        Optional<String> filterExpression = Optional.empty();
        if (filter.sourceSid().isPresent()) {
            index = Optional.of("gsi1");
            keyAttribute = "g1pk";
            keyValue = bySourceKey(accountSid, filter.sourceSid().get());
            if (filter.status().isPresent()) {
                filterExpression = Optional.of("#status = :status");
                values.put(":status", s(filter.status().get().wireName()));
            }
        } else if (filter.status().isPresent()) {
            index = Optional.of("gsi2");
            keyAttribute = "g2pk";
            keyValue = byStatusKey(accountSid, filter.status().get());
        } else {
            index = Optional.empty();
            keyAttribute = "pk";
            keyValue = deliveriesKey(accountSid);
        }
        values.put(":key", s(keyValue));
        values.put(":prefix", s(Delivery.SIDS.prefix()));
        QueryRequest.Builder query = QueryRequest.builder()
                .tableName(table)
                .keyConditionExpression(keyAttribute + " = :key AND begins_with(sk, :prefix)")
                .expressionAttributeValues(values);
        index.ifPresent(query::indexName);
        filterExpression.ifPresent(
                expression -> query.filterExpression(expression).expressionAttributeNames(Map.of("#status", "status")));
        return new QueryPages<>(
                        dynamo,
                        item -> Attributes.string(item, "sk"),
                        sk -> startKey(keyAttribute, keyValue, accountSid, sk),
                        DynamoDeliveryStore::delivery)
                .read(query.build(), false, pageSize, cursor);
    }

    @Override
    public boolean reopen(Delivery delivery, Instant now, List<AuditEvent> audit) {
        Update job = Update.builder()
                .tableName(table)
                .key(jobKey(delivery.job().jobId()))
                .updateExpression("SET #status = :pending, round_base = attempts, next_attempt_at = :now,"
                        + " lease_until = :zero, expires_at = :expires")
                .conditionExpression("#status = :failed")
                .expressionAttributeNames(Map.of("#status", "status"))
                .expressionAttributeValues(Map.of(
                        ":pending",
                        s(DeliveryStatus.PENDING.wireName()),
                        ":failed",
                        s(DeliveryStatus.FAILED.wireName()),
                        ":now",
                        n(now.toEpochMilli()),
                        ":zero",
                        n(0),
                        ":expires",
                        n(now.plus(RETENTION).getEpochSecond())))
                .build();
        Update shown = Update.builder()
                .tableName(table)
                .key(Map.of("pk", s(deliveriesKey(delivery.accountSid())), "sk", s(delivery.sid())))
                .updateExpression(
                        "SET #status = :pending, g2pk = :byStatus, date_updated = :now REMOVE next_attempt_at")
                .expressionAttributeNames(Map.of("#status", "status"))
                .expressionAttributeValues(Map.of(
                        ":pending",
                        s(DeliveryStatus.PENDING.wireName()),
                        ":byStatus",
                        s(byStatusKey(delivery.accountSid(), DeliveryStatus.PENDING)),
                        ":now",
                        s(now.toString())))
                .build();
        return audited.write(
                        List.of(
                                TransactWriteItem.builder().update(job).build(),
                                TransactWriteItem.builder().update(shown).build()),
                        audit)
                .isEmpty();
    }

    @Override
    public boolean dueNow(Delivery delivery, Instant now, List<AuditEvent> audit) {
        Update job = Update.builder()
                .tableName(table)
                .key(jobKey(delivery.job().jobId()))
                .updateExpression("SET next_attempt_at = :now")
                .conditionExpression("#status = :pending AND lease_until <= :now")
                .expressionAttributeNames(Map.of("#status", "status"))
                .expressionAttributeValues(
                        Map.of(":pending", s(DeliveryStatus.PENDING.wireName()), ":now", n(now.toEpochMilli())))
                .build();
        Update shown = Update.builder()
                .tableName(table)
                .key(Map.of("pk", s(deliveriesKey(delivery.accountSid())), "sk", s(delivery.sid())))
                .updateExpression("SET date_updated = :now REMOVE next_attempt_at")
                .expressionAttributeValues(Map.of(":now", s(now.toString())))
                .build();
        return audited.write(
                        List.of(
                                TransactWriteItem.builder().update(job).build(),
                                TransactWriteItem.builder().update(shown).build()),
                        audit)
                .isEmpty();
    }

    @Override
    public boolean isDisabled(String accountSid, String url) {
        Map<String, AttributeValue> item = dynamo.getItem(
                        request -> request.tableName(table).key(disabledKey(accountSid, url)))
                .item();
        return item != null && !item.isEmpty();
    }

    @Override
    public void disable(String accountSid, String url, Instant at) {
        Map<String, AttributeValue> item = new HashMap<>(disabledKey(accountSid, url));
        item.put("url", s(url));
        item.put("disabled_at", s(at.toString()));
        dynamo.putItem(request -> request.tableName(table).item(item));
    }

    @Override
    public void enable(String accountSid, String url) {
        dynamo.deleteItem(request -> request.tableName(table).key(disabledKey(accountSid, url)));
    }

    private static Map<String, AttributeValue> jobKey(String jobId) {
        return Map.of("pk", s("NJ#" + jobId), "sk", s(JOB_SORT_KEY));
    }

    private static Map<String, AttributeValue> slotKey(String accountSid, int slot) {
        return Map.of("pk", s("NS#" + accountSid), "sk", s("SLOT#" + slot));
    }

    /**
     * A delivery slot held until {@code leaseUntil}, free once that has passed; the table's TTL clears it once its
     * lease has ended, a free slot and no slot being the same.
     */
    private static Map<String, AttributeValue> slotItem(String accountSid, int slot, Instant leaseUntil) {
        Map<String, AttributeValue> item = new HashMap<>(slotKey(accountSid, slot));
        item.put("lease_until", n(leaseUntil.toEpochMilli()));
        item.put("expires_at", n(leaseUntil.getEpochSecond() + 1));
        return item;
    }

    private static List<AttributeValue> keyOf(Map<String, AttributeValue> item) {
        return List.of(item.get("pk"), item.get("sk"));
    }

    private static Map<String, AttributeValue> jobStateItem(Settlement settlement) {
        Delivery delivery = settlement.delivery();
        Claimed claim = settlement.claim();
        Map<String, AttributeValue> item = new HashMap<>(jobKey(delivery.job().jobId()));
        item.put("account_sid", s(delivery.accountSid()));
        item.put("delivery_sid", s(delivery.sid()));
        item.put("created_at", s(claim.dateCreated().toString()));
        item.put("status", s(delivery.status().wireName()));
        item.put("attempts", n(claim.attempt()));
        item.put("round_base", n(claim.attempt() - claim.attemptInRound()));
        item.put("lease_until", n(0));
        item.put(
                "next_attempt_at",
                n(delivery.nextAttemptAt().map(Instant::toEpochMilli).orElse(0L)));
        item.put("expires_at", n(delivery.dateUpdated().plus(RETENTION).getEpochSecond()));
        return item;
    }

    private static Map<String, AttributeValue> disabledKey(String accountSid, String url) {
        return Map.of("pk", s(AccountPartition.of(accountSid)), "sk", s("WEBHOOK_DISABLED#" + Secrets.sha256Hex(url)));
    }

    private static String deliveriesKey(String accountSid) {
        return "DL#" + accountSid;
    }

    private static String bySourceKey(String accountSid, String sourceSid) {
        return "DL#" + accountSid + "#S#" + sourceSid;
    }

    private static String byStatusKey(String accountSid, DeliveryStatus status) {
        return "DL#" + accountSid + "#T#" + status.wireName();
    }

    private static String attemptsKey(String accountSid, String deliverySid) {
        return "DA#" + accountSid + "#" + deliverySid;
    }

    private static Map<String, AttributeValue> startKey(
            String keyAttribute, String keyValue, String accountSid, String sortKey) {
        Map<String, AttributeValue> key = new HashMap<>();
        key.put(keyAttribute, s(keyValue));
        key.put("pk", s(deliveriesKey(accountSid)));
        key.put("sk", s(sortKey));
        return key;
    }

    private static Map<String, AttributeValue> deliveryItem(Delivery delivery) {
        Map<String, AttributeValue> item = new HashMap<>();
        item.put("pk", s(deliveriesKey(delivery.accountSid())));
        item.put("sk", s(delivery.sid()));
        item.put(
                "g1pk",
                s(bySourceKey(delivery.accountSid(), delivery.job().source().sid())));
        item.put("g2pk", s(byStatusKey(delivery.accountSid(), delivery.status())));
        item.put("account_sid", s(delivery.accountSid()));
        item.put("job", s(NotificationJobs.toJson(delivery.job())));
        item.put("status", s(delivery.status().wireName()));
        item.put("attempts", n(delivery.attempts()));
        delivery.lastStatusCode().ifPresent(code -> item.put("last_status_code", n(code)));
        delivery.lastErrorClass().ifPresent(error -> item.put("last_error_class", s(error.wireName())));
        delivery.nextAttemptAt().ifPresent(next -> item.put("next_attempt_at", s(next.toString())));
        item.put("date_created", s(delivery.dateCreated().toString()));
        item.put("date_updated", s(delivery.dateUpdated().toString()));
        item.put("expires_at", n(delivery.dateUpdated().plus(RETENTION).getEpochSecond()));
        return item;
    }

    private static Map<String, AttributeValue> attemptItem(Delivery delivery, DeliveryAttempt attempt) {
        Map<String, AttributeValue> item = new HashMap<>();
        item.put("pk", s(attemptsKey(delivery.accountSid(), delivery.sid())));
        item.put("sk", s(String.format("%05d", attempt.attempt())));
        item.put("attempt", n(attempt.attempt()));
        item.put("date", s(attempt.date().toString()));
        attempt.statusCode().ifPresent(code -> item.put("status_code", n(code)));
        item.put("latency_ms", n(attempt.latencyMs()));
        attempt.errorClass().ifPresent(error -> item.put("error_class", s(error.wireName())));
        item.put("response", s(attempt.response()));
        item.put("expires_at", n(attempt.date().plus(RETENTION).getEpochSecond()));
        return item;
    }

    private static Delivery delivery(Map<String, AttributeValue> item) {
        return new Delivery(
                Attributes.string(item, "sk"),
                Attributes.string(item, "account_sid"),
                NotificationJobs.fromJson(Attributes.string(item, "job")),
                DeliveryStatus.fromWire(Attributes.string(item, "status")).orElseThrow(),
                (int) Attributes.number(item, "attempts"),
                Attributes.optionalNumber(item, "last_status_code").map(Long::intValue),
                Attributes.optionalString(item, "last_error_class").map(ErrorClass::fromWire),
                Attributes.optionalString(item, "next_attempt_at").map(Instant::parse),
                Attributes.instant(item, "date_created"),
                Attributes.instant(item, "date_updated"));
    }

    private static DeliveryAttempt attempt(Map<String, AttributeValue> item) {
        return new DeliveryAttempt(
                (int) Attributes.number(item, "attempt"),
                Attributes.instant(item, "date"),
                Attributes.optionalNumber(item, "status_code").map(Long::intValue),
                Attributes.number(item, "latency_ms"),
                Attributes.optionalString(item, "error_class").map(ErrorClass::fromWire),
                Attributes.optionalString(item, "response").orElse(""));
    }
}
