package dev.monitor.usage;

import java.math.BigDecimal;

/**
 * Monitor's price: the first {@code freeEventsPerMonth} events of each calendar month are free, then each costs
 * {@code pricePerEvent} USD.
 */
public record Pricing(long freeEventsPerMonth, BigDecimal pricePerEvent) {

    /** The price of a month in which {@code writes} events have been written so far. */
    public BigDecimal monthToDate(long writes) {
        return pricePerEvent.multiply(BigDecimal.valueOf(billable(writes)));
    }

    /** Of {@code added} writes to an account's month that held {@code before}, those beyond its free allowance. */
    public long billedWrites(long before, long added) {
        return billable(before + added) - billable(before);
    }

    /** The price of writes beyond their accounts' free allowances. */
    public BigDecimal priceOfBilled(long billedWrites) {
        return pricePerEvent.multiply(BigDecimal.valueOf(billedWrites));
    }

    private long billable(long writes) {
        return Math.max(0, writes - freeEventsPerMonth);
    }
}
