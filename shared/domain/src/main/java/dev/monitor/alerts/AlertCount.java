package dev.monitor.alerts;

import java.time.Instant;

/** How many alerts of one error code and level were generated in the interval starting at {@code intervalStart}. */
public record AlertCount(String errorCode, LogLevel logLevel, Instant intervalStart, long count) {}
