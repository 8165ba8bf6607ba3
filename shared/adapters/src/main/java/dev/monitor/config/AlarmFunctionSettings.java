package dev.monitor.config;

import java.util.Optional;

/**
 * The settings of the two functions that evaluate alarms (the alert counter and the alarm resolution check): the table,
 * the notifications queue and where notification links point. Read and checked once at init.
 */
public record AlarmFunctionSettings(
        AwsSettings aws, String table, String notificationsQueueUrl, Optional<String> publicApiUrl) {

    public static AlarmFunctionSettings from(Environment env) {
        return new AlarmFunctionSettings(
                AwsSettings.from(env),
                SharedVariables.table(env),
                SharedVariables.notificationsQueueUrl(env),
                SharedVariables.publicApiUrl(env));
    }
}
