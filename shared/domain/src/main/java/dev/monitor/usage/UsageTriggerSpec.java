package dev.monitor.usage;

import java.math.BigDecimal;

/**
 * A usage trigger to create, as read from the request: what the account asks for, in domain terms. The callback URL
 * has not been checked against the SSRF policy yet; {@link UsageTriggers#create} does that.
 */
public record UsageTriggerSpec(
        UsageCategory category,
        TriggerBy triggerBy,
        Recurring recurring,
        Threshold threshold,
        String callbackUrl,
        String callbackMethod,
        String friendlyName) {

    /** The trigger value: an amount as given, or an amount more than the usage when the trigger is created. */
    public record Threshold(BigDecimal amount, boolean aboveCurrent) {
        public static Threshold absolute(BigDecimal amount) {
            return new Threshold(amount, false);
        }

        public static Threshold aboveCurrent(BigDecimal amount) {
            return new Threshold(amount, true);
        }

        /** The value the trigger fires at, given the usage now. */
        BigDecimal valueGiven(BigDecimal current) {
            return aboveCurrent ? current.add(amount) : amount;
        }
    }
}
