package dev.monitor.usagecheck;

import dev.monitor.config.AwsSettings;
import dev.monitor.config.Environment;
import dev.monitor.config.SharedVariables;
import dev.monitor.usage.Pricing;
import java.util.Optional;

/** The usage check's settings, read and checked once at init. */
public record UsageCheckSettings(
        AwsSettings aws, String table, String notificationsQueueUrl, Pricing pricing, Optional<String> publicApiUrl) {

    public static UsageCheckSettings from(Environment env) {
        return new UsageCheckSettings(
                AwsSettings.from(env),
                SharedVariables.table(env),
                SharedVariables.notificationsQueueUrl(env),
                SharedVariables.pricing(env),
                SharedVariables.publicApiUrl(env));
    }
}
