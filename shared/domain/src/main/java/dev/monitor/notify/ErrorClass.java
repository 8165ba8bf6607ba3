package dev.monitor.notify;

import java.util.Locale;

/** Why an attempt did not deliver, as the attempt records it. */
public enum ErrorClass {
    /** No answer within the time allowed. */
    TIMEOUT,
    /** The connection could not be made or broke. */
    CONNECTION,
    /** The host name did not resolve. */
    DNS,
    /** The receiver answered with a status other than 2xx. */
    HTTP_STATUS,
    /** The URL or an address it resolves to is one webhooks may not reach. */
    REFUSED_TARGET,
    /** The receiver answered 410 Gone to an earlier notification. */
    DISABLED_TARGET,
    /** SES refused this message for good (unverified sender, rejected content, bad address). */
    EMAIL_REJECTED,
    /** SES throttled the send or failed in a way that may pass. */
    EMAIL_UNAVAILABLE,
    /** The job cannot be sent at all: its account is gone, or its content does not fit its channel. */
    INVALID_JOB,
    /** Its account is suspended or closed: nothing is sent for it (a retry once it is active again sends it). */
    ACCOUNT_INACTIVE;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static ErrorClass fromWire(String value) {
        return valueOf(value.toUpperCase(Locale.ROOT));
    }
}
