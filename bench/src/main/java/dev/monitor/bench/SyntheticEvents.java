package dev.monitor.bench;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.monitor.events.EventTypes;
import dev.monitor.jackson.Json;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.IntFunction;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * A realistic mix of events, the same on every run (fixed seeds): users act on resources from a pool of IP addresses,
 * and a resource's events are of its own type's kinds (a phone number is created, updated, deleted). Apart from that,
 * each event's actor, resource and address are drawn uniformly.
 */
final class SyntheticEvents {
    /** {@code eventDate} null: the api dates the event when it receives it. */
    record SyntheticEvent(
            String eventType, String resourceSid, String actorSid, String sourceIpAddress, Instant eventDate) {}

    /** Six resource types with 20 event types between them, each with its Sid prefix. */
    private static final Map<String, String> SID_PREFIXES = Map.of(
            "phone-number",
            "PN",
            "application",
            "AP",
            "api-key",
            "SK",
            "user",
            "US",
            "alarm",
            "AL",
            "usage-trigger",
            "UT");

    private static final List<EventTypes.EventType> EVENT_TYPES = EventTypes.ALL.stream()
            .filter(type -> SID_PREFIXES.containsKey(type.resourceType()))
            .toList();
    private static final Map<String, String> DESCRIPTIONS = EVENT_TYPES.stream()
            .collect(Collectors.toMap(EventTypes.EventType::eventType, EventTypes.EventType::description));

    private record Resource(String sid, List<EventTypes.EventType> eventTypes) {}

    private final Random random;
    private final List<String> actorSids;
    private final List<Resource> resources;
    private final List<String> sourceIpAddresses;

    SyntheticEvents(long seed, int actors, int resourceCount, int addresses) {
        this.random = new Random(seed);
        List<String> resourceTypes = EVENT_TYPES.stream()
                .map(EventTypes.EventType::resourceType)
                .distinct()
                .toList();
        this.actorSids = list(actors, i -> sid("US"));
        this.resources = list(resourceCount, i -> {
            String type = resourceTypes.get(i % resourceTypes.size());
            return new Resource(
                    sid(SID_PREFIXES.get(type)),
                    EVENT_TYPES.stream()
                            .filter(eventType -> eventType.resourceType().equals(type))
                            .toList());
        });
        this.sourceIpAddresses = list(addresses, i -> "203.0.113." + (i + 1));
    }

    static int eventTypeCount() {
        return EVENT_TYPES.size();
    }

    SyntheticEvent next(Instant eventDate) {
        Resource resource = resources.get(random.nextInt(resources.size()));
        return new SyntheticEvent(
                resource.eventTypes()
                        .get(random.nextInt(resource.eventTypes().size()))
                        .eventType(),
                resource.sid(),
                actorSids.get(random.nextInt(actorSids.size())),
                sourceIpAddresses.get(random.nextInt(sourceIpAddresses.size())),
                eventDate);
    }

    /** The body of {@code POST /v1/Events}, as a platform's services would send it. */
    static String jsonArray(List<SyntheticEvent> events) {
        ArrayNode array = Json.array();
        for (SyntheticEvent event : events) {
            ObjectNode json = array.addObject();
            json.put("event_type", event.eventType());
            json.put("resource_sid", event.resourceSid());
            json.put("actor_sid", event.actorSid());
            json.put("actor_type", "user");
            json.put("source", "api");
            json.put("source_ip_address", event.sourceIpAddress());
            json.put("description", DESCRIPTIONS.get(event.eventType()));
            json.putObject("event_data")
                    .put("resource_sid", event.resourceSid())
                    .put("request_id", "RQ" + event.resourceSid().substring(2));
            if (event.eventDate() != null) {
                json.put("event_date", event.eventDate().toString());
            }
        }
        return Json.write(array);
    }

    private String sid(String prefix) {
        byte[] bytes = new byte[16];
        random.nextBytes(bytes);
        return prefix + HexFormat.of().formatHex(bytes);
    }

    private static <T> List<T> list(int count, IntFunction<T> element) {
        return IntStream.range(0, count).mapToObj(element).toList();
    }
}
