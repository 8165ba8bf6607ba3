package dev.monitor.api;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.monitor.errors.DomainException;
import dev.monitor.errors.FieldError;
import dev.monitor.jackson.Json;
import java.time.Duration;
import java.util.Map;

/**
 * The one place failures become responses: each kind of domain error, and each failure of the HTTP exchange, gets its
 * status and Twilio's error body ({@code code}, {@code message}, {@code more_info}, {@code status}); never a stack
 * trace.
 */
final class ErrorResponses {
    private ErrorResponses() {}

    static HttpResponse of(DomainException error) {
        if (error instanceof DomainException.Invalid invalid) {
            ObjectNode body = body(400, ErrorCodes.INVALID_PARAMETER, error.getMessage());
            if (!invalid.fieldErrors().isEmpty()) {
                ArrayNode errors = body.putObject("details").putArray("errors");
                for (FieldError fieldError : invalid.fieldErrors()) {
                    ObjectNode entry = errors.addObject();
                    if (fieldError.index() >= 0) {
                        entry.put("index", fieldError.index());
                    }
                    entry.put("field", fieldError.field());
                    entry.put("message", fieldError.problem());
                }
            }
            return HttpResponse.json(400, body);
        }
        if (error instanceof DomainException.Unauthenticated) {
            return new HttpResponse(
                    401,
                    Map.of("Content-Type", "application/json", "WWW-Authenticate", "Basic realm=\"Monitor\""),
                    Json.write(body(401, ErrorCodes.AUTHENTICATE, error.getMessage())));
        }
        if (error instanceof DomainException.Forbidden) {
            return HttpResponse.json(403, body(403, ErrorCodes.FORBIDDEN, error.getMessage()));
        }
        if (error instanceof DomainException.AccountInactive) {
            return HttpResponse.json(403, body(403, ErrorCodes.ACCOUNT_NOT_ACTIVE, error.getMessage()));
        }
        if (error instanceof DomainException.TooManyRequests tooMany) {
            return withRetryAfter(429, ErrorCodes.TOO_MANY_REQUESTS, error.getMessage(), tooMany.retryAfter());
        }
        if (error instanceof DomainException.NotFound) {
            return HttpResponse.json(404, body(404, ErrorCodes.NOT_FOUND, error.getMessage()));
        }
        if (error instanceof DomainException.Unavailable unavailable) {
            return withRetryAfter(503, ErrorCodes.SERVICE_UNAVAILABLE, error.getMessage(), unavailable.retryAfter());
        }
        return HttpResponse.json(409, body(409, ErrorCodes.CONFLICT, error.getMessage()));
    }

    private static HttpResponse withRetryAfter(int status, int code, String message, Duration retryAfter) {
        // Whole seconds, at least one: what Retry-After takes.
        long seconds = Math.max(1, (retryAfter.toMillis() + 999) / 1000);
        return new HttpResponse(
                status,
                Map.of("Content-Type", "application/json", "Retry-After", Long.toString(seconds)),
                Json.write(body(status, code, message)));
    }

    static HttpResponse of(HttpException error) {
        return HttpResponse.json(error.status(), body(error.status(), error.code(), error.getMessage()));
    }

    static HttpResponse internalError() {
        return HttpResponse.json(500, body(500, ErrorCodes.INTERNAL_ERROR, "Internal server error"));
    }

    private static ObjectNode body(int status, int code, String message) {
        ObjectNode body = Json.object();
        body.put("code", code);
        body.put("message", message);
        body.put("more_info", ErrorCodes.moreInfo(code));
        body.put("status", status);
        return body;
    }
}
