package dev.monitor.notifier;

import dev.monitor.notify.ErrorClass;
import dev.monitor.notify.WebhookTargets;
import java.util.Map;

/**
 * Sends one HTTP request to a webhook receiver. Implementations refuse (with
 * {@link ErrorClass#REFUSED_TARGET}, contacting nothing) every URL and address {@link WebhookTargets}
 * refuses, follow no redirects, and bound the request in time.
 */
public interface WebhookClient {
    record Request(String method, String url, Map<String, String> headers, String contentType, String body) {}

    SendResult send(Request request);
}
