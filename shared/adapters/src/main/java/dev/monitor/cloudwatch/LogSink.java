package dev.monitor.cloudwatch;

/** Where a function's log lines go: stdout on Lambda, which sends each line to the function's log group. */
@FunctionalInterface
public interface LogSink {
    /** {@link java.io.PrintStream#println(String)} writes each line whole, whatever thread calls it. */
    LogSink STDOUT = System.out::println;

    /** One whole line, without its line break. */
    void write(String line);
}
