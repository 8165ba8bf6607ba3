package dev.monitor.bench;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The api function's cold start, in fresh JVMs started from the function's real jar against the running DynamoDB
 * Local, one of each in turn so that the machine's load falls on all alike: (a) init and a first authenticated {@code
 * GET /v1/Events} without priming; (b) init, SnapStart's priming, then the first request, timed from after the
 * priming; (c) a warm request, in the same JVM as (b) after it; (d) a bare SDK program's one GetItem. Each JDK given
 * runs its own probes, interleaved with the others'.
 */
final class ColdStartBenchmark {
    static final int RUNS = 7;
    static final Path API_JAR = Path.of("functions", "api", "target", "monitor-api.jar");

    /** Medians of one JDK's runs. */
    record Figures(String jdk, ProbeJvm.Sample unprimed, ProbeJvm.Sample primed, ProbeJvm.Sample sdk) {
        /** (a): JVM start to the response, without priming. */
        Duration unprimedFirstRequest() {
            return unprimed.figure(1);
        }

        /** (b): the first request after priming. */
        Duration primedFirstRequest() {
            return primed.figure(1);
        }

        /** (c): the median of the warm requests. */
        Duration warmRequest() {
            return primed.figure(2);
        }

        /** (d): JVM start to the GetItem's response. */
        Duration sdkGetItem() {
            return sdk.figure(1);
        }

        double primedToWarm() {
            return ratio(primedFirstRequest(), warmRequest());
        }

        double unprimedToSdk() {
            return ratio(unprimedFirstRequest(), sdkGetItem());
        }

        double unprimedToSdkWall() {
            return ratio(unprimed.wall(), sdk.wall());
        }

        private static double ratio(Duration a, Duration b) {
            return a.toNanos() / (double) b.toNanos();
        }
    }

    record Result(int runs, List<Figures> byJdk) {}

    private ColdStartBenchmark() {}

    /** {@code javaHomes}: the JDKs to run the probes on, the first this one's as a rule. */
    static Result run(Map<String, String> apiEnvironment, AccountCredentials account, List<Path> javaHomes) {
        if (!Files.isRegularFile(API_JAR)) {
            throw new IllegalStateException(
                    API_JAR + " is missing: run from the repository's root after" + " mvn -B -q -DskipTests package");
        }
        Path probes = ProbeJvm.copyClasses(
                ColdStartApiProbe.class, ColdStartPrimedProbe.class, ColdStartSdkProbe.class, HttpApiRequests.class);
        String classPath = API_JAR.toAbsolutePath() + File.pathSeparator + probes;
        Map<Path, List<ProbeJvm>> probesByJdk = new LinkedHashMap<>();
        for (Path home : javaHomes) {
            Path java = home.resolve("bin").resolve("java");
            probesByJdk.put(
                    home,
                    List.of(
                            new ProbeJvm(
                                    java,
                                    classPath,
                                    apiEnvironment,
                                    ColdStartApiProbe.class,
                                    List.of(account.authorization())),
                            new ProbeJvm(
                                    java,
                                    classPath,
                                    apiEnvironment,
                                    ColdStartPrimedProbe.class,
                                    List.of(account.authorization())),
                            // The account's own item (docs/data-model.md), which the api's first request reads too.
                            new ProbeJvm(
                                    java,
                                    classPath,
                                    apiEnvironment,
                                    ColdStartSdkProbe.class,
                                    List.of("AC#" + account.accountSid(), "ACCOUNT"))));
        }
        // Unmeasured: the first of each reads the jar and the JDK from disk into the page cache.
        probesByJdk.values().forEach(jvms -> jvms.forEach(ProbeJvm::run));
        Map<Path, List<List<ProbeJvm.Sample>>> samples = new LinkedHashMap<>();
        probesByJdk
                .keySet()
                .forEach(home -> samples.put(home, List.of(new ArrayList<>(), new ArrayList<>(), new ArrayList<>())));
        for (int i = 0; i < RUNS; i++) {
            for (Map.Entry<Path, List<ProbeJvm>> jdk : probesByJdk.entrySet()) {
                for (int probe = 0; probe < 3; probe++) {
                    samples.get(jdk.getKey())
                            .get(probe)
                            .add(jdk.getValue().get(probe).run());
                }
            }
            System.err.println("[bench] cold start: run " + (i + 1) + " of " + RUNS + ", load "
                    + String.format("%.2f", SummaryTable.loadAverage()));
        }
        List<Figures> figures = new ArrayList<>();
        samples.forEach((home, bySide) -> figures.add(new Figures(
                home.getFileName().toString(), median(bySide.get(0)), median(bySide.get(1)), median(bySide.get(2)))));
        return new Result(RUNS, figures);
    }

    /** The median of each measure on its own. */
    private static ProbeJvm.Sample median(List<ProbeJvm.Sample> samples) {
        List<Duration> figures = new ArrayList<>();
        for (int i = 0; i < samples.get(0).figures().size(); i++) {
            int index = i;
            figures.add(median(samples, sample -> sample.figure(index)));
        }
        return new ProbeJvm.Sample(median(samples, ProbeJvm.Sample::wall), figures);
    }

    private static Duration median(List<ProbeJvm.Sample> samples, Function<ProbeJvm.Sample, Duration> measure) {
        List<Duration> sorted =
                samples.stream().map(measure).sorted(Comparator.naturalOrder()).toList();
        return sorted.get(sorted.size() / 2);
    }
}
