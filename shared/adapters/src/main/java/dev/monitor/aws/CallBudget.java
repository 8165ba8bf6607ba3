package dev.monitor.aws;

import dev.monitor.errors.DomainException;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.function.Supplier;

/**
 * The time an invocation's calls to AWS may still take. A handler opens it from Lambda's remaining time, keeping a
 * reserve to answer or report batch item failures; every SDK call (through {@link SdkTimeouts}) and every retry loop
 * over unprocessed items then ends before the deadline. Without an open budget (a test calling a handler directly)
 * only the SDK's static timeouts apply. The deadline is the calling thread's: Lambda runs one invocation at a time,
 * the local stack many on threads of their own; {@link #carried} takes it along to a worker thread.
 */
public final class CallBudget {
    /** Kept back from the function's remaining time: a tenth of it, at least this long. */
    static final Duration MIN_RESERVE = Duration.ofSeconds(2);

    private static final ThreadLocal<Long> DEADLINE_NANOS = new ThreadLocal<>();

    private CallBudget() {}

    /**
     * Runs {@code work} with calls bounded by {@code remainingMillis} less the reserve; the previous budget afterwards.
     */
    public static <T> T within(long remainingMillis, Supplier<T> work) {
        long reserve = Math.max(MIN_RESERVE.toMillis(), remainingMillis / 10);
        Long outer = DEADLINE_NANOS.get();
        long deadline = System.nanoTime()
                + Duration.ofMillis(Math.max(0, remainingMillis - reserve)).toNanos();
        DEADLINE_NANOS.set(outer == null ? deadline : Math.min(outer, deadline));
        try {
            return work.get();
        } finally {
            if (outer == null) {
                DEADLINE_NANOS.remove();
            } else {
                DEADLINE_NANOS.set(outer);
            }
        }
    }

    /** What is left of this thread's budget; empty when none is open. */
    public static Optional<Duration> remaining() {
        Long deadline = DEADLINE_NANOS.get();
        return deadline == null
                ? Optional.empty()
                : Optional.of(Duration.ofNanos(Math.max(0, deadline - System.nanoTime())));
    }

    /** The task, run on another thread under this thread's budget. */
    public static <T> Callable<T> carried(Callable<T> task) {
        Long deadline = DEADLINE_NANOS.get();
        if (deadline == null) {
            return task;
        }
        return () -> {
            Long before = DEADLINE_NANOS.get();
            DEADLINE_NANOS.set(deadline);
            try {
                return task.call();
            } finally {
                if (before == null) {
                    DEADLINE_NANOS.remove();
                } else {
                    DEADLINE_NANOS.set(before);
                }
            }
        };
    }

    /**
     * Sleeps before retry {@code retry} (1 for the first) of a loop over unprocessed items: exponential from
     * {@code base}, capped at {@code cap}, with full jitter so that throttled callers spread out.
     *
     * @throws DomainException.Unavailable when the sleep would end past the budget, naming {@code what} was left
     */
    public static void backOff(int retry, Duration base, Duration cap, String what) {
        long ceiling = Math.min(cap.toMillis(), base.toMillis() << Math.min(retry - 1, 20));
        long delay = (long) (Jitter.next() * (ceiling + 1));
        Duration left = remaining().orElse(Duration.ofDays(1));
        if (left.toMillis() <= delay) {
            throw exhausted(what);
        }
        try {
            Thread.sleep(delay);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw exhausted(what);
        }
    }

    /**
     * Before retry {@code retry} of what DynamoDB left unprocessed: 25 ms doubling to 1 s, jittered, at most
     * {@code maxRetries} times and never past the budget.
     *
     * @throws DomainException.Unavailable when there is no retry left in either
     */
    public static void backOffUnprocessed(int retry, int maxRetries, String what) {
        if (retry > maxRetries) {
            throw exhausted(what);
        }
        backOff(retry, Duration.ofMillis(25), Duration.ofSeconds(1), what);
    }

    /** The domain's answer when the time ran out with work left undone. */
    public static DomainException.Unavailable exhausted(String what) {
        return new DomainException.Unavailable("The service is busy: " + what + "; try again shortly", RETRY_AFTER);
    }

    /** What callers are told to wait before trying again after a capacity error. */
    public static final Duration RETRY_AFTER = Duration.ofSeconds(1);
}
