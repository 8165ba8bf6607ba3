package dev.monitor.errors;

import java.util.List;

/**
 * A failure the client can act on, carried to the one place that turns it into Twilio's error body
 * ({@code code}, {@code message}, {@code more_info}, {@code status}).
 */
public class ApiException extends RuntimeException {
    private final int status;
    private final int code;
    private final List<FieldError> fieldErrors;

    public ApiException(int status, int code, String message) {
        this(status, code, message, List.of());
    }

    public ApiException(int status, int code, String message, List<FieldError> fieldErrors) {
        super(message, null, false, false);
        this.status = status;
        this.code = code;
        this.fieldErrors = List.copyOf(fieldErrors);
    }

    public int status() {
        return status;
    }

    public int code() {
        return code;
    }

    public List<FieldError> fieldErrors() {
        return fieldErrors;
    }

    public static ApiException badRequest(String message) {
        return new ApiException(400, ErrorCodes.INVALID_PARAMETER, message);
    }

    public static ApiException invalid(List<FieldError> errors) {
        String message = "Invalid request: " + String.join("; ", errors.stream().map(FieldError::describe).toList());
        return new ApiException(400, ErrorCodes.INVALID_PARAMETER, message, errors);
    }

    public static ApiException notFound(String message) {
        return new ApiException(404, ErrorCodes.NOT_FOUND, message);
    }

    public static ApiException unauthorized() {
        return new ApiException(401, ErrorCodes.AUTHENTICATE, "Authenticate");
    }

    public static ApiException forbidden(String message) {
        return new ApiException(403, ErrorCodes.FORBIDDEN, message);
    }
}
