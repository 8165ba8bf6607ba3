package dev.monitor.bench;

import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttribute;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;

/** Sums the calls to DynamoDB and the time spent in them, by operation: where a request's time goes. */
final class DynamoCallTimer implements ExecutionInterceptor {
    private static final ExecutionAttribute<Long> STARTED = new ExecutionAttribute<>("BenchmarkCallStarted");

    record Calls(long count, Duration time) {}

    private final Map<String, LongAdder> counts = new ConcurrentHashMap<>();
    private final Map<String, LongAdder> nanos = new ConcurrentHashMap<>();

    @Override
    public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes executionAttributes) {
        executionAttributes.putAttribute(STARTED, System.nanoTime());
    }

    @Override
    public void afterExecution(Context.AfterExecution context, ExecutionAttributes executionAttributes) {
        long elapsed = System.nanoTime() - executionAttributes.getAttribute(STARTED);
        String operation = executionAttributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME);
        counts.computeIfAbsent(operation, name -> new LongAdder()).increment();
        nanos.computeIfAbsent(operation, name -> new LongAdder()).add(elapsed);
    }

    /** The calls since the last call, by operation name. */
    Map<String, Calls> take() {
        Map<String, Calls> taken = new TreeMap<>();
        counts.forEach((operation, count) -> {
            long calls = count.sumThenReset();
            long time = nanos.get(operation).sumThenReset();
            if (calls > 0) {
                taken.put(operation, new Calls(calls, Duration.ofNanos(time)));
            }
        });
        return taken;
    }
}
