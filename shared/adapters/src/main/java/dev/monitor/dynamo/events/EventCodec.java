package dev.monitor.dynamo.events;

import static dev.monitor.dynamo.Attributes.n;
import static dev.monitor.dynamo.Attributes.s;

import dev.monitor.dynamo.Attributes;
import dev.monitor.dynamo.FilterDimension;
import dev.monitor.dynamo.FilterIndex;
import dev.monitor.dynamo.TimelineCodec;
import dev.monitor.dynamo.TimelineKeys;
import dev.monitor.events.Event;
import dev.monitor.events.EventFilter;
import dev.monitor.json.RawJson;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The event item: an account's log lies under {@code EV#<account>#<shard>} in the table, and each
 * of gsi1..gsi4 holds it again under one filter's value (actor, event type, resource, source IP).
 */
public final class EventCodec extends TimelineCodec<Event, EventFilter> {
    public static final TimelineKeys KEYS = new TimelineKeys("EV#", Event.SIDS);

    /** Most selective first (docs/data-model.md, "Reading"). */
    private static final List<FilterDimension<Event, EventFilter>> DIMENSIONS = List.of(
            new FilterDimension<>(
                    new FilterIndex("gsi3", "g3pk", "R", "resource_sid"), Event::resourceSid, EventFilter::resourceSid),
            new FilterDimension<>(
                    new FilterIndex("gsi1", "g1pk", "A", "actor_sid"), Event::actorSid, EventFilter::actorSid),
            new FilterDimension<>(
                    new FilterIndex("gsi4", "g4pk", "I", "source_ip_address"),
                    Event::sourceIpAddress,
                    EventFilter::sourceIpAddress),
            new FilterDimension<>(
                    new FilterIndex("gsi2", "g2pk", "T", "event_type"), Event::eventType, EventFilter::eventType));

    public EventCodec() {
        super(KEYS, DIMENSIONS);
    }

    @Override
    public Map<String, AttributeValue> encode(Event event, Instant expiresAt) {
        Map<String, AttributeValue> item =
                KEYS.itemKeys(event.accountSid(), event.sid(), FilterDimension.valuesIn(DIMENSIONS, event));
        item.put(TimelineKeys.ACCOUNT_SID, s(event.accountSid()));
        item.put("event_type", s(event.eventType()));
        item.put("resource_type", s(event.resourceType()));
        Attributes.putIfPresent(item, "resource_sid", event.resourceSid());
        Attributes.putIfPresent(item, "actor_sid", event.actorSid());
        Attributes.putIfPresent(item, "actor_type", event.actorType());
        Attributes.putIfPresent(item, "source", event.source());
        Attributes.putIfPresent(item, "source_ip_address", event.sourceIpAddress());
        item.put("event_date", s(event.eventDate().toString()));
        Attributes.putIfPresent(item, "description", event.description());
        if (event.eventData() != null) {
            item.put("event_data", s(event.eventData().text()));
        }
        item.put(EXPIRES_AT, n(expiresAt.getEpochSecond()));
        return item;
    }

    @Override
    public Event decode(Map<String, AttributeValue> item) {
        return new Event(
                Attributes.string(item, "sk"),
                Attributes.string(item, TimelineKeys.ACCOUNT_SID),
                Attributes.string(item, "event_type"),
                Attributes.string(item, "resource_type"),
                Attributes.stringOrNull(item, "resource_sid"),
                Attributes.stringOrNull(item, "actor_sid"),
                Attributes.stringOrNull(item, "actor_type"),
                Attributes.stringOrNull(item, "source"),
                Attributes.stringOrNull(item, "source_ip_address"),
                Attributes.instant(item, "event_date"),
                Attributes.stringOrNull(item, "description"),
                Attributes.optionalString(item, "event_data").map(RawJson::new).orElse(null));
    }
}
