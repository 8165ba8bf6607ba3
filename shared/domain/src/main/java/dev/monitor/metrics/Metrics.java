package dev.monitor.metrics;

/** What the domain counts and times; the function's log writes it in CloudWatch's Embedded Metric Format. */
@FunctionalInterface
public interface Metrics {
    /** Counts nothing: for tests whose subject's metrics are not under test. */
    Metrics NONE = (metric, value) -> {};

    /** A count to add, or a time in milliseconds to keep. */
    void add(Metric metric, double value);
}
