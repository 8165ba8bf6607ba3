package dev.monitor.usage;

/**
 * Whose usage counters: one account's own, or a main account's family's, its own usage and every subaccount's added
 * together as they are metered, so that a main account's usage costs one read however many subaccounts it has.
 */
public record UsageOwner(String accountSid, boolean family) {
    public static UsageOwner account(String accountSid) {
        return new UsageOwner(accountSid, false);
    }

    public static UsageOwner family(String mainAccountSid) {
        return new UsageOwner(mainAccountSid, true);
    }
}
