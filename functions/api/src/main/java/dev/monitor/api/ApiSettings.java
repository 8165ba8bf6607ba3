package dev.monitor.api;

import dev.monitor.config.AwsSettings;
import dev.monitor.config.Environment;
import dev.monitor.config.SealingKey;
import dev.monitor.config.SharedVariables;
import dev.monitor.limits.AccountLimits;
import dev.monitor.usage.Pricing;
import java.time.Duration;
import java.util.Optional;

/** The api function's settings, read and checked once at init. */
public record ApiSettings(
        AwsSettings aws,
        String table,
        Optional<String> operatorKeySha256,
        SealingKey sealingKey,
        String notificationsQueueUrl,
        boolean allowPrivateWebhookTargets,
        Pricing pricing,
        Duration usageReadsFlushInterval,
        Optional<String> publicApiUrl,
        AccountLimits accountLimits) {

    public static ApiSettings from(Environment env) {
        return new ApiSettings(
                AwsSettings.from(env),
                SharedVariables.table(env),
                env.optional("MONITOR_OPERATOR_KEY_SHA256"),
                SealingKey.from(env),
                SharedVariables.notificationsQueueUrl(env),
                SharedVariables.allowPrivateWebhookTargets(env),
                SharedVariables.pricing(env),
                // Reads are counted in memory and written at most this often per function instance.
                env.parsed(
                        "MONITOR_USAGE_READS_FLUSH_SECONDS",
                        value -> Duration.ofSeconds(Long.parseLong(value)),
                        Duration.ofSeconds(10)),
                SharedVariables.publicApiUrl(env),
                new AccountLimits(
                        env.parsed("MONITOR_ACCOUNT_REQUESTS_PER_SECOND", Integer::parseInt, 100),
                        env.parsed("MONITOR_ACCOUNT_CONCURRENT_REQUESTS", Integer::parseInt, 10),
                        env.parsed("MONITOR_ACCOUNT_RECORDS_PER_SECOND", Integer::parseInt, 1000)));
    }

    /** Keeps the operator key's hash and the sealing key out of logs. */
    @Override
    public String toString() {
        return "ApiSettings[" + aws + ", table=" + table + ", operatorKey="
                + (operatorKeySha256.isPresent() ? "set" : "unset") + "]";
    }
}
