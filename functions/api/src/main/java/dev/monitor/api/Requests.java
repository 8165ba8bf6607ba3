package dev.monitor.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.monitor.errors.DomainException;
import dev.monitor.ids.Sids;
import dev.monitor.jackson.Json;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/** Reading what every resource reads from a request: its JSON body and its query filters. */
final class Requests {
    private static final String FORM = "application/x-www-form-urlencoded";

    private Requests() {}

    /** Reads a filter, checks it, and echoes it into the page URLs. */
    static <T> Optional<T> parameter(
            HttpRequest request,
            String name,
            Map<String, String> echoed,
            Function<String, Optional<T>> parser,
            String expected) {
        Optional<String> raw = request.queryParameter(name);
        if (raw.isEmpty()) {
            return Optional.empty();
        }
        T value = parser.apply(raw.get())
                .orElseThrow(() ->
                        new DomainException.Invalid(name + " must be " + expected + " (got '" + raw.get() + "')"));
        echoed.put(name, raw.get());
        return Optional.of(value);
    }

    static Optional<String> sid(String value) {
        return Optional.of(value).filter(Sids::isSid);
    }

    /** The body as JSON: {@code application/json} (with parameters such as {@code charset}) or none, else a 415. */
    static JsonNode jsonBody(HttpRequest request) {
        String mediaType = mediaType(request, "application/json");
        if (!mediaType.equals("application/json")) {
            throw new HttpException(
                    415,
                    ErrorCodes.UNSUPPORTED_MEDIA_TYPE,
                    "The request body must be application/json, not " + mediaType);
        }
        if (request.body() == null || request.body().isBlank()) {
            throw new DomainException.Invalid("The request body is empty: send JSON");
        }
        try {
            return Json.parse(request.body());
        } catch (JsonProcessingException e) {
            throw new DomainException.Invalid("The request body is not valid JSON: " + e.getOriginalMessage());
        }
    }

    /**
     * Twilio's form body ({@code application/x-www-form-urlencoded}); of a repeated field the last value counts. A JSON
     * body is a 415 and an unknown field a 400: either would otherwise leave every field at its default.
     */
    static Map<String, String> form(HttpRequest request, Set<String> known) {
        Map<String, String> form = new LinkedHashMap<>();
        formValues(request, known).forEach((name, values) -> form.put(name, values.get(values.size() - 1)));
        return form;
    }

    /** Twilio's form body as {@link #form} reads it, with each value of a repeated field (a list: Permissions). */
    static Map<String, List<String>> formValues(HttpRequest request, Set<String> known) {
        String mediaType = mediaType(request, FORM);
        if (!mediaType.equals(FORM)) {
            throw new HttpException(
                    415, ErrorCodes.UNSUPPORTED_MEDIA_TYPE, "The request body must be " + FORM + ", not " + mediaType);
        }
        Map<String, List<String>> form = HttpRequest.parseForm(request.body());
        UnknownNames.refuse("form field", form.keySet(), known);
        return form;
    }

    /** The Content-Type without its parameters (such as {@code charset}); {@code absent} when none is sent. */
    private static String mediaType(HttpRequest request, String absent) {
        return request.header("content-type")
                .map(value -> value.split(";", 2)[0].strip().toLowerCase(Locale.ROOT))
                .orElse(absent);
    }
}
