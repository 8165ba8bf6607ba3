package dev.monitor.limits;

/**
 * What one account family (a main account, its subaccounts and all their API keys, counted together as Twilio counts
 * them) may ask of the api: so many requests a second, so many at once, and so many events and alerts recorded a
 * second, which is what its writes to DynamoDB and the work of the stream functions grow with.
 */
public record AccountLimits(int requestsPerSecond, int concurrentRequests, int recordsPerSecond) {
    /** The most one request records: a whole batch always fits a second's records. */
    public static final int MAX_BATCH = 100;

    public AccountLimits {
        if (requestsPerSecond < 1 || concurrentRequests < 1 || recordsPerSecond < MAX_BATCH) {
            throw new IllegalArgumentException(
                    "Account limits are at least 1 request a second, 1 at once and " + MAX_BATCH + " records a second");
        }
    }
}
