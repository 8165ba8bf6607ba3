package dev.monitor.limits;

/**
 * What one account family (a main account, its subaccounts and all their API keys, counted together as Twilio counts
 * them) may ask of the api: so many requests a second, and so many at once.
 */
public record AccountLimits(int requestsPerSecond, int concurrentRequests) {
    public AccountLimits {
        if (requestsPerSecond < 1 || concurrentRequests < 1) {
            throw new IllegalArgumentException("Account limits are at least 1 request a second and 1 at once");
        }
    }
}
