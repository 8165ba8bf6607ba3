package dev.monitor.lambda;

import java.util.function.Supplier;

/**
 * What a function builds once per execution environment, in its handler's static init. A failure (a missing setting,
 * say) is kept and thrown again, as itself, from the handler's constructor: Lambda's runtime then reports its type and
 * message as the init error, where a failing static initializer would reach it only as an ExceptionInInitializerError.
 */
public final class FunctionInit<T> {
    private final T built;
    private final RuntimeException failure;

    private FunctionInit(T built, RuntimeException failure) {
        this.built = built;
        this.failure = failure;
    }

    public static <T> FunctionInit<T> of(Supplier<T> build) {
        try {
            return new FunctionInit<>(build.get(), null);
        } catch (RuntimeException e) {
            return new FunctionInit<>(null, e);
        }
    }

    /** What was built; throws what building it threw. */
    public T get() {
        if (failure != null) {
            throw failure;
        }
        return built;
    }
}
