package dev.monitor.usage;

import java.math.BigDecimal;

/** One category's usage over a period, as a usage record reports it. */
public record Measure(BigDecimal count, BigDecimal usage, BigDecimal price) {

    public Measure plus(Measure other) {
        return new Measure(count.add(other.count), usage.add(other.usage), price.add(other.price));
    }

    public BigDecimal field(TriggerBy by) {
        return switch (by) {
            case COUNT -> count;
            case USAGE -> usage;
            case PRICE -> price;
        };
    }
}
