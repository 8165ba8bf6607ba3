package dev.monitor.bench;

import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/** The figures of one run, with the goals they are held to. */
final class SummaryTable {
    static final double INGEST_RATIO_GOAL = 0.8;
    static final double READ_AMPLIFICATION_GOAL = 1.5;
    static final double COLD_START_RATIO_GOAL = 1.3;
    static final double PRIMED_RATIO_GOAL = 2.0;

    private SummaryTable() {}

    static double loadAverage() {
        return ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
    }

    static void print(
            PrintStream out,
            double loadAtStart,
            IngestBenchmark.Result ingest,
            List<ReadAmplificationBenchmark.Result> reads,
            ColdStartBenchmark.Result coldStart) {
        out.printf(
                "%nMonitor benchmarks: %d cores, Java %s (%s), DynamoDB Local in-process%n",
                Runtime.getRuntime().availableProcessors(),
                System.getProperty("java.runtime.version"),
                System.getProperty("java.vm.name"));
        // Other processes on the machine skew every figure: the load says how much there were.
        out.printf("System load average (1 min) at the start: %.2f, at the end: %.2f%n", loadAtStart, loadAverage());

        out.printf(
                "%n1. Ingest: POST /v1/Events, %d events a request, %d threads, %d alternating rounds, %,d events a side%n",
                IngestBenchmark.EVENTS_PER_REQUEST, ingest.threads(), ingest.rounds(), ingest.eventsPerSide());
        out.printf(
                "   %-44s %,10.0f events/s  (%.1f s)%n",
                "through ApiGatewayHandler",
                ingest.handlerEventsPerSecond(),
                ingest.handlerTime().toMillis() / 1e3);
        out.printf(
                "   %-44s %,10.0f events/s  (%.1f s)%n",
                "bare BatchWriteItem, same items, 25 a request",
                ingest.baselineEventsPerSecond(),
                ingest.baselineTime().toMillis() / 1e3);
        out.printf(
                "   %-44s %10.2f  goal >= %.2f  %s  (rounds: %s)%n",
                "ratio",
                ingest.ratio(),
                INGEST_RATIO_GOAL,
                verdict(ingest.ratio() >= INGEST_RATIO_GOAL),
                ratios(ingest.roundRatios()));
        out.printf("   where the time of %d events goes, per thread:%n", IngestBenchmark.EVENTS_PER_REQUEST);
        out.printf(
                "     %-42s %s%n",
                "handler", split(ingest.handlerTimePerRequest(), ingest.handlerCalls(), ingest.requestsPerSide()));
        out.printf(
                "     %-42s %s%n",
                "baseline", split(ingest.baselineTimePerRequest(), ingest.baselineCalls(), ingest.requestsPerSide()));

        out.printf(
                "%n2. Read amplification: GET /v1/Events, PageSize %d, complete result sets; %,d events in one account:%n",
                ReadAmplificationBenchmark.PAGE_SIZE, ReadAmplificationBenchmark.EVENTS);
        out.printf(
                "   %d actors, %d event types, %d resources, %d IP addresses, over %d days."
                        + " Items read = Query ScannedCount + GetItem hits%n",
                ReadAmplificationBenchmark.ACTORS,
                SyntheticEvents.eventTypeCount(),
                ReadAmplificationBenchmark.RESOURCES,
                ReadAmplificationBenchmark.ADDRESSES,
                ReadAmplificationBenchmark.SPAN.toDays());
        out.printf(
                "   %-28s %8s %6s %8s %8s %8s %14s%n",
                "filter", "returned", "pages", "queries", "scanned", "gets", "amplification");
        for (ReadAmplificationBenchmark.Result read : reads) {
            out.printf(
                    "   %-28s %8d %6d %8d %8d %8d %14.2f  goal <= %.1f  %s%s%n",
                    read.name(),
                    read.returned(),
                    read.pages(),
                    read.read().queries(),
                    read.read().byQueries(),
                    read.read().byGetItems(),
                    read.amplification(),
                    READ_AMPLIFICATION_GOAL,
                    verdict(read.amplification() <= READ_AMPLIFICATION_GOAL),
                    read.returned() == read.expected() ? "" : "  WRONG COUNT: expected " + read.expected());
        }

        printColdStart(out, coldStart);
    }

    /** The cold-start section alone, also what {@code Benchmarks coldstart} prints. */
    static void printColdStart(PrintStream out, ColdStartBenchmark.Result coldStart) {
        out.printf(
                "%n3. Cold start: fresh JVMs (%s) from %s, %d runs each, interleaved; medians%n",
                String.join(" ", ProbeJvm.LAMBDA_JVM_FLAGS), ColdStartBenchmark.API_JAR, coldStart.runs());
        for (ColdStartBenchmark.Figures jdk : coldStart.byJdk()) {
            out.printf("   on %s:%n", jdk.jdk());
            out.printf(
                    "   (a) init + first GET /v1/Events, no priming  %8.1f ms JVM start to response, %6d ms process%n",
                    millis(jdk.unprimedFirstRequest()), jdk.unprimed().wall().toMillis());
            out.printf(
                    "   (b) first GET /v1/Events after priming       %8.1f ms  (init %d ms, priming not counted)%n",
                    millis(jdk.primedFirstRequest()), jdk.primed().initialized().toMillis());
            out.printf("   (c) warm GET /v1/Events                      %8.1f ms%n", millis(jdk.warmRequest()));
            out.printf(
                    "   (d) bare SDK client, one GetItem             %8.1f ms JVM start to response, %6d ms process%n",
                    millis(jdk.sdkGetItem()), jdk.sdk().wall().toMillis());
            out.printf(
                    "   (b)/(c) %.2fx  goal <= %.1fx  %s%n",
                    jdk.primedToWarm(), PRIMED_RATIO_GOAL, verdict(jdk.primedToWarm() <= PRIMED_RATIO_GOAL));
            out.printf(
                    "   (a)/(d) %.2fx (process: %.2fx)  goal <= %.1fx  %s%n",
                    jdk.unprimedToSdk(),
                    jdk.unprimedToSdkWall(),
                    COLD_START_RATIO_GOAL,
                    verdict(jdk.unprimedToSdk() <= COLD_START_RATIO_GOAL));
        }
    }

    private static double millis(Duration duration) {
        return duration.toNanos() / 1e6;
    }

    /** {@code total} as its DynamoDB calls and the rest, each per request. */
    private static String split(Duration total, Map<String, DynamoCallTimer.Calls> calls, long requests) {
        StringBuilder text = new StringBuilder(String.format("%5.1f ms =", total.toNanos() / 1e6));
        Duration rest = total;
        for (Map.Entry<String, DynamoCallTimer.Calls> operation : calls.entrySet()) {
            DynamoCallTimer.Calls call = operation.getValue();
            Duration perRequest = call.time().dividedBy(requests);
            rest = rest.minus(perRequest);
            text.append(String.format(
                    " %s %.0f x %.1f ms +",
                    operation.getKey(),
                    call.count() / (double) requests,
                    call.time().toNanos() / 1e6 / call.count()));
        }
        return text.append(String.format(" other work %.1f ms", rest.toNanos() / 1e6))
                .toString();
    }

    private static String verdict(boolean met) {
        return met ? "met" : "NOT MET";
    }

    private static String ratios(List<Double> ratios) {
        return String.join(
                " ", ratios.stream().map(ratio -> String.format("%.2f", ratio)).toList());
    }
}
