package dev.monitor.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.monitor.errors.DomainException;
import dev.monitor.errors.FieldError;
import dev.monitor.events.EventDraft;
import dev.monitor.jackson.Json;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class EventParserTest {
    @Test
    void readsEveryFieldAndDefaultsTheResourceType() throws Exception {
        List<EventDraft> drafts = EventParser.parse(Json.parse("""
                {"event_type": "phone-number.created", "resource_sid": "PN0123456789abcdef0123456789abcdef",
                 "actor_sid": "US0123456789abcdef0123456789abcdef", "actor_type": "user", "source": "web",
                 "source_ip_address": "2001:DB8::0:1", "event_date": "2024-05-01T12:00:00+02:00",
                 "description": "Bought a number", "event_data": {"number": "+15005550006"}}"""));
        EventDraft draft = drafts.get(0);
        assertEquals("phone-number", draft.resourceType());
        assertEquals("2001:db8::1", draft.sourceIpAddress());
        assertEquals(Optional.of(Instant.parse("2024-05-01T10:00:00Z")), draft.eventDate());
        assertEquals("+15005550006", Json.node(draft.eventData()).get("number").asText());
    }

    @Test
    void namesEveryBadItemAndField() throws Exception {
        DomainException.Invalid error =
                assertThrows(DomainException.Invalid.class, () -> EventParser.parse(Json.parse("""
                [{"event_type": "a.b"},
                 {"event_type": "Not A Type", "source_ip_address": "300.1.1.1"},
                 {"event_type": "a.b", "colour": "red", "event_date": "yesterday"},
                 {"resource_sid": 12}]""")));
        List<FieldError> errors = error.fieldErrors();
        assertTrue(errors.contains(new FieldError(1, "event_type", errors.get(0).problem())), errors.toString());
        assertTrue(errors.stream().anyMatch(e -> e.index() == 1 && e.field().equals("source_ip_address")));
        assertTrue(errors.stream().anyMatch(e -> e.index() == 2 && e.field().equals("colour")));
        assertTrue(errors.stream().anyMatch(e -> e.index() == 2 && e.field().equals("event_date")));
        assertTrue(errors.stream()
                .anyMatch(e -> e.index() == 3
                        && e.field().equals("event_type")
                        && e.problem().equals("is required")));
        assertTrue(errors.stream()
                .anyMatch(e -> e.index() == 3
                        && e.field().equals("resource_sid")
                        && e.problem().equals("must be a string")));
        assertTrue(errors.stream().noneMatch(e -> e.index() == 0));
        assertTrue(error.getMessage().contains("item 2: colour is not a known field"), error.getMessage());
    }

    @Test
    void refusesEmptyOversizedAndNonObjectBodies() throws Exception {
        assertThrows(DomainException.Invalid.class, () -> EventParser.parse(Json.parse("[]")));
        assertThrows(DomainException.Invalid.class, () -> EventParser.parse(Json.parse("\"a.b\"")));
        StringBuilder many = new StringBuilder("[");
        for (int i = 0; i < 101; i++) {
            many.append(i == 0 ? "" : ",").append("{\"event_type\":\"a.b\"}");
        }
        DomainException.Invalid tooMany =
                assertThrows(DomainException.Invalid.class, () -> EventParser.parse(Json.parse(many + "]")));
        assertTrue(tooMany.getMessage().contains("101"));
    }
}
