package dev.monitor.bench;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The api function's cold start (init and a first authenticated {@code GET /v1/Events}) against a bare SDK program's
 * one GetItem, each in fresh JVMs started from the function's real jar, alternating, against the running DynamoDB
 * Local.
 */
final class ColdStartBenchmark {
    static final int RUNS = 7;
    static final Path API_JAR = Path.of("functions", "api", "target", "monitor-api.jar");

    record Result(int runs, ProbeJvm.Sample api, ProbeJvm.Sample sdk) {
        double wallRatio() {
            return api.wall().toNanos() / (double) sdk.wall().toNanos();
        }

        double answeredRatio() {
            return api.answered().toNanos() / (double) sdk.answered().toNanos();
        }
    }

    private ColdStartBenchmark() {}

    static Result run(Map<String, String> apiEnvironment, AccountCredentials account) {
        if (!Files.isRegularFile(API_JAR)) {
            throw new IllegalStateException(
                    API_JAR + " is missing: run from the repository's root after" + " mvn -B -q -DskipTests package");
        }
        Path probes = ProbeJvm.copyClasses(ColdStartApiProbe.class, ColdStartSdkProbe.class, HttpApiRequests.class);
        String classPath = API_JAR.toAbsolutePath() + File.pathSeparator + probes;
        ProbeJvm api =
                new ProbeJvm(classPath, apiEnvironment, ColdStartApiProbe.class, List.of(account.authorization()));
        // The account's own item (docs/data-model.md), which the api's first request reads too.
        ProbeJvm sdk = new ProbeJvm(
                classPath, apiEnvironment, ColdStartSdkProbe.class, List.of("AC#" + account.accountSid(), "ACCOUNT"));

        // Unmeasured: the first of each reads the jar from disk into the page cache.
        api.run();
        sdk.run();
        List<ProbeJvm.Sample> apiSamples = new ArrayList<>();
        List<ProbeJvm.Sample> sdkSamples = new ArrayList<>();
        for (int i = 0; i < RUNS; i++) {
            apiSamples.add(api.run());
            sdkSamples.add(sdk.run());
        }
        return new Result(RUNS, median(apiSamples), median(sdkSamples));
    }

    /** The median of each measure on its own. */
    private static ProbeJvm.Sample median(List<ProbeJvm.Sample> samples) {
        return new ProbeJvm.Sample(
                median(samples, ProbeJvm.Sample::wall),
                median(samples, ProbeJvm.Sample::initialized),
                median(samples, ProbeJvm.Sample::answered));
    }

    private static Duration median(List<ProbeJvm.Sample> samples, Function<ProbeJvm.Sample, Duration> measure) {
        List<Duration> sorted =
                samples.stream().map(measure).sorted(Comparator.naturalOrder()).toList();
        return sorted.get(sorted.size() / 2);
    }
}
