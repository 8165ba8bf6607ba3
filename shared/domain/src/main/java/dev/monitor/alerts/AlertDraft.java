package dev.monitor.alerts;

import java.time.Instant;
import java.util.Optional;

/** A validated alert as a client sent it, before it has a Sid, an account and its defaults. */
public record AlertDraft(
        Optional<String> accountSid,
        String errorCode,
        Optional<LogLevel> logLevel,
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
        Optional<Instant> dateGenerated,
        Optional<String> moreInfo) {

    /** The catalogue fills in the level and the link the client left out. */
    public Alert toAlert(String sid, String account, Instant now) {
        Optional<ErrorCatalogue.Entry> known = ErrorCatalogue.find(errorCode);
        return new Alert(
                sid,
                account,
                errorCode,
                logLevel.orElse(known.map(ErrorCatalogue.Entry::level).orElse(LogLevel.ERROR)),
                alertText,
                resourceSid,
                serviceSid,
                requestMethod,
                requestUrl,
                requestVariables,
                requestHeaders,
                responseBody,
                responseHeaders,
                apiVersion,
                moreInfo.orElse(ErrorCatalogue.Entry.moreInfo(errorCode)),
                dateGenerated.orElse(now),
                now);
    }
}
