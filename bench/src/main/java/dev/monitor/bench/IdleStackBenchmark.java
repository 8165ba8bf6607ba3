package dev.monitor.bench;

import com.sun.management.OperatingSystemMXBean;
import dev.monitor.local.LocalStack;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * Prints what the local stack costs while nothing happens: the CPU its process uses, as a share of one core, over
 * {@value #MEASURED_SECONDS} s once started, polling at the tests' interval and at the default one.
 *
 * <p>{@code java -cp bench/target/monitor-bench.jar:local/target/monitor-local.jar
 * dev.monitor.bench.IdleStackBenchmark}
 */
public final class IdleStackBenchmark {
    private static final int SETTLING_SECONDS = 5;
    private static final int MEASURED_SECONDS = 20;

    private IdleStackBenchmark() {}

    public static void main(String[] args) throws Exception {
        OperatingSystemMXBean os = (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        for (Duration interval : List.of(Duration.ofMillis(50), LocalStack.Options.DEFAULT_POLL_INTERVAL)) {
            LocalStack.Options options = new LocalStack.Options(
                    0, null, null, null, LocalStack.Options.DEFAULT_SES_ENDPOINT, interval, Map.of());
            try (LocalStack stack = LocalStack.start(options)) {
                Thread.sleep(SETTLING_SECONDS * 1000L);
                long before = os.getProcessCpuTime();
                Thread.sleep(MEASURED_SECONDS * 1000L);
                double cpuSeconds = (os.getProcessCpuTime() - before) / 1e9;
                System.out.printf(
                        "idle stack, polling every %d ms: %.2f CPU s in %d s, %.1f %% of one core%n",
                        interval.toMillis(), cpuSeconds, MEASURED_SECONDS, 100 * cpuSeconds / MEASURED_SECONDS);
            }
        }
    }
}
