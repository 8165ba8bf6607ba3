package dev.monitor.config;

import java.math.BigDecimal;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * Every setting a function reads, taken from its environment in this one place. Handlers pass
 * {@code System.getenv()}; the local stack and tests pass the environment the template gives the
 * function.
 */
public record Settings(
        String tableName,
        String region,
        Optional<URI> dynamoDbEndpoint,
        Optional<String> accessKeyId,
        Optional<String> secretAccessKey,
        Optional<String> sessionToken,
        Optional<String> operatorKeySha256,
        Optional<String> authTokenKmsKeyId,
        Optional<String> authTokenSealingKey,
        Optional<URI> sqsEndpoint,
        Optional<String> notificationsQueueUrl,
        boolean allowPrivateWebhookTargets,
        long usageFreeEventsPerMonth,
        BigDecimal usagePricePerEvent,
        Duration usageReadsFlushInterval,
        Optional<String> publicApiUrl,
        Optional<URI> sesV2Endpoint,
        Optional<String> notificationsDeadLetterQueueUrl,
        Optional<String> notificationSender,
        Optional<String> notificationRetrySchedule) {

    public static Settings from(Map<String, String> env) {
        return new Settings(
                required(env, "MONITOR_TABLE"),
                Optional.ofNullable(env.get("AWS_REGION")).orElse(env.getOrDefault("AWS_DEFAULT_REGION", "us-east-1")),
                optional(env, "AWS_ENDPOINT_URL_DYNAMODB").map(URI::create),
                optional(env, "AWS_ACCESS_KEY_ID"),
                optional(env, "AWS_SECRET_ACCESS_KEY"),
                optional(env, "AWS_SESSION_TOKEN"),
                optional(env, "MONITOR_OPERATOR_KEY_SHA256"),
                optional(env, "MONITOR_AUTH_TOKEN_KMS_KEY_ID"),
                optional(env, "MONITOR_AUTH_TOKEN_SEALING_KEY"),
                optional(env, "AWS_ENDPOINT_URL_SQS").map(URI::create),
                optional(env, "MONITOR_NOTIFICATIONS_QUEUE_URL"),
                // Only the local stack and tests turn this on, to deliver to receivers on loopback.
                optional(env, "MONITOR_ALLOW_PRIVATE_WEBHOOK_TARGETS")
                        .map(Boolean::parseBoolean)
                        .orElse(false),
                optional(env, "MONITOR_USAGE_FREE_EVENTS_PER_MONTH")
                        .map(Long::parseLong)
                        .orElse(5_000L),
                optional(env, "MONITOR_USAGE_PRICE_PER_EVENT")
                        .map(BigDecimal::new)
                        .orElse(new BigDecimal("0.0001")),
                // Reads are counted in memory and written at most this often per function instance.
                optional(env, "MONITOR_USAGE_READS_FLUSH_SECONDS")
                        .map(Long::parseLong)
                        .map(Duration::ofSeconds)
                        .orElse(Duration.ofSeconds(10)),
                // Where links in notifications point; without it they are paths on the API.
                optional(env, "MONITOR_PUBLIC_API_URL"),
                optional(env, "AWS_ENDPOINT_URL_SESV2").map(URI::create),
                optional(env, "MONITOR_NOTIFICATIONS_DLQ_URL"),
                // A verified SES identity; only the notifier sends mail.
                optional(env, "MONITOR_NOTIFICATION_SENDER"),
                // Delays before each attempt, e.g. "0s,5s,5m,30m,2h,5h,10h,10h"; tests compress it.
                optional(env, "MONITOR_NOTIFICATION_RETRY_SCHEDULE"));
    }

    private static String required(Map<String, String> env, String name) {
        return optional(env, name)
                .orElseThrow(() -> new IllegalStateException("Environment variable " + name + " is not set"));
    }

    private static Optional<String> optional(Map<String, String> env, String name) {
        return Optional.ofNullable(env.get(name)).filter(value -> !value.isBlank());
    }

    public String requiredNotificationsQueueUrl() {
        return notificationsQueueUrl.orElseThrow(
                () -> new IllegalStateException("Environment variable MONITOR_NOTIFICATIONS_QUEUE_URL is not set"));
    }

    /** Keeps secrets out of logs: only says which are present. */
    @Override
    public String toString() {
        return "Settings[table=" + tableName + ", region=" + region + ", dynamoDbEndpoint="
                + dynamoDbEndpoint.orElse(null)
                + ", operatorKey=" + (operatorKeySha256.isPresent() ? "set" : "unset")
                + ", authTokenSealing="
                + (authTokenKmsKeyId.isPresent() ? "kms" : authTokenSealingKey.isPresent() ? "local key" : "unset")
                + "]";
    }
}
