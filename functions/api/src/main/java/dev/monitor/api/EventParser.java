package dev.monitor.api;

import com.fasterxml.jackson.databind.JsonNode;
import dev.monitor.errors.DomainException;
import dev.monitor.errors.FieldError;
import dev.monitor.events.ConfigurationChange;
import dev.monitor.events.EventDraft;
import dev.monitor.events.EventsConfiguration;
import dev.monitor.ids.Sids;
import dev.monitor.jackson.Json;
import dev.monitor.json.RawJson;
import dev.monitor.validation.Dates;
import dev.monitor.validation.IpAddresses;
import java.nio.charset.StandardCharsets;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads the body of {@code POST /v1/Events}: one object or an array of up to 100. Every problem of
 * every item is collected, so one 400 names them all, and no item is stored unless all are valid.
 */
final class EventParser {
    static final int MAX_EVENT_DATA_BYTES = 32 * 1024;
    static final int MAX_DESCRIPTION_LENGTH = 1024;
    static final Pattern EVENT_TYPE = Pattern.compile("[a-z0-9]+(-[a-z0-9]+)*(\\.[a-z0-9]+(-[a-z0-9]+)*)+");
    private static final Pattern RESOURCE_TYPE = Pattern.compile("[a-z0-9]+(-[a-z0-9]+)*");
    private static final Pattern ACTOR_TYPE = Pattern.compile("[a-z][a-z0-9-]{0,63}");
    private static final Set<String> SOURCES = Set.of("api", "web", "twilio");
    private static final Set<String> FIELDS = Set.of(
            "account_sid",
            "event_type",
            "resource_type",
            "resource_sid",
            "actor_sid",
            "actor_type",
            "source",
            "source_ip_address",
            "event_date",
            "description",
            "event_data");

    private static final Set<String> CONFIGURATION_FIELDS = Set.of("disabled_event_types", "retention_days");

    private EventParser() {}

    static List<EventDraft> parse(JsonNode body) {
        return JsonBatch.parse(body, "events", FIELDS, EventParser::parseItem);
    }

    /** Reads the body of {@code POST /v1/Events/Configuration}. */
    static ConfigurationChange configurationChange(JsonNode body) {
        if (!body.isObject()) {
            throw new DomainException.Invalid("The request body must be a JSON object");
        }
        List<FieldError> errors = new ArrayList<>();
        JsonFields fields = new JsonFields(body, errors).refusingUnknown(CONFIGURATION_FIELDS);
        // Given as null is not left out: a client that sends it meant something, and nothing here is unset by null.
        if (body.path("retention_days").isNull()) {
            errors.add(FieldError.of(
                    "retention_days",
                    "must be a whole number of days from 1 to " + EventsConfiguration.MAX_RETENTION_DAYS
                            + ", not null"));
        }
        if (body.path("disabled_event_types").isNull()) {
            errors.add(FieldError.of(
                    "disabled_event_types", "must be a list of event types (empty to record every type), not null"));
        }
        Optional<Set<String>> disabled = fields.absent("disabled_event_types")
                ? Optional.empty()
                : Optional.of(Set.copyOf(fields.texts(
                        "disabled_event_types",
                        ConfigurationChange.MAX_DISABLED_EVENT_TYPES,
                        EventParser::isEventType,
                        "event types",
                        "an event type")));
        OptionalInt retention = fields.absent("retention_days")
                ? OptionalInt.empty()
                : fields.requiredWholeNumber("retention_days", 1, EventsConfiguration.MAX_RETENTION_DAYS).stream()
                        .mapToInt(Math::toIntExact)
                        .findFirst();
        if (!errors.isEmpty()) {
            throw DomainException.Invalid.fields(errors);
        }
        return new ConfigurationChange(disabled, retention);
    }

    static boolean isEventType(String value) {
        return value.length() <= 128 && EVENT_TYPE.matcher(value).matches();
    }

    private static EventDraft parseItem(JsonFields fields) {
        JsonNode item = fields.item();
        List<FieldError> errors = fields.errors();
        Optional<String> accountSid = Optional.ofNullable(fields.text(
                "account_sid",
                value -> Sids.isSid("AC", value),
                "must be an account Sid (AC followed by 32 hex digits)"));
        String eventType = fields.requiredText(
                "event_type",
                EventParser::isEventType,
                "must be <resource-type>.<action> in lowercase, such as phone-number.created");
        String resourceType = fields.text(
                "resource_type",
                value -> value.length() <= 64 && RESOURCE_TYPE.matcher(value).matches(),
                "must be lowercase words joined by hyphens");
        if (resourceType == null && eventType != null) {
            resourceType = eventType.substring(0, eventType.indexOf('.'));
        }
        String resourceSid =
                fields.text("resource_sid", Sids::isSid, "must be a Sid (two capital letters and 32 hex digits)");
        String actorSid =
                fields.text("actor_sid", Sids::isSid, "must be a Sid (two capital letters and 32 hex digits)");
        String actorType = fields.text(
                "actor_type",
                value -> ACTOR_TYPE.matcher(value).matches(),
                "must be a lowercase word such as user, account or api-key");
        String source = fields.text("source", SOURCES::contains, "must be one of api, web, twilio");
        String ip = fields.text(
                "source_ip_address",
                value -> IpAddresses.canonical(value).isPresent(),
                "must be an IPv4 or IPv6 address");
        String eventDate = fields.text(
                "event_date",
                value -> Dates.isoDateTime(value).isPresent(),
                "must be an ISO 8601 date and time with an offset, such as 2024-05-01T12:00:00Z");
        String description = fields.text(
                "description",
                value -> value.length() <= MAX_DESCRIPTION_LENGTH,
                "must be at most " + MAX_DESCRIPTION_LENGTH + " characters");
        RawJson eventData = null;
        JsonNode data = item.get("event_data");
        if (data != null && !data.isNull()) {
            if (!data.isObject()) {
                errors.add(FieldError.of("event_data", "must be a JSON object"));
            } else {
                RawJson written = Json.raw(data);
                if (written.text().getBytes(StandardCharsets.UTF_8).length > MAX_EVENT_DATA_BYTES) {
                    errors.add(
                            FieldError.of("event_data", "must be at most " + MAX_EVENT_DATA_BYTES + " bytes of JSON"));
                } else {
                    eventData = written;
                }
            }
        }
        return new EventDraft(
                accountSid,
                eventType,
                resourceType,
                resourceSid,
                actorSid,
                actorType,
                source,
                ip == null ? null : IpAddresses.canonical(ip).orElseThrow(),
                Optional.ofNullable(eventDate)
                        .flatMap(Dates::isoDateTime)
                        .map(date -> date.truncatedTo(ChronoUnit.MILLIS)),
                description,
                eventData);
    }
}
