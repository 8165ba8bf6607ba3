package dev.monitor.usage;

import java.math.BigDecimal;

/**
 * Monitor's price: the first {@code freeEventsPerMonth} events of each calendar month are free, then each costs
 * {@code pricePerEvent} USD.
 */
public record Pricing(long freeEventsPerMonth, BigDecimal pricePerEvent) {

    /** The price of a month in which {@code writes} events have been written so far. */
    public BigDecimal monthToDate(long writes) {
        return pricePerEvent.multiply(BigDecimal.valueOf(Math.max(0, writes - freeEventsPerMonth)));
    }
}
