package dev.monitor.api;

/**
 * A failure of the HTTP exchange itself, which no domain operation sees: a method the path does not take, a body too
 * large or of the wrong type. Carries its status and Twilio's code to {@link ErrorResponses}.
 */
final class HttpException extends RuntimeException {
    private final int status;
    private final int code;

    HttpException(int status, int code, String message) {
        super(message, null, false, false);
        this.status = status;
        this.code = code;
    }

    int status() {
        return status;
    }

    int code() {
        return code;
    }
}
