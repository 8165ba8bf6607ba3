package dev.monitor.dynamo;

import software.amazon.awssdk.services.dynamodb.model.QueryResponse;

/**
 * What one list request may read of DynamoDB, whatever its filters and however the data lies: so many items
 * evaluated (a Query's {@code Limit} counts items before its filter) and so many read units. A page that the budget
 * ends before it fills is answered with what was found and a cursor that reads on from where reading stopped, so no
 * request works long, and a combination of filters that matches little pays over several pages, not in one.
 */
public final class ReadBudget {
    /** Items a request evaluates at most, across every Query and shard it makes. */
    public static final int MAX_ITEMS = 2_000;
    /** Read units a request consumes at most: 4 MiB of items read eventually consistent (8 KiB a unit). */
    public static final double MAX_READ_UNITS = 512;

    private int itemsLeft = MAX_ITEMS;
    private double unitsLeft = MAX_READ_UNITS;

    /** The items the next Query may evaluate; 0 once the budget is spent. */
    public int itemsLeft() {
        return spent() ? 0 : itemsLeft;
    }

    public boolean spent() {
        return itemsLeft <= 0 || unitsLeft <= 0;
    }

    /** Counts what a Query, asked to return its consumed capacity, evaluated and consumed. */
    public void spend(QueryResponse response) {
        itemsLeft -= response.scannedCount() == null ? response.items().size() : response.scannedCount();
        if (response.consumedCapacity() != null && response.consumedCapacity().capacityUnits() != null) {
            unitsLeft -= response.consumedCapacity().capacityUnits();
        }
    }
}
