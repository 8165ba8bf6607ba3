package dev.monitor.alarms;

import java.time.Instant;

/**
 * One span an alarm counts over and fires at most once in: {@code [start, end)}. {@code name} is its timeWindow or
 * timePeriod.
 */
public record Window(String name, Instant start, Instant end) {}
