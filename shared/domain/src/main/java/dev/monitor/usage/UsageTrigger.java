package dev.monitor.usage;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Optional;

/**
 * A usage trigger: when the {@code triggerBy} field of {@code category}'s usage in the current
 * {@code recurring} period reaches {@code triggerValue}, Monitor calls {@code callbackUrl} once for
 * that period.
 *
 * @param triggerValue absolute: an offset given at creation ({@code +N}) is already added to the usage then
 * @param currentValue the watched value: as stored, when the trigger was created or last fired; as read through
 *     {@link UsageTriggers}, now
 * @param firedPeriod the period it last fired in ({@link Recurring#periodKey}), empty if never
 */
public record UsageTrigger(
        String sid,
        String accountSid,
        String friendlyName,
        String callbackUrl,
        String callbackMethod,
        UsageCategory category,
        TriggerBy triggerBy,
        Recurring recurring,
        BigDecimal triggerValue,
        BigDecimal currentValue,
        Instant dateCreated,
        Instant dateUpdated,
        Optional<Instant> dateFired,
        Optional<String> firedPeriod) {

    /** The same trigger, its watched value as it is now. */
    public UsageTrigger withCurrentValue(BigDecimal value) {
        return new UsageTrigger(
                sid,
                accountSid,
                friendlyName,
                callbackUrl,
                callbackMethod,
                category,
                triggerBy,
                recurring,
                triggerValue,
                value,
                dateCreated,
                dateUpdated,
                dateFired,
                firedPeriod);
    }

    /** This trigger with what {@code change} sets, as changed at {@code dateUpdated}. */
    public UsageTrigger changedBy(UsageTriggerChange change, Instant dateUpdated) {
        return new UsageTrigger(
                sid,
                accountSid,
                change.friendlyName().orElse(friendlyName),
                change.callbackUrl().orElse(callbackUrl),
                change.callbackMethod().orElse(callbackMethod),
                category,
                triggerBy,
                recurring,
                triggerValue,
                currentValue,
                dateCreated,
                dateUpdated,
                dateFired,
                firedPeriod);
    }

    /** The usage record of the period this trigger watches. */
    public String usageRecordUri() {
        String records = "/2010-04-01/Accounts/" + accountSid + "/Usage/Records";
        String subresource = switch (recurring) {
            case DAILY -> "/Today";
            case MONTHLY -> "/ThisMonth";
            case YEARLY -> "/Yearly";
            case ALLTIME -> "/AllTime";
        };
        return records + subresource + ".json?Category=" + category.wireName();
    }

    /** A value as Twilio writes it: a plain decimal without trailing zeros. */
    public static String format(BigDecimal value) {
        return value.signum() == 0 ? "0" : value.stripTrailingZeros().toPlainString();
    }
}
