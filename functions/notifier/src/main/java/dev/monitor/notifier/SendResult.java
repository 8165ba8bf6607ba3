package dev.monitor.notifier;

import dev.monitor.notify.ErrorClass;
import java.time.Duration;
import java.util.Optional;

/**
 * What one attempt to send got back: a status code from a webhook receiver, or an error, and what
 * to do next.
 *
 * @param response the first 4 KB of the receiver's answer (or the error's message), for the attempt record
 * @param retryAfter the receiver's {@code Retry-After}, if it sent one
 */
public record SendResult(
        Verdict verdict,
        Optional<Integer> statusCode,
        Optional<ErrorClass> errorClass,
        String response,
        Optional<Duration> retryAfter) {
    public static final int MAX_RESPONSE_CHARS = 4096;

    public enum Verdict {
        DELIVERED,
        /** May pass: try again later. */
        RETRY,
        /** Will not pass: give up now. */
        FAIL,
        /** 410 Gone: give up, and send nothing more to this destination. */
        GONE
    }

    public SendResult {
        response = response == null
                ? ""
                : response.length() > MAX_RESPONSE_CHARS ? response.substring(0, MAX_RESPONSE_CHARS) : response;
    }

    /**
     * The verdict on a receiver's HTTP status: 2xx delivers, 410 is gone, 429 and 5xx may pass, the rest (3xx too) do
     * not.
     */
    public static SendResult ofStatus(int status, String body, Optional<Duration> retryAfter) {
        Verdict verdict = status >= 200 && status < 300
                ? Verdict.DELIVERED
                : status == 410 ? Verdict.GONE : status == 429 || status >= 500 ? Verdict.RETRY : Verdict.FAIL;
        return new SendResult(
                verdict,
                Optional.of(status),
                verdict == Verdict.DELIVERED ? Optional.empty() : Optional.of(ErrorClass.HTTP_STATUS),
                body,
                retryAfter);
    }

    public static SendResult error(Verdict verdict, ErrorClass errorClass, String message) {
        return new SendResult(verdict, Optional.empty(), Optional.of(errorClass), message, Optional.empty());
    }

    public static SendResult sent(String response) {
        return new SendResult(Verdict.DELIVERED, Optional.empty(), Optional.empty(), response, Optional.empty());
    }
}
