package dev.monitor.notifier;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.monitor.accounts.Account;
import dev.monitor.accounts.AccountStore;
import dev.monitor.accounts.AuthTokenSealer;
import dev.monitor.aws.CallBudget;
import dev.monitor.jackson.Json;
import dev.monitor.logging.Log;
import dev.monitor.metrics.Metric;
import dev.monitor.metrics.Metrics;
import dev.monitor.notify.Delivery;
import dev.monitor.notify.DeliveryAttempt;
import dev.monitor.notify.DeliveryShare;
import dev.monitor.notify.DeliveryStatus;
import dev.monitor.notify.DeliveryStore;
import dev.monitor.notify.ErrorClass;
import dev.monitor.notify.NotificationJob;
import dev.monitor.notify.NotificationQueue;
import dev.monitor.notify.SigningSecrets;
import dev.monitor.validation.Dates;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.function.DoubleSupplier;
import java.util.stream.Collectors;

/**
 * Delivers notification jobs: claims each (so a job is sent once however often it arrives), sends
 * it by email or webhook, records the attempt, and says when to try again, or moves the job to the
 * dead-letter queue when it has failed for good. A batch's jobs are claimed together and settled
 * together, a few writes for the whole batch; they are sent concurrently, so one slow receiver
 * holds the batch no longer than its own timeout.
 */
public final class Notifier {
    /**
     * Longer than the longest invocation that can hold a claim (the notifier's timeout, 60 s) and than the queue's
     * visibility timeout (360 s), after which an unsettled job's message comes back: only when it has run out can
     * the attempt no longer be in flight, and only then may the job be claimed again.
     */
    public static final Duration LEASE = Duration.ofMinutes(7);

    private static final Duration SHORTEST_WAIT = Duration.ofSeconds(1);
    /** A settlement is three items (the job's state, its delivery, the attempt); BatchWriteItem takes 25. */
    private static final int SETTLEMENTS_PER_WRITE = 8;

    /** What to do with a job's message. */
    public sealed interface Outcome {}

    /** Delivered, failed for good, or already done: the message can go. */
    public record Done() implements Outcome {}

    /** Keep the message and hand it back after {@code delay}. */
    public record RetryIn(Duration delay) implements Outcome {}

    /**
     * Not attempted: the job's account has its share of the notifier in use. Queue the job again, to come back after
     * {@code delay}, and let this message go: a new message starts its receive count afresh, so waiting its turn
     * never sends a job to the dead-letter queue.
     */
    public record Deferred(Duration delay) implements Outcome {}

    /** Something broke before the attempt was settled: keep the message; the queue brings it back. */
    public record Unsettled(String reason) implements Outcome {}

    private final DeliveryStore store;
    private final SigningSecrets signingSecrets;
    private final AccountStore accounts;
    private final AuthTokenSealer authTokens;
    private final WebhookClient webhooks;
    private final EmailSender email;
    private final NotificationQueue deadLetters;
    private final RetrySchedule schedule;
    private final ExecutorService executor;
    private final Clock clock;
    private final DoubleSupplier random;
    private final Log log;
    private final Metrics metrics;

    public Notifier(
            DeliveryStore store,
            SigningSecrets signingSecrets,
            AccountStore accounts,
            AuthTokenSealer authTokens,
            WebhookClient webhooks,
            EmailSender email,
            NotificationQueue deadLetters,
            RetrySchedule schedule,
            ExecutorService executor,
            Clock clock,
            DoubleSupplier random,
            Log log,
            Metrics metrics) {
        this.store = store;
        this.signingSecrets = signingSecrets;
        this.accounts = accounts;
        this.authTokens = authTokens;
        this.webhooks = webhooks;
        this.email = email;
        this.deadLetters = deadLetters;
        this.schedule = schedule;
        this.executor = executor;
        this.clock = clock;
        this.random = random;
        this.log = log;
        this.metrics = metrics;
    }

    /** One outcome per job, in the jobs' order. */
    public List<Outcome> deliverAll(List<NotificationJob> jobs) {
        Instant now = clock.instant();
        List<DeliveryStore.Claim> claims;
        try {
            claims = store.claim(jobs, now, LEASE);
        } catch (RuntimeException e) {
            log.write(Log.Level.WARN, "Claiming a batch's jobs failed", Map.of("jobs", jobs.size()), e);
            return jobs.stream()
                    .<Outcome>map(job -> new Unsettled(e.toString()))
                    .toList();
        }
        Batch batch = new Batch();
        Outcome[] outcomes = new Outcome[jobs.size()];
        Map<Integer, Future<Attempted>> running = new LinkedHashMap<>();
        Set<DeliveryStore.DeliverySlot> slots = new LinkedHashSet<>();
        Map<String, Integer> deferred = new TreeMap<>();
        for (int i = 0; i < jobs.size(); i++) {
            NotificationJob job = jobs.get(i);
            DeliveryStore.Claim claim = claims.get(i);
            if (claim instanceof DeliveryStore.Claimed claimed) {
                slots.add(claimed.slot());
                running.put(i, executor.submit(CallBudget.carried(() -> attempt(job, claimed, now, batch))));
            } else if (claim instanceof DeliveryStore.Deferred) {
                deferred.merge(job.accountSid(), 1, Integer::sum);
                outcomes[i] = new Deferred(DeliveryShare.waitBeforeOffering(job.createdAt(), now));
            } else if (claim instanceof DeliveryStore.NotDue notDue) {
                Duration wait = Duration.between(now, notDue.until());
                outcomes[i] = new RetryIn(wait.compareTo(SHORTEST_WAIT) < 0 ? SHORTEST_WAIT : wait);
            } else {
                // A producer that ran twice, or SQS delivering again: worth a line, since it is sent only once.
                DeliveryStore.Finished finished = (DeliveryStore.Finished) claim;
                log.write(
                        Log.Level.INFO,
                        "A finished job came again: not sent again",
                        Map.of(
                                "accountSid",
                                job.accountSid(),
                                "jobId",
                                job.jobId(),
                                "status",
                                finished.status().wireName()),
                        null);
                outcomes[i] = new Done();
            }
        }
        List<DeliveryStore.Settlement> settlements = new ArrayList<>();
        Map<Integer, Attempted> attempted = new LinkedHashMap<>();
        running.forEach((i, future) -> {
            try {
                Attempted attempt = future.get();
                attempted.put(i, attempt);
                settlements.add(attempt.settlement());
            } catch (ExecutionException e) {
                log.write(
                        Log.Level.WARN,
                        "A job was not settled",
                        Map.of(
                                "accountSid",
                                jobs.get(i).accountSid(),
                                "jobId",
                                jobs.get(i).jobId()),
                        e.getCause());
                outcomes[i] = new Unsettled(e.getCause().toString());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                outcomes[i] = new Unsettled("interrupted");
            }
        });
        if (!deferred.isEmpty()) {
            log.info(
                    "Jobs wait for their accounts' share of the notifier",
                    Map.of(
                            "jobs",
                            deferred.values().stream()
                                    .mapToInt(Integer::intValue)
                                    .sum(),
                            "accounts",
                            deferred.size()));
        }
        Set<String> unsettled = settle(settlements, List.copyOf(slots));
        attempted.forEach((i, attempt) -> {
            boolean settled = !unsettled.contains(jobs.get(i).jobId());
            outcomes[i] = settled ? attempt.outcome() : new Unsettled("The attempt's outcome was not written");
            report(attempt.settlement(), settled);
        });
        return List.of(outcomes);
    }

    /**
     * One line and the metrics of an attempt. Its destination is left out: a webhook URL may carry a secret of the
     * receiver's, an email address is personal.
     */
    private void report(DeliveryStore.Settlement settlement, boolean settled) {
        Delivery delivery = settlement.delivery();
        DeliveryAttempt attempt = settlement.attempt();
        String outcome;
        if (!settled) {
            outcome = "unsettled";
        } else if (delivery.status() == DeliveryStatus.DELIVERED) {
            outcome = "delivered";
            metrics.add(Metric.NOTIFICATIONS_DELIVERED, 1);
        } else if (delivery.status() == DeliveryStatus.FAILED) {
            outcome = "failed";
            metrics.add(Metric.NOTIFICATIONS_FAILED, 1);
        } else {
            outcome = "retry";
            metrics.add(Metric.NOTIFICATIONS_RETRIED, 1);
        }
        metrics.add(Metric.DELIVERY_LATENCY, (double) attempt.latencyMs());
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("accountSid", delivery.accountSid());
        fields.put("deliverySid", delivery.sid());
        fields.put("attempt", attempt.attempt());
        fields.put("outcome", outcome);
        fields.put("channel", delivery.job().channel().name().toLowerCase(Locale.ROOT));
        attempt.statusCode().ifPresent(code -> fields.put("statusCode", code));
        attempt.errorClass().ifPresent(errorClass -> fields.put("errorClass", errorClass.wireName()));
        fields.put("latencyMs", attempt.latencyMs());
        delivery.nextAttemptAt().ifPresent(next -> fields.put("nextAttemptAt", next.toString()));
        log.write(outcome.equals("delivered") ? Log.Level.INFO : Log.Level.WARN, "Delivery attempted", fields, null);
    }

    /**
     * Settles the batch's attempts in parallel, a BatchWriteItem's worth (three items each) at a time, and gives back
     * the delivery slots they were made under, with the first of those writes; the job ids not settled.
     */
    private Set<String> settle(List<DeliveryStore.Settlement> settlements, List<DeliveryStore.DeliverySlot> slots) {
        List<Future<Set<String>>> writes = new ArrayList<>();
        for (int from = 0;
                from < Math.max(settlements.size(), slots.isEmpty() ? 0 : 1);
                from += SETTLEMENTS_PER_WRITE) {
            List<DeliveryStore.Settlement> chunk =
                    settlements.subList(from, Math.min(settlements.size(), from + SETTLEMENTS_PER_WRITE));
            List<DeliveryStore.DeliverySlot> released = from == 0 ? slots : List.of();
            writes.add(executor.submit(CallBudget.carried(() -> store.settle(chunk, released, clock.instant()))));
        }
        Set<String> unsettled = new HashSet<>();
        for (int chunk = 0; chunk < writes.size(); chunk++) {
            try {
                unsettled.addAll(writes.get(chunk).get());
            } catch (ExecutionException e) {
                log.warn("Settling attempts failed", e.getCause());
                settlements
                        .subList(
                                chunk * SETTLEMENTS_PER_WRITE,
                                Math.min(settlements.size(), (chunk + 1) * SETTLEMENTS_PER_WRITE))
                        .forEach(settlement ->
                                unsettled.add(settlement.delivery().job().jobId()));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                settlements.forEach(
                        settlement -> unsettled.add(settlement.delivery().job().jobId()));
                return unsettled;
            }
        }
        if (!unsettled.isEmpty()) {
            // Their messages come back; a job whose state was written finds itself done or not yet due.
            log.warn("Attempts were not settled in full", Map.of("attempts", unsettled.size()));
        }
        return unsettled;
    }

    /** An attempt made: how to settle it, and what to do with its message once settled. */
    private record Attempted(DeliveryStore.Settlement settlement, Outcome outcome) {}

    private Attempted attempt(NotificationJob job, DeliveryStore.Claimed claimed, Instant now, Batch batch) {
        long started = System.nanoTime();
        SendResult result = send(job, now, batch);
        long latencyMs = (System.nanoTime() - started) / 1_000_000;
        Instant finished = clock.instant();

        DeliveryStatus status;
        Optional<Duration> wait = Optional.empty();
        switch (result.verdict()) {
            case DELIVERED -> status = DeliveryStatus.DELIVERED;
            case RETRY -> {
                wait = schedule.waitAfter(claimed.attemptInRound(), result.retryAfter(), random);
                status = wait.isPresent() ? DeliveryStatus.PENDING : DeliveryStatus.FAILED;
            }
            case GONE -> {
                store.disable(job.accountSid(), job.destination(), finished);
                status = DeliveryStatus.FAILED;
            }
            default -> status = DeliveryStatus.FAILED;
        }
        // A stopped account's job is no operator's to act on: it stays failed, and its account may retry it.
        if (status == DeliveryStatus.FAILED
                && result.errorClass()
                        .filter(ErrorClass.ACCOUNT_INACTIVE::equals)
                        .isEmpty()) {
            // Before settling: if this fails, the job stays pending and is tried again, never lost.
            deadLetters.enqueue(List.of(job));
        }
        Optional<Instant> next = wait.map(finished::plus);
        DeliveryStore.Settlement settlement = new DeliveryStore.Settlement(
                claimed,
                new Delivery(
                        claimed.deliverySid(),
                        job.accountSid(),
                        job,
                        status,
                        claimed.attempt(),
                        result.statusCode(),
                        result.errorClass(),
                        next,
                        claimed.dateCreated(),
                        finished),
                new DeliveryAttempt(
                        claimed.attempt(),
                        now,
                        result.statusCode(),
                        latencyMs,
                        result.errorClass(),
                        result.response()));
        return new Attempted(settlement, wait.<Outcome>map(RetryIn::new).orElseGet(Done::new));
    }

    private SendResult send(NotificationJob job, Instant now, Batch batch) {
        NotificationJob.Content content = job.content();
        Optional<Account> account = batch.accounts.computeIfAbsent(job.accountSid(), accounts::find);
        if (account.isEmpty()) {
            return SendResult.error(
                    SendResult.Verdict.FAIL, ErrorClass.INVALID_JOB, "Account " + job.accountSid() + " does not exist");
        }
        if (!account.get().active()) {
            return SendResult.error(
                    SendResult.Verdict.FAIL,
                    ErrorClass.ACCOUNT_INACTIVE,
                    "Account " + job.accountSid() + " is suspended or closed: nothing is sent for it");
        }
        if (job.channel() == NotificationJob.Channel.EMAIL) {
            return content instanceof NotificationJob.Email message
                    ? email.send(job.destination(), message)
                    : SendResult.error(
                            SendResult.Verdict.FAIL, ErrorClass.INVALID_JOB, "An email job must carry email content");
        }
        if (batch.disabledTargets.computeIfAbsent(
                job.accountSid() + " " + job.destination(),
                key -> store.isDisabled(job.accountSid(), job.destination()))) {
            return SendResult.error(
                    SendResult.Verdict.FAIL,
                    ErrorClass.DISABLED_TARGET,
                    "This URL answered 410 Gone to an earlier notification; nothing more is sent to it");
        }
        if (content instanceof NotificationJob.StandardWebhook webhook) {
            return webhooks.send(standardWebhook(job, webhook, now, batch));
        }
        if (content instanceof NotificationJob.TwilioCallback callback) {
            String authToken = batch.authTokens.computeIfAbsent(
                    job.accountSid(), sid -> authTokens.open(sid, account.get().sealedAuthToken()));
            return webhooks.send(twilioCallback(job.destination(), callback, authToken));
        }
        return SendResult.error(
                SendResult.Verdict.FAIL, ErrorClass.INVALID_JOB, "A webhook job must carry webhook content");
    }

    private WebhookClient.Request standardWebhook(
            NotificationJob job, NotificationJob.StandardWebhook webhook, Instant now, Batch batch) {
        ObjectNode json = Json.object();
        json.put("type", webhook.type());
        json.put("timestamp", Dates.print(webhook.timestamp()));
        json.set("data", Json.node(webhook.data()));
        String body = Json.write(json);
        long timestamp = now.getEpochSecond();
        List<String> secrets = batch.signingSecrets.computeIfAbsent(
                job.accountSid(), account -> signingSecrets.current(account).signingSecrets(now));
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("webhook-id", job.jobId());
        headers.put("webhook-timestamp", Long.toString(timestamp));
        headers.put("webhook-signature", WebhookSignatures.standardWebhook(secrets, job.jobId(), timestamp, body));
        return new WebhookClient.Request("POST", job.destination(), headers, "application/json", body);
    }

    private static WebhookClient.Request twilioCallback(
            String url, NotificationJob.TwilioCallback callback, String authToken) {
        String form = callback.parameters().entrySet().stream()
                .map(entry -> encode(entry.getKey()) + "=" + encode(entry.getValue()))
                .collect(Collectors.joining("&"));
        if (callback.method().equalsIgnoreCase("GET")) {
            // Twilio signs a GET's full URL, parameters included, with no body parameters.
            String full = form.isEmpty() ? url : url + (url.contains("?") ? "&" : "?") + form;
            return new WebhookClient.Request(
                    "GET",
                    full,
                    Map.of("X-Twilio-Signature", WebhookSignatures.twilio(authToken, full, Map.of())),
                    null,
                    null);
        }
        return new WebhookClient.Request(
                "POST",
                url,
                Map.of("X-Twilio-Signature", WebhookSignatures.twilio(authToken, url, callback.parameters())),
                "application/x-www-form-urlencoded",
                form);
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    /** What the jobs of one batch share: each account's keys and each destination's standing, looked up once. */
    private static final class Batch {
        final Map<String, List<String>> signingSecrets = new ConcurrentHashMap<>();
        final Map<String, Optional<Account>> accounts = new ConcurrentHashMap<>();
        final Map<String, String> authTokens = new ConcurrentHashMap<>();
        final Map<String, Boolean> disabledTargets = new ConcurrentHashMap<>();
    }
}
