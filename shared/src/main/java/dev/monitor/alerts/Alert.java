package dev.monitor.alerts;

import java.time.Instant;

/**
 * One alert of an account, as stored and as read. Optional properties are null when absent, which
 * is how Twilio's shape shows them. The request and response details are shown on fetch only.
 */
public record Alert(
        String sid,
        String accountSid,
        String errorCode,
        LogLevel logLevel,
        String alertText,
        String resourceSid,
        String serviceSid,
        String requestMethod,
        String requestUrl,
        String requestVariables,
        String requestHeaders,
        String responseBody,
        String responseHeaders,
        String apiVersion,
        String moreInfo,
        Instant dateGenerated,
        Instant dateCreated) {
}
