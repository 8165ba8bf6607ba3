package dev.monitor.api;

import com.fasterxml.jackson.databind.JsonNode;
import dev.monitor.alerts.AlertDraft;
import dev.monitor.alerts.LogLevel;
import dev.monitor.errors.FieldError;
import dev.monitor.ids.Sids;
import dev.monitor.validation.Dates;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * Reads the body of {@code POST /v1/Alerts}: one object or an array of up to 100, with the same
 * rules as events: every problem of every item is named in one 400, and nothing is stored unless
 * every item is valid.
 */
final class AlertParser {
    static final Pattern ERROR_CODE = Pattern.compile("[0-9]{1,10}");
    static final int MAX_TEXT_BYTES = 32 * 1024;
    private static final int MAX_URL_LENGTH = 2048;
    private static final Set<String> METHODS = Set.of("GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS");
    private static final Pattern API_VERSION = Pattern.compile("[A-Za-z0-9._-]{1,32}");
    private static final Set<String> FIELDS = Set.of(
            "account_sid",
            "error_code",
            "log_level",
            "alert_text",
            "resource_sid",
            "service_sid",
            "request_method",
            "request_url",
            "request_variables",
            "request_headers",
            "response_body",
            "response_headers",
            "api_version",
            "date_generated",
            "more_info");

    private AlertParser() {}

    static List<AlertDraft> parse(JsonNode body) {
        return JsonBatch.parse(body, "alerts", FIELDS, AlertParser::parseItem);
    }

    private static AlertDraft parseItem(JsonFields fields) {
        JsonNode item = fields.item();
        List<FieldError> errors = fields.errors();
        Optional<String> accountSid = Optional.ofNullable(fields.text(
                "account_sid",
                value -> Sids.isSid("AC", value),
                "must be an account Sid (AC followed by 32 hex digits)"));
        String errorCode = errorCode(item, errors);
        Optional<LogLevel> logLevel = Optional.ofNullable(fields.text(
                        "log_level",
                        value -> LogLevel.fromWire(value).isPresent(),
                        "must be one of " + LogLevel.wireNames()))
                .flatMap(LogLevel::fromWire);
        String alertText =
                fields.text("alert_text", fitsIn(MAX_TEXT_BYTES), "must be at most " + MAX_TEXT_BYTES + " bytes");
        String resourceSid =
                fields.text("resource_sid", Sids::isSid, "must be a Sid (two capital letters and 32 hex digits)");
        String serviceSid =
                fields.text("service_sid", Sids::isSid, "must be a Sid (two capital letters and 32 hex digits)");
        String requestMethod = fields.text(
                "request_method", METHODS::contains, "must be an HTTP method in capitals, such as GET or POST");
        String requestUrl = fields.text(
                "request_url",
                AlertParser::isHttpUrl,
                "must be an http or https URL of at most " + MAX_URL_LENGTH + " characters");
        String requestVariables = fields.text(
                "request_variables", fitsIn(MAX_TEXT_BYTES), "must be at most " + MAX_TEXT_BYTES + " bytes");
        String requestHeaders =
                fields.text("request_headers", fitsIn(MAX_TEXT_BYTES), "must be at most " + MAX_TEXT_BYTES + " bytes");
        String responseBody =
                fields.text("response_body", fitsIn(MAX_TEXT_BYTES), "must be at most " + MAX_TEXT_BYTES + " bytes");
        String responseHeaders =
                fields.text("response_headers", fitsIn(MAX_TEXT_BYTES), "must be at most " + MAX_TEXT_BYTES + " bytes");
        String apiVersion = fields.text(
                "api_version", value -> API_VERSION.matcher(value).matches(), "must be a version such as 2010-04-01");
        String dateGenerated = fields.text(
                "date_generated",
                value -> Dates.isoDateTime(value).isPresent(),
                "must be an ISO 8601 date and time with an offset, such as 2024-05-01T12:00:00Z");
        String moreInfo = fields.text("more_info", AlertParser::isHttpUrl, "must be an http or https URL");
        return new AlertDraft(
                accountSid,
                errorCode,
                logLevel,
                alertText,
                resourceSid,
                serviceSid,
                requestMethod,
                requestUrl,
                requestVariables,
                requestHeaders,
                responseBody,
                responseHeaders,
                apiVersion,
                Optional.ofNullable(dateGenerated).flatMap(Dates::isoDateTime),
                Optional.ofNullable(moreInfo));
    }

    /** Twilio's helper libraries and consoles show codes as strings; a JSON number is taken too. */
    private static String errorCode(JsonNode item, List<FieldError> errors) {
        JsonNode value = item.get("error_code");
        if (value == null || value.isNull()) {
            errors.add(FieldError.of("error_code", "is required"));
            return null;
        }
        String text = value.isIntegralNumber() && value.canConvertToLong()
                ? Long.toString(value.longValue())
                : value.isTextual() ? value.textValue() : null;
        if (text == null || !ERROR_CODE.matcher(text).matches()) {
            errors.add(FieldError.of("error_code", "must be the error code's digits, such as 11200"));
            return null;
        }
        return text;
    }

    private static Predicate<String> fitsIn(int bytes) {
        return value -> value.length() <= bytes && value.getBytes(StandardCharsets.UTF_8).length <= bytes;
    }

    private static boolean isHttpUrl(String value) {
        if (value.length() > MAX_URL_LENGTH) {
            return false;
        }
        try {
            URI uri = new URI(value);
            return uri.getHost() != null
                    && ("http".equalsIgnoreCase(uri.getScheme()) || "https".equalsIgnoreCase(uri.getScheme()));
        } catch (URISyntaxException e) {
            return false;
        }
    }
}
