package dev.monitor.usage;

import java.time.LocalDate;

/** One category's usage from {@code startDate} to {@code endDate}, both included. */
public record UsageRecord(
        String accountSid, UsageCategory category, LocalDate startDate, LocalDate endDate, Measure measure) {}
