package dev.monitor.config;

import dev.monitor.usage.Pricing;
import java.math.BigDecimal;
import java.util.Optional;

/** The variables more than one function reads, each read and checked the same way by all of them. */
public final class SharedVariables {
    private SharedVariables() {}

    public static String table(Environment env) {
        return env.required("MONITOR_TABLE");
    }

    /** Where alarm and usage-trigger notifications are queued for the notifier. */
    public static String notificationsQueueUrl(Environment env) {
        return env.required("MONITOR_NOTIFICATIONS_QUEUE_URL");
    }

    /** Where links in notifications point; without it they are paths on the API. */
    public static Optional<String> publicApiUrl(Environment env) {
        return env.optional("MONITOR_PUBLIC_API_URL");
    }

    /** Only the local stack and tests turn this on, to deliver to receivers on loopback. */
    public static boolean allowPrivateWebhookTargets(Environment env) {
        return env.flag("MONITOR_ALLOW_PRIVATE_WEBHOOK_TARGETS", false);
    }

    public static Pricing pricing(Environment env) {
        return new Pricing(
                env.parsed("MONITOR_USAGE_FREE_EVENTS_PER_MONTH", Long::parseLong, 5_000L),
                env.parsed("MONITOR_USAGE_PRICE_PER_EVENT", BigDecimal::new, new BigDecimal("0.0001")));
    }
}
