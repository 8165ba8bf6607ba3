package dev.monitor.api;

import dev.monitor.errors.DomainException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/** A request as the API sees it, free of API Gateway's event types. Header names are lowercase. */
public record HttpRequest(
        String method,
        String path,
        Map<String, List<String>> query,
        Map<String, String> headers,
        String body,
        String sourceIp) {
    static final int MAX_IDEMPOTENCY_KEY_LENGTH = 255;
    private static final Pattern MALFORMED_ESCAPE = Pattern.compile("%(?![0-9A-Fa-f]{2})");

    public Optional<String> header(String name) {
        return Optional.ofNullable(headers.get(name));
    }

    /** The {@code Idempotency-Key} header, if sent; a 400 when it is empty or too long to be a key. */
    public Optional<String> idempotencyKey() {
        Optional<String> key = header("idempotency-key");
        if (key.filter(value -> value.isEmpty() || value.length() > MAX_IDEMPOTENCY_KEY_LENGTH)
                .isPresent()) {
            throw new DomainException.Invalid(
                    "Idempotency-Key must be 1 to " + MAX_IDEMPOTENCY_KEY_LENGTH + " characters");
        }
        return key;
    }

    public Optional<String> queryParameter(String name) {
        List<String> values = query.get(name);
        return values == null || values.isEmpty() ? Optional.empty() : Optional.of(values.get(values.size() - 1));
    }

    /** The scheme and host the client used, so links in responses point back where it called. */
    public String baseUrl() {
        String scheme = header("x-forwarded-proto").orElse("https");
        return scheme + "://" + header("host").orElse("localhost");
    }

    /**
     * A 400 for a raw path whose percent-encoding is malformed ({@code /v1/Events/%zz}): API Gateway passes the path
     * as the client sent it, and such a path names nothing.
     */
    static void checkPathEncoding(String rawPath) {
        if (MALFORMED_ESCAPE.matcher(rawPath).find()) {
            throw malformed("path");
        }
    }

    /**
     * Parses {@code a=1&b=2} (a query string or a form body), keeping every value of a repeated name; a 400 when its
     * percent-encoding is malformed, rather than a value read some other way than the client meant.
     */
    public static Map<String, List<String>> parseForm(String encoded) {
        Map<String, List<String>> values = new LinkedHashMap<>();
        if (encoded == null || encoded.isEmpty()) {
            return values;
        }
        for (String pair : encoded.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int equals = pair.indexOf('=');
            String name = decode(equals < 0 ? pair : pair.substring(0, equals));
            String value = equals < 0 ? "" : decode(pair.substring(equals + 1));
            values.computeIfAbsent(name, key -> new ArrayList<>()).add(value);
        }
        return values;
    }

    private static String decode(String text) {
        try {
            return URLDecoder.decode(text, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException malformed) {
            throw malformed("query string or form body");
        }
    }

    private static DomainException.Invalid malformed(String part) {
        return new DomainException.Invalid(
                "The request's " + part + " has malformed percent-encoding: a % must be followed by two hex digits");
    }
}
