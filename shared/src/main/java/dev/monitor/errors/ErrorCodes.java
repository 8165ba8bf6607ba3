package dev.monitor.errors;

/** Twilio's error codes, so clients and helper libraries recognise them. */
public final class ErrorCodes {
    public static final int INVALID_PARAMETER = 20001;
    public static final int AUTHENTICATE = 20003;
    public static final int METHOD_NOT_ALLOWED = 20004;
    public static final int FORBIDDEN = 20403;
    public static final int NOT_FOUND = 20404;
    public static final int CONFLICT = 20409;
    public static final int PAYLOAD_TOO_LARGE = 20413;
    public static final int UNSUPPORTED_MEDIA_TYPE = 20415;
    public static final int TOO_MANY_REQUESTS = 20429;
    public static final int INTERNAL_ERROR = 20500;

    private ErrorCodes() {
    }

    public static String moreInfo(int code) {
        return "https://www.twilio.com/docs/errors/" + code;
    }
}
