package dev.monitor.bench;

import dev.monitor.local.LocalStack;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code java -cp bench/target/monitor-bench.jar:local/target/monitor-local.jar dev.monitor.bench.Benchmarks}, from the
 * repository's root after {@code mvn -B -q -DskipTests package}: ingest throughput, read amplification and cold start
 * of the api function on the local stack, printed as one table. Progress goes to stderr, the table to stdout.
 */
public final class Benchmarks {
    private static final String API_FUNCTION = "ApiFunction";

    private Benchmarks() {}

    public static void main(String[] args) {
        if (args.length > 0 && args[0].equals("coldstart")) {
            coldStartOnly(Arrays.stream(args).skip(1).map(Path::of).toList());
            return;
        }
        if (args.length > 0 && args[0].equals("bounded")) {
            boundedReadsOnly();
            return;
        }
        if (args.length > 0 && args[0].equals("flood")) {
            floodOnly(Arrays.asList(args).subList(1, args.length));
            return;
        }
        double loadAtStart = SummaryTable.loadAverage();
        IngestBenchmark.Result ingest;
        ReadAmplificationBenchmark.Results reads;
        ColdStartBenchmark.Result coldStart;
        try (LocalStack stack = LocalStack.start(LocalStack.Options.inMemory())) {
            Map<String, String> apiEnvironment = stack.functionEnvironment(API_FUNCTION);
            progress("ingest: handler against bare BatchWriteItem");
            ingest = IngestBenchmark.run(stack, apiEnvironment);
            progress("read amplification: recording the data set, then listing");
            reads = ReadAmplificationBenchmark.run(stack.operatorKey(), apiEnvironment);
            progress("cold start: probe JVMs");
            coldStart = ColdStartBenchmark.run(apiEnvironment, reads.account(), List.of(thisJdk()));
        }
        SummaryTable.print(System.out, loadAtStart, ingest, reads.cases(), coldStart);
        // DynamoDB Local leaves a non-daemon thread (its stream shard rollover) sleeping for minutes after it stops.
        System.exit(0);
    }

    /**
     * {@code coldstart [JAVA_HOME...]}: the cold-start probes alone, on each JDK given (this one when none is), for an
     * account with more events than a page.
     */
    private static void coldStartOnly(List<Path> javaHomes) {
        double loadAtStart = SummaryTable.loadAverage();
        ColdStartBenchmark.Result coldStart;
        try (LocalStack stack = LocalStack.start(LocalStack.Options.inMemory())) {
            Map<String, String> apiEnvironment = stack.functionEnvironment(API_FUNCTION);
            InProcessApi api = InProcessApi.start(apiEnvironment);
            AccountCredentials account = api.createAccount(stack.operatorKey(), "Cold start");
            SyntheticEvents events = new SyntheticEvents(11, 20, 40, 10);
            for (int request = 0; request < 2; request++) {
                List<SyntheticEvents.SyntheticEvent> batch = new ArrayList<>();
                for (int i = 0; i < IngestBenchmark.EVENTS_PER_REQUEST; i++) {
                    batch.add(events.next(Instant.now().minusSeconds(60)));
                }
                api.call(
                        HttpApiRequests.postJson(
                                "/v1/Events", account.authorization(), SyntheticEvents.jsonArray(batch)),
                        201);
            }
            List<Path> jdks = javaHomes.isEmpty() ? List.of(thisJdk()) : javaHomes;
            progress("cold start: probe JVMs on " + jdks);
            coldStart = ColdStartBenchmark.run(apiEnvironment, account, jdks);
        }
        System.out.printf(
                "%nMonitor cold start: %d cores; system load average (1 min) at the start: %.2f, at the end: %.2f%n",
                Runtime.getRuntime().availableProcessors(), loadAtStart, SummaryTable.loadAverage());
        SummaryTable.printColdStart(System.out, coldStart);
        System.exit(0);
    }

    /** {@code bounded}: the slowest and largest list request, for filters that match nothing among many items. */
    private static void boundedReadsOnly() {
        double loadAtStart = SummaryTable.loadAverage();
        BoundedReadsBenchmark.Results results;
        try (LocalStack stack = LocalStack.start(LocalStack.Options.inMemory())) {
            results = BoundedReadsBenchmark.run(
                    stack.operatorKey(), stack.functionEnvironment(API_FUNCTION), Benchmarks::progress);
        } catch (Exception e) {
            throw new IllegalStateException("The bounded-reads benchmark failed", e);
        }
        System.out.printf(
                "%nMonitor bounded reads: %d cores; system load average (1 min) at the start: %.2f, at the end: %.2f%n",
                Runtime.getRuntime().availableProcessors(), loadAtStart, SummaryTable.loadAverage());
        BoundedReadsBenchmark.print(System.out, results);
        System.exit(0);
    }

    /**
     * {@code flood [concurrent [perSecond [recordsPerSecond]]]}: another account's read latency while one account
     * floods ingest, with the template's account limits or the ones given.
     */
    private static void floodOnly(List<String> limits) {
        Map<String, String> environment = new HashMap<>();
        if (!limits.isEmpty()) {
            environment.put("MONITOR_ACCOUNT_CONCURRENT_REQUESTS", limits.get(0));
        }
        if (limits.size() > 1) {
            environment.put("MONITOR_ACCOUNT_REQUESTS_PER_SECOND", limits.get(1));
        }
        if (limits.size() > 2) {
            environment.put("MONITOR_ACCOUNT_RECORDS_PER_SECOND", limits.get(2));
        }
        LocalStack.Options defaults = LocalStack.Options.inMemory();
        double loadAtStart = SummaryTable.loadAverage();
        FloodBenchmark.Result result;
        try (LocalStack stack = LocalStack.start(new LocalStack.Options(
                defaults.port(),
                defaults.operatorKey(),
                defaults.dataDir(),
                defaults.template(),
                defaults.sesEndpoint(),
                defaults.pollInterval(),
                environment))) {
            result = FloodBenchmark.run(stack.baseUrl(), stack.operatorKey(), Benchmarks::progress);
        } catch (Exception e) {
            throw new IllegalStateException("The flood benchmark failed", e);
        }
        System.out.printf(
                "%nMonitor flood: %d cores; system load average (1 min) at the start: %.2f, at the end: %.2f%n",
                Runtime.getRuntime().availableProcessors(), loadAtStart, SummaryTable.loadAverage());
        FloodBenchmark.print(
                System.out,
                result,
                limits.isEmpty()
                        ? "the template's account limits"
                        : "account limits " + String.join(" / ", limits)
                                + " (at once / requests a second / records a second)");
        System.exit(0);
    }

    private static Path thisJdk() {
        return Path.of(System.getProperty("java.home"));
    }

    private static void progress(String step) {
        System.err.println("[bench] " + step);
    }
}
