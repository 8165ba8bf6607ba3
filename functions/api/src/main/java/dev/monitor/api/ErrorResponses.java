package dev.monitor.api;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.monitor.errors.ApiException;
import dev.monitor.errors.ErrorCodes;
import dev.monitor.errors.FieldError;
import dev.monitor.json.Json;
import java.util.HashMap;
import java.util.Map;

/** The one place failures become responses: Twilio's error body, and never a stack trace. */
final class ErrorResponses {
    private ErrorResponses() {
    }

    static HttpResponse of(ApiException error) {
        ObjectNode body = body(error.status(), error.code(), error.getMessage());
        if (!error.fieldErrors().isEmpty()) {
            ArrayNode errors = body.putObject("details").putArray("errors");
            for (FieldError fieldError : error.fieldErrors()) {
                ObjectNode entry = errors.addObject();
                if (fieldError.index() >= 0) {
                    entry.put("index", fieldError.index());
                }
                entry.put("field", fieldError.field());
                entry.put("message", fieldError.problem());
            }
        }
        HttpResponse response = HttpResponse.json(error.status(), body);
        if (error.status() == 401) {
            Map<String, String> headers = new HashMap<>(response.headers());
            headers.put("WWW-Authenticate", "Basic realm=\"Monitor\"");
            return new HttpResponse(401, Map.copyOf(headers), response.body());
        }
        return response;
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
