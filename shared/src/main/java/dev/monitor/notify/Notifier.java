package dev.monitor.notify;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.monitor.accounts.AccountStore;
import dev.monitor.accounts.AuthTokenSealer;
import dev.monitor.json.Json;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.function.Consumer;
import java.util.function.DoubleSupplier;
import java.util.stream.Collectors;

/**
 * Delivers notification jobs: claims each (so a job is sent once however often it arrives), sends
 * it by email or webhook, records the attempt, and says when to try again, or moves the job to the
 * dead-letter queue when it has failed for good. The jobs of a batch are delivered concurrently, so
 * one slow receiver holds the batch no longer than its own timeout.
 */
public final class Notifier {
    /** Longer than any one attempt (a webhook's 15 s, an SES call's retries); after it a crashed attempt's job may be claimed again. */
    static final Duration LEASE = Duration.ofSeconds(60);
    private static final Duration SHORTEST_WAIT = Duration.ofSeconds(1);
    /** A delivery and its attempt are two items; BatchWriteItem takes 25. */
    private static final int RECORDS_PER_WRITE = 12;

    /** What to do with a job's message. */
    public sealed interface Outcome {
    }

    /** Delivered, failed for good, or already done: the message can go. */
    public record Done() implements Outcome {
    }

    /** Keep the message and hand it back after {@code delay}. */
    public record RetryIn(Duration delay) implements Outcome {
    }

    /** Something broke before the attempt was settled: keep the message; the queue brings it back. */
    public record Unsettled(String reason) implements Outcome {
    }

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
    private final Consumer<String> log;

    public Notifier(DeliveryStore store, SigningSecrets signingSecrets, AccountStore accounts, AuthTokenSealer authTokens,
            WebhookClient webhooks, EmailSender email, NotificationQueue deadLetters, RetrySchedule schedule,
            ExecutorService executor, Clock clock, DoubleSupplier random, Consumer<String> log) {
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
    }

    /** One outcome per job, in the jobs' order. */
    public List<Outcome> deliverAll(List<NotificationJob> jobs) {
        Batch batch = new Batch();
        List<Future<Outcome>> running = new ArrayList<>(jobs.size());
        for (NotificationJob job : jobs) {
            running.add(executor.submit(() -> deliver(job, batch)));
        }
        List<Outcome> outcomes = new ArrayList<>(jobs.size());
        for (Future<Outcome> future : running) {
            try {
                outcomes.add(future.get());
            } catch (ExecutionException e) {
                log.accept("A delivery broke: " + e.getCause());
                outcomes.add(new Unsettled(e.getCause().toString()));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                outcomes.add(new Unsettled("interrupted"));
            }
        }
        record(List.copyOf(batch.records));
        return outcomes;
    }

    /** Writes the batch's records in parallel, a BatchWriteItem's worth (two items each) at a time. */
    private void record(List<DeliveryStore.AttemptRecord> records) {
        List<Future<?>> writes = new ArrayList<>();
        for (int from = 0; from < records.size(); from += RECORDS_PER_WRITE) {
            List<DeliveryStore.AttemptRecord> chunk = records.subList(from, Math.min(records.size(), from + RECORDS_PER_WRITE));
            writes.add(executor.submit(() -> store.record(chunk)));
        }
        for (Future<?> write : writes) {
            try {
                write.get();
            } catch (ExecutionException e) {
                // The jobs are settled, so nothing is sent twice; only the listing misses these attempts.
                log.accept("Recording delivery attempts failed: " + e.getCause());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private Outcome deliver(NotificationJob job, Batch batch) {
        try {
            return attempt(job, batch);
        } catch (RuntimeException e) {
            log.accept("Job " + job.jobId() + " of " + job.accountSid() + " was not settled: " + e);
            return new Unsettled(e.toString());
        }
    }

    private Outcome attempt(NotificationJob job, Batch batch) {
        Instant now = clock.instant();
        DeliveryStore.Claim claim = store.claim(job, now, LEASE);
        if (claim instanceof DeliveryStore.Finished) {
            return new Done();
        }
        if (claim instanceof DeliveryStore.NotDue notDue) {
            Duration wait = Duration.between(now, notDue.until());
            return new RetryIn(wait.compareTo(SHORTEST_WAIT) < 0 ? SHORTEST_WAIT : wait);
        }
        DeliveryStore.Claimed claimed = (DeliveryStore.Claimed) claim;
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
        if (status == DeliveryStatus.FAILED) {
            // Before settling: if this fails, the job stays pending and is tried again, never lost.
            deadLetters.enqueue(List.of(job));
        }
        Optional<Instant> next = wait.map(finished::plus);
        store.settle(job.jobId(), claimed.attempt(), status, next);
        batch.records.add(new DeliveryStore.AttemptRecord(
                new Delivery(claimed.deliverySid(), job.accountSid(), job, status, claimed.attempt(), result.statusCode(),
                        result.errorClass(), next, claimed.dateCreated(), finished),
                new DeliveryAttempt(claimed.attempt(), now, result.statusCode(), latencyMs, result.errorClass(), result.response())));
        return wait.<Outcome>map(RetryIn::new).orElseGet(Done::new);
    }

    private SendResult send(NotificationJob job, Instant now, Batch batch) {
        NotificationJob.Content content = job.content();
        if (job.channel() == NotificationJob.Channel.EMAIL) {
            return content instanceof NotificationJob.Email message
                    ? email.send(job.destination(), message)
                    : SendResult.error(SendResult.Verdict.FAIL, ErrorClass.INVALID_JOB, "An email job must carry email content");
        }
        if (batch.disabledTargets.computeIfAbsent(job.accountSid() + " " + job.destination(),
                key -> store.isDisabled(job.accountSid(), job.destination()))) {
            return SendResult.error(SendResult.Verdict.FAIL, ErrorClass.DISABLED_TARGET,
                    "This URL answered 410 Gone to an earlier notification; nothing more is sent to it");
        }
        if (content instanceof NotificationJob.StandardWebhook webhook) {
            return webhooks.send(standardWebhook(job, webhook, now, batch));
        }
        if (content instanceof NotificationJob.TwilioCallback callback) {
            Optional<String> authToken = batch.authTokens.computeIfAbsent(job.accountSid(), this::authToken);
            if (authToken.isEmpty()) {
                return SendResult.error(SendResult.Verdict.FAIL, ErrorClass.INVALID_JOB, "Account " + job.accountSid() + " does not exist");
            }
            return webhooks.send(twilioCallback(job.destination(), callback, authToken.get()));
        }
        return SendResult.error(SendResult.Verdict.FAIL, ErrorClass.INVALID_JOB, "A webhook job must carry webhook content");
    }

    private WebhookClient.Request standardWebhook(NotificationJob job, NotificationJob.StandardWebhook webhook, Instant now, Batch batch) {
        ObjectNode json = Json.object();
        json.put("type", webhook.type());
        json.put("timestamp", webhook.timestamp().toString());
        json.set("data", webhook.data());
        String body = Json.write(json);
        long timestamp = now.getEpochSecond();
        List<String> secrets = batch.signingSecrets.computeIfAbsent(job.accountSid(),
                account -> signingSecrets.current(account).signingSecrets(now));
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("webhook-id", job.jobId());
        headers.put("webhook-timestamp", Long.toString(timestamp));
        headers.put("webhook-signature", WebhookSignatures.standardWebhook(secrets, job.jobId(), timestamp, body));
        return new WebhookClient.Request("POST", job.destination(), headers, "application/json", body);
    }

    private static WebhookClient.Request twilioCallback(String url, NotificationJob.TwilioCallback callback, String authToken) {
        String form = callback.parameters().entrySet().stream()
                .map(entry -> encode(entry.getKey()) + "=" + encode(entry.getValue()))
                .collect(Collectors.joining("&"));
        if (callback.method().equalsIgnoreCase("GET")) {
            // Twilio signs a GET's full URL, parameters included, with no body parameters.
            String full = form.isEmpty() ? url : url + (url.contains("?") ? "&" : "?") + form;
            return new WebhookClient.Request("GET", full, Map.of("X-Twilio-Signature", WebhookSignatures.twilio(authToken, full, Map.of())), null, null);
        }
        return new WebhookClient.Request("POST", url, Map.of("X-Twilio-Signature", WebhookSignatures.twilio(authToken, url, callback.parameters())),
                "application/x-www-form-urlencoded", form);
    }

    private Optional<String> authToken(String accountSid) {
        return accounts.find(accountSid).map(account -> authTokens.open(accountSid, account.sealedAuthToken()));
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    /**
     * What the jobs of one batch share: each account's keys and each destination's standing, looked
     * up once, and the records to write at the end.
     */
    private static final class Batch {
        final Map<String, List<String>> signingSecrets = new ConcurrentHashMap<>();
        final Map<String, Optional<String>> authTokens = new ConcurrentHashMap<>();
        final Map<String, Boolean> disabledTargets = new ConcurrentHashMap<>();
        final Queue<DeliveryStore.AttemptRecord> records = new ConcurrentLinkedQueue<>();
    }
}
