package dev.monitor.notifier;

import dev.monitor.config.AwsSettings;
import dev.monitor.config.Environment;
import dev.monitor.config.SealingKey;
import dev.monitor.config.SharedVariables;

/** The notifier's settings, read and checked once at init. */
public record NotifierSettings(
        AwsSettings aws,
        String table,
        SealingKey sealingKey,
        String notificationsQueueUrl,
        String deadLetterQueueUrl,
        String sender,
        RetrySchedule retrySchedule,
        boolean allowPrivateWebhookTargets) {

    public static NotifierSettings from(Environment env) {
        return new NotifierSettings(
                AwsSettings.from(env),
                SharedVariables.table(env),
                SealingKey.from(env),
                SharedVariables.notificationsQueueUrl(env),
                env.required("MONITOR_NOTIFICATIONS_DLQ_URL"),
                // A verified SES identity; only the notifier sends mail.
                env.required("MONITOR_NOTIFICATION_SENDER"),
                // Delays before each attempt, e.g. "0s,5s,5m,30m,2h,5h,10h,10h"; tests compress it.
                env.parsed("MONITOR_NOTIFICATION_RETRY_SCHEDULE", RetrySchedule::parse, RetrySchedule.DEFAULT),
                SharedVariables.allowPrivateWebhookTargets(env));
    }

    /** Keeps the sealing key out of logs. */
    @Override
    public String toString() {
        return "NotifierSettings[" + aws + ", table=" + table + ", sender=" + sender + "]";
    }
}
