package dev.monitor.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import dev.monitor.local.LocalStack;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One account's alarm storm against another account's alarm, on the local stack: account A has {@code alarms} alarms
 * (200 by default) whose webhook receiver takes 10 s to answer, all fired by one alert; account B has one alarm per run
 * with a receiver that answers at once. Prints the time from B's {@code POST /v1/Alerts} to B's webhook at its
 * receiver, alone and while A's storm is being delivered (goal: at most 2 s), and how long A's storm took to drain.
 *
 * <p>{@code java -cp bench/target/monitor-bench.jar:local/target/monitor-local.jar
 * dev.monitor.bench.NotifierFairnessBenchmark [alarms] [runs]}
 */
public final class NotifierFairnessBenchmark {
    private static final Duration SLOW_ANSWER = Duration.ofSeconds(10);
    private static final Duration PATIENCE = Duration.ofSeconds(60);
    private static final String STORM_CODE = "30001";

    private NotifierFairnessBenchmark() {}

    public static void main(String[] args) throws Exception {
        int alarms = args.length > 0 ? Integer.parseInt(args[0]) : 200;
        int runs = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        Map<String, Long> arrivals = new ConcurrentHashMap<>();
        AtomicInteger stormReceived = new AtomicInteger();
        AtomicInteger stormAnswered = new AtomicInteger();
        ExecutorService receiverThreads = Executors.newFixedThreadPool(alarms + 16);
        HttpServer receiver = receiver(receiverThreads, arrivals, stormReceived, stormAnswered);
        String base = "http://127.0.0.1:" + receiver.getAddress().getPort();
        try (LocalStack stack = LocalStack.start(LocalStack.Options.inMemory())) {
            String[] storming = newAccount(stack, "storming");
            String[] other = newAccount(stack, "other");
            createAlarms(stack, storming, alarms, base);
            List<Long> alone = new ArrayList<>();
            for (int run = 0; run < runs; run++) {
                alone.add(otherWebhook(stack, other, "alone" + run, 11200 + run, base, arrivals));
            }

            // B's alarms are made before the storm; each of B's alerts goes out a second after the one before,
            // without waiting for its webhook, so that every one meets the storm.
            for (int run = 0; run < runs; run++) {
                createAlarm(stack, other, Integer.toString(11300 + run), base + "/other/storm" + run);
            }
            long stormStarted = System.nanoTime();
            StackHttp.send(
                    stack,
                    "POST",
                    "/v1/Alerts",
                    StackHttp.basic(storming),
                    "{\"error_code\": \"" + STORM_CODE + "\"}",
                    201);
            await(() -> stormReceived.get() > 0, "the storm's first webhook");
            long stormUnderway = System.nanoTime();
            ExecutorService alerts = Executors.newFixedThreadPool(runs);
            List<Future<Long>> latencies = new ArrayList<>();
            List<Integer> answeredBefore = new ArrayList<>();
            for (int run = 0; run < runs; run++) {
                answeredBefore.add(stormAnswered.get());
                int code = 11300 + run;
                String path = "/other/storm" + run;
                latencies.add(alerts.submit(() -> webhookAfterAlert(stack, other, code, path, arrivals)));
                Thread.sleep(1_000);
            }
            List<Long> during = new ArrayList<>();
            for (Future<Long> latency : latencies) {
                during.add(latency.get());
            }
            alerts.shutdown();
            int answeredAfter = stormAnswered.get();
            boolean drained = await(() -> stormAnswered.get() >= alarms, "the storm to drain", Duration.ofMinutes(10));
            double drainSeconds = (System.nanoTime() - stormStarted) / 1e9;

            System.out.printf(
                    "Notifier fairness on the local stack (queue polled every %d ms): account A fires %d alarms at a"
                            + " receiver that answers after %d s; account B's alarm webhook to a receiver that answers"
                            + " at once%n",
                    LocalStack.Options.DEFAULT_POLL_INTERVAL.toMillis(), alarms, SLOW_ANSWER.toSeconds());
            System.out.printf("  B alone, POST /v1/Alerts to B's webhook: %s%n", summary(alone));
            System.out.printf(
                    "  B during A's storm (B's alerts a second apart from the storm's first webhook on): %s; goal <= 2 s%n",
                    summary(during));
            System.out.printf(
                    "  A's webhooks answered when each B alert was posted: %s, after the last: %d of %d%n",
                    answeredBefore, answeredAfter, alarms);
            System.out.printf(
                    "  A's storm: first webhook %.1f s after its alert, %s%n",
                    (stormUnderway - stormStarted) / 1e9,
                    drained
                            ? String.format("all %d answered %.1f s after it", alarms, drainSeconds)
                            : String.format(
                                    "%d of %d answered after %.0f s", stormAnswered.get(), alarms, drainSeconds));
        } finally {
            receiver.stop(0);
            receiverThreads.shutdownNow();
        }
        // DynamoDB Local leaves a non-daemon thread (its stream shard rollover) sleeping for minutes after it stops.
        System.exit(0);
    }

    /** {@code /storm/…} answers after {@link #SLOW_ANSWER}; any other path at once, noting when it first came. */
    private static HttpServer receiver(
            ExecutorService threads, Map<String, Long> arrivals, AtomicInteger stormReceived, AtomicInteger answered)
            throws IOException {
        HttpServer receiver = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 512);
        receiver.createContext("/", exchange -> {
            String path = exchange.getRequestURI().getPath();
            exchange.getRequestBody().readAllBytes();
            if (path.startsWith("/storm/")) {
                stormReceived.incrementAndGet();
                try {
                    Thread.sleep(SLOW_ANSWER.toMillis());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                answered.incrementAndGet();
            } else {
                arrivals.putIfAbsent(path, System.nanoTime());
            }
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        receiver.setExecutor(threads);
        receiver.start();
        return receiver;
    }

    /** Milliseconds from B's alert to its alarm's webhook, for a new alarm on {@code code}. */
    private static long otherWebhook(
            LocalStack stack, String[] account, String name, int code, String base, Map<String, Long> arrivals)
            throws Exception {
        String path = "/other/" + name;
        createAlarm(stack, account, Integer.toString(code), base + path);
        return webhookAfterAlert(stack, account, code, path, arrivals);
    }

    /** Milliseconds from an alert on {@code code} to the webhook of the account's alarm on it, at {@code path}. */
    private static long webhookAfterAlert(
            LocalStack stack, String[] account, int code, String path, Map<String, Long> arrivals) throws Exception {
        long started = System.nanoTime();
        StackHttp.send(
                stack, "POST", "/v1/Alerts", StackHttp.basic(account), "{\"error_code\": \"" + code + "\"}", 201);
        if (!await(() -> arrivals.containsKey(path), "B's webhook " + path, PATIENCE)) {
            return PATIENCE.toMillis();
        }
        return (arrivals.get(path) - started) / 1_000_000;
    }

    private static void createAlarms(LocalStack stack, String[] account, int alarms, String base) throws Exception {
        ExecutorService clients = Executors.newFixedThreadPool(4);
        try {
            List<Future<String>> created = new ArrayList<>();
            for (int i = 0; i < alarms; i++) {
                String url = base + "/storm/" + i;
                created.add(clients.submit(() -> createAlarm(stack, account, STORM_CODE, url)));
            }
            for (Future<String> alarm : created) {
                alarm.get();
            }
        } finally {
            clients.shutdown();
        }
    }

    private static String summary(List<Long> millis) {
        List<Long> sorted = new ArrayList<>(millis);
        sorted.sort(Long::compare);
        return String.format(
                "median %.2f s, max %.2f s (runs, ms: %s)",
                sorted.get(sorted.size() / 2) / 1000.0, sorted.get(sorted.size() - 1) / 1000.0, millis);
    }

    private interface Condition {
        boolean holds();
    }

    private static void await(Condition condition, String what) throws InterruptedException {
        if (!await(condition, what, PATIENCE)) {
            throw new IllegalStateException("Gave up waiting for " + what);
        }
    }

    private static boolean await(Condition condition, String what, Duration patience) throws InterruptedException {
        long deadline = System.nanoTime() + patience.toNanos();
        while (!condition.holds()) {
            if (System.nanoTime() > deadline) {
                System.err.println("Gave up waiting for " + what);
                return false;
            }
            Thread.sleep(5);
        }
        return true;
    }

    /** Sid and auth token of a new account. */
    private static String[] newAccount(LocalStack stack, String name) throws Exception {
        JsonNode account = StackHttp.send(
                stack,
                "POST",
                "/v1/Accounts",
                "Bearer " + stack.operatorKey(),
                "{\"friendly_name\": \"" + name + "\"}",
                201);
        return new String[] {
            account.get("sid").asText(), account.get("auth_token").asText()
        };
    }

    private static String createAlarm(LocalStack stack, String[] account, String code, String webhook)
            throws Exception {
        return StackHttp.send(stack, "POST", "/v2/Alarms", StackHttp.basic(account), """
                {"friendlyName": "fairness", "queryType": "ERROR_CODE", "query": "%s", "triggerValue": 1,
                 "timeWindow": "FIVE_MINS", "webhook": "%s"}""".formatted(code, webhook), 201)
                .get("sid")
                .asText();
    }
}
