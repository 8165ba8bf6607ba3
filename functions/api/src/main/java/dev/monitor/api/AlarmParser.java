package dev.monitor.api;

import com.fasterxml.jackson.databind.JsonNode;
import dev.monitor.alarms.AlarmSpec;
import dev.monitor.alarms.QueryType;
import dev.monitor.alarms.TimePeriod;
import dev.monitor.alarms.TimeWindow;
import dev.monitor.alerts.LogLevel;
import dev.monitor.errors.DomainException;
import dev.monitor.errors.FieldError;
import dev.monitor.notify.WebhookTargets;
import dev.monitor.validation.Dates;
import dev.monitor.validation.EmailAddresses;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Reads the JSON body of {@code POST} and {@code PUT /v2/Alarms}, in Twilio Monitor v2's camelCase
 * names, plus this service's {@code timePeriod}, {@code sendResolved} and {@code mutedUntil}. Every
 * problem is named in one 400. Webhook URLs must pass the SSRF policy and email addresses must be
 * deliverable forms.
 */
final class AlarmParser {
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

    private static final Set<String> KNOWN = union(FIELDS, READ_ONLY);
    private static final Set<String> QUERY_TYPES = Set.of("ERROR_CODE", "LOG_LEVEL", "ALL");

    private final WebhookTargets webhookTargets;

    AlarmParser(WebhookTargets webhookTargets) {
        this.webhookTargets = webhookTargets;
    }

    AlarmSpec parse(JsonNode body) {
        if (body == null || !body.isObject()) {
            throw new DomainException.Invalid("The request body must be a JSON object");
        }
        List<FieldError> errors = new ArrayList<>();
        JsonFields fields = new JsonFields(body, errors).refusingUnknown(KNOWN);
        String friendlyName = fields.requiredText(
                "friendlyName",
                name -> !name.isBlank() && name.length() <= MAX_FRIENDLY_NAME_LENGTH,
                "must be 1 to " + MAX_FRIENDLY_NAME_LENGTH + " characters");
        String description = Optional.ofNullable(fields.text(
                        "description",
                        text -> text.length() <= MAX_DESCRIPTION_LENGTH,
                        "must be at most " + MAX_DESCRIPTION_LENGTH + " characters"))
                .orElse("");
        QueryType queryType = Optional.ofNullable(fields.requiredText(
                        "queryType", QUERY_TYPES::contains, "must be one of ERROR_CODE, LOG_LEVEL, ALL"))
                .map(QueryType::valueOf)
                .orElse(null);
        Optional<String> query = fields.optionalText("query").filter(text -> !text.isEmpty());
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
        long triggerValue =
                fields.requiredWholeNumber("triggerValue", 1, MAX_TRIGGER_VALUE).orElse(0);
        Optional<String> windowText = fields.optionalText("timeWindow");
        Optional<String> periodText = fields.optionalText("timePeriod");
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
        List<String> email =
                fields.texts("email", MAX_EMAILS, EmailAddresses::isValid, "email addresses", "an email address");
        Optional<String> webhook = fields.optionalText("webhook").filter(text -> !text.isEmpty());
        webhook.ifPresent(url -> {
            try {
                webhookTargets.check(url);
            } catch (WebhookTargets.RefusedTarget refused) {
                errors.add(FieldError.of("webhook", refused.getMessage()));
            }
        });
        boolean sendResolved = fields.bool("sendResolved", false);
        if (sendResolved && periodText.isPresent()) {
            // Twilio's alert-trigger callback, which calendar periods send, has no resolved form.
            errors.add(FieldError.of("sendResolved", "is only for alarms with a timeWindow, not a timePeriod"));
        }
        boolean consoleIndicator = fields.bool("consoleIndicator", false);
        boolean enabled = fields.bool("enabled", true);
        Optional<Instant> mutedUntil = Optional.ofNullable(fields.text(
                        "mutedUntil",
                        text -> Dates.isoDateTime(text).isPresent(),
                        "must be an ISO 8601 date and time with an offset, such as 2024-05-01T12:00:00Z"))
                .flatMap(Dates::isoDateTime);
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
    static boolean parseStatus(JsonNode body) {
        if (body == null || !body.isObject() || !body.path("enabled").isBoolean() || body.size() != 1) {
            throw DomainException.Invalid.fields(
                    List.of(FieldError.of("enabled", "is required, alone, as true or false")));
        }
        return body.get("enabled").booleanValue();
    }

    private static Set<String> union(Set<String> first, Set<String> second) {
        Set<String> union = new HashSet<>(first);
        union.addAll(second);
        return Set.copyOf(union);
    }
}
