package dev.monitor.bench;

import dev.monitor.local.LocalStack;
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
        double loadAtStart = SummaryTable.loadAverage();
        IngestBenchmark.Result ingest;
        ReadAmplificationBenchmark.Results reads;
        ColdStartBenchmark.Result coldStart;
        try (LocalStack stack = LocalStack.start(new LocalStack.Options(
                0,
                null,
                null,
                null,
                LocalStack.Options.DEFAULT_SES_ENDPOINT,
                LocalStack.Options.DEFAULT_POLL_INTERVAL,
                Map.of()))) {
            Map<String, String> apiEnvironment = stack.functionEnvironment(API_FUNCTION);
            progress("ingest: handler against bare BatchWriteItem");
            ingest = IngestBenchmark.run(stack, apiEnvironment);
            progress("read amplification: recording the data set, then listing");
            reads = ReadAmplificationBenchmark.run(stack.operatorKey(), apiEnvironment);
            progress("cold start: probe JVMs");
            coldStart = ColdStartBenchmark.run(apiEnvironment, reads.account());
        }
        SummaryTable.print(System.out, loadAtStart, ingest, reads.cases(), coldStart);
        // DynamoDB Local leaves a non-daemon thread (its stream shard rollover) sleeping for minutes after it stops.
        System.exit(0);
    }

    private static void progress(String step) {
        System.err.println("[bench] " + step);
    }
}
