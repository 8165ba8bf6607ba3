package dev.monitor.dynamo;

/**
 * The partition of the table that holds an account's own items: the account itself and its configuration, alarms,
 * usage triggers, signing secret and disabled webhook targets, each under its own sort key. Its prefix is spelled here
 * only.
 */
public final class AccountPartition {
    private static final String PREFIX = "AC#";

    private AccountPartition() {}

    public static String of(String accountSid) {
        return PREFIX + accountSid;
    }

    /** The account Sid of a partition key made by {@link #of}. */
    public static String accountOf(String partitionKey) {
        return partitionKey.substring(PREFIX.length());
    }
}
