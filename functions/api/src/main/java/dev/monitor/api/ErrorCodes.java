package dev.monitor.api;

/** Twilio's error codes, so clients and helper libraries recognise them. */
final class ErrorCodes {
    static final int INVALID_PARAMETER = 20001;
    static final int AUTHENTICATE = 20003;
    /** Twilio's "Account not active": a suspended or closed account. */
    static final int ACCOUNT_NOT_ACTIVE = 20005;

    static final int METHOD_NOT_ALLOWED = 20004;
    static final int FORBIDDEN = 20403;
    static final int NOT_FOUND = 20404;
    static final int CONFLICT = 20409;
    static final int PAYLOAD_TOO_LARGE = 20413;
    static final int UNSUPPORTED_MEDIA_TYPE = 20415;
    /** Twilio's "Too Many Requests": over the account's request rate or concurrency; retry after Retry-After. */
    static final int TOO_MANY_REQUESTS = 20429;

    static final int INTERNAL_ERROR = 20500;
    /** Storage is throttled or failing, or the request's time ran out: retry after the Retry-After header's seconds. */
    static final int SERVICE_UNAVAILABLE = 20503;

    private ErrorCodes() {}

    static String moreInfo(int code) {
        return "https://www.twilio.com/docs/errors/" + code;
    }
}
