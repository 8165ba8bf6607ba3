package dev.monitor.notify;

import java.time.Instant;

/**
 * Webhook URLs an account's receiver disabled by answering 410 Gone: the notifier sends them
 * nothing more. The account turns one back on by saving it again on an alarm or a usage trigger,
 * or by retrying a failed delivery to it.
 */
public interface DisabledDestinations {
    boolean isDisabled(String accountSid, String url);

    void disable(String accountSid, String url, Instant at);

    void enable(String accountSid, String url);
}
