package dev.monitor.alerts;

import dev.monitor.ids.TimeOrderedSids;
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
    /**
     * {@code NO…}, sorting by the date generated. An account's alerts are spread over 4 partitions,
     * each good for 1,000 writes/s; the Sid's last digit names its alert's shard, so a fetch is one GetItem.
     */
    public static final TimeOrderedSids SIDS = new TimeOrderedSids("NO", 4);
}
