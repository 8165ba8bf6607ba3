package dev.monitor.alarms;

import com.fasterxml.jackson.databind.JsonNode;
import dev.monitor.alerts.AlertParser;
import dev.monitor.alerts.LogLevel;
import dev.monitor.errors.DomainException;
import dev.monitor.errors.FieldError;
import dev.monitor.notify.WebhookTargets;
import dev.monitor.validation.Dates;
import dev.monitor.validation.EmailAddresses;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Reads the JSON body of {@code POST} and {@code PUT /v2/Alarms}, in Twilio Monitor v2's camelCase
 * names, plus this service's {@code timePeriod}, {@code sendResolved} and {@code mutedUntil}. Every
 * problem is named in one 400. Webhook URLs must pass the SSRF policy and email addresses must be
 * deliverable forms.
 */
public final class AlarmParser {
    public static final int MAX_FRIENDLY_NAME_LENGTH = 64;
    public static final int MAX_DESCRIPTION_LENGTH = 1024;
    public static final int MAX_EMAILS = 10;
    public static final long MAX_TRIGGER_VALUE = 1_000_000_000L;
    private static final Set<String> FIELDS = Set.of(
            "friendlyName",
            "description",
            "queryType",
            "query",
            "triggerValue",
            "timeWindow",
            "timePeriod",
            "email",
            "webhook",
            "sendResolved",
            "consoleIndicator",
            "enabled",
            "mutedUntil");
    /** What a client that read an alarm may send back unchanged; they are not the client's to set. */
    private static final Set<String> READ_ONLY =
            Set.of("sid", "alertConfigSid", "accountSid", "product", "dateCreated", "dateUpdated", "url");

    private final WebhookTargets webhookTargets;

    public AlarmParser(WebhookTargets webhookTargets) {
        this.webhookTargets = webhookTargets;
    }

    public AlarmSpec parse(JsonNode body) {
        if (body == null || !body.isObject()) {
            throw new DomainException.Invalid("The request body must be a JSON object");
        }
        List<FieldError> errors = new ArrayList<>();
        for (Iterator<String> names = body.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!FIELDS.contains(name) && !READ_ONLY.contains(name)) {
                errors.add(FieldError.of(name, "is not a known field"));
            }
        }
        String friendlyName = requiredText(body, "friendlyName", errors);
        if (friendlyName != null && (friendlyName.isBlank() || friendlyName.length() > MAX_FRIENDLY_NAME_LENGTH)) {
            errors.add(FieldError.of("friendlyName", "must be 1 to " + MAX_FRIENDLY_NAME_LENGTH + " characters"));
        }
        String description = optionalText(body, "description", errors).orElse("");
        if (description.length() > MAX_DESCRIPTION_LENGTH) {
            errors.add(FieldError.of("description", "must be at most " + MAX_DESCRIPTION_LENGTH + " characters"));
        }
        QueryType queryType = null;
        String queryTypeText = requiredText(body, "queryType", errors);
        if (queryTypeText != null) {
            try {
                queryType = QueryType.valueOf(queryTypeText);
            } catch (IllegalArgumentException e) {
                errors.add(FieldError.of(
                        "queryType", "must be one of ERROR_CODE, LOG_LEVEL, ALL (got '" + queryTypeText + "')"));
            }
        }
        Optional<String> query = optionalText(body, "query", errors).filter(text -> !text.isEmpty());
        if (queryType == QueryType.ERROR_CODE
                && query.filter(AlertParser.ERROR_CODE.asMatchPredicate()).isEmpty()) {
            errors.add(FieldError.of(
                    "query", "must be an error code's digits, such as 11200, when queryType is ERROR_CODE"));
        } else if (queryType == QueryType.LOG_LEVEL
                && query.flatMap(LogLevel::fromWire).isEmpty()) {
            errors.add(
                    FieldError.of("query", "must be one of " + LogLevel.wireNames() + " when queryType is LOG_LEVEL"));
        } else if (queryType == QueryType.ALL && query.isPresent()) {
            errors.add(FieldError.of("query", "must be empty when queryType is ALL"));
        }
        long triggerValue = 0;
        JsonNode trigger = body.get("triggerValue");
        if (trigger == null || trigger.isNull()) {
            errors.add(FieldError.of("triggerValue", "is required"));
        } else if (!trigger.isIntegralNumber() || trigger.longValue() < 1 || trigger.longValue() > MAX_TRIGGER_VALUE) {
            errors.add(FieldError.of("triggerValue", "must be a whole number from 1 to " + MAX_TRIGGER_VALUE));
        } else {
            triggerValue = trigger.longValue();
        }
        Optional<String> windowText = optionalText(body, "timeWindow", errors);
        Optional<String> periodText = optionalText(body, "timePeriod", errors);
        Optional<TimeWindow> timeWindow = windowText.flatMap(TimeWindow::fromWire);
        Optional<TimePeriod> timePeriod = periodText.flatMap(TimePeriod::fromWire);
        if (windowText.isPresent() && timeWindow.isEmpty()) {
            errors.add(FieldError.of(
                    "timeWindow", "must be one of FIVE_MINS, FIFTEEN_MINS, ONE_HOUR, TWELVE_HOURS, ONE_DAY"));
        }
        if (periodText.isPresent() && timePeriod.isEmpty()) {
            errors.add(FieldError.of("timePeriod", "must be one of daily, monthly, yearly"));
        }
        if (windowText.isPresent() == periodText.isPresent()) {
            errors.add(FieldError.of("timeWindow", "or timePeriod is required, and only one of them"));
        }
        List<String> email = emails(body.get("email"), errors);
        Optional<String> webhook = optionalText(body, "webhook", errors).filter(text -> !text.isEmpty());
        webhook.ifPresent(url -> {
            try {
                webhookTargets.check(url);
            } catch (WebhookTargets.RefusedTarget refused) {
                errors.add(FieldError.of("webhook", refused.getMessage()));
            }
        });
        boolean sendResolved = bool(body, "sendResolved", false, errors);
        if (sendResolved && periodText.isPresent()) {
            // Twilio's alert-trigger callback, which calendar periods send, has no resolved form.
            errors.add(FieldError.of("sendResolved", "is only for alarms with a timeWindow, not a timePeriod"));
        }
        boolean consoleIndicator = bool(body, "consoleIndicator", false, errors);
        boolean enabled = bool(body, "enabled", true, errors);
        Optional<String> mutedText = optionalText(body, "mutedUntil", errors);
        Optional<java.time.Instant> mutedUntil = mutedText.flatMap(Dates::isoDateTime);
        if (mutedText.isPresent() && mutedUntil.isEmpty()) {
            errors.add(FieldError.of(
                    "mutedUntil", "must be an ISO 8601 date and time with an offset, such as 2024-05-01T12:00:00Z"));
        }
        if (!errors.isEmpty()) {
            throw DomainException.Invalid.fields(errors);
        }
        return new AlarmSpec(
                friendlyName,
                description,
                queryType,
                query,
                triggerValue,
                timeWindow,
                timePeriod,
                email,
                webhook,
                sendResolved,
                consoleIndicator,
                enabled,
                mutedUntil);
    }

    /** {@code PUT /v2/Alarms/{Sid}/status}: {@code {"enabled": bool}}. */
    public static boolean parseStatus(JsonNode body) {
        if (body == null || !body.isObject() || !body.path("enabled").isBoolean() || body.size() != 1) {
            throw DomainException.Invalid.fields(
                    List.of(FieldError.of("enabled", "is required, alone, as true or false")));
        }
        return body.get("enabled").booleanValue();
    }

    private static List<String> emails(JsonNode value, List<FieldError> errors) {
        List<String> emails = new ArrayList<>();
        if (value == null || value.isNull()) {
            return emails;
        }
        if (!value.isArray() || value.size() > MAX_EMAILS) {
            errors.add(FieldError.of("email", "must be an array of at most " + MAX_EMAILS + " email addresses"));
            return emails;
        }
        for (JsonNode address : value) {
            if (!address.isTextual() || !EmailAddresses.isValid(address.textValue())) {
                errors.add(FieldError.of("email", "holds '" + address.asText() + "', which is not an email address"));
            } else if (!emails.contains(address.textValue())) {
                emails.add(address.textValue());
            }
        }
        return emails;
    }

    private static String requiredText(JsonNode body, String name, List<FieldError> errors) {
        JsonNode value = body.get(name);
        if (value == null || value.isNull()) {
            errors.add(FieldError.of(name, "is required"));
            return null;
        }
        if (!value.isTextual()) {
            errors.add(FieldError.of(name, "must be a string"));
            return null;
        }
        return value.textValue();
    }

    private static Optional<String> optionalText(JsonNode body, String name, List<FieldError> errors) {
        JsonNode value = body.get(name);
        if (value == null || value.isNull()) {
            return Optional.empty();
        }
        if (!value.isTextual()) {
            errors.add(FieldError.of(name, "must be a string"));
            return Optional.empty();
        }
        return Optional.of(value.textValue());
    }

    private static boolean bool(JsonNode body, String name, boolean fallback, List<FieldError> errors) {
        JsonNode value = body.get(name);
        if (value == null || value.isNull()) {
            return fallback;
        }
        if (!value.isBoolean()) {
            errors.add(FieldError.of(name, "must be true or false"));
            return fallback;
        }
        return value.booleanValue();
    }
}
