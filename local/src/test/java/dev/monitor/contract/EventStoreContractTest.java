package dev.monitor.contract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.monitor.audit.AuditEvent;
import dev.monitor.audit.ChangedMeanwhile;
import dev.monitor.audit.MonitorEventTypes;
import dev.monitor.crypto.Secrets;
import dev.monitor.dynamo.events.DynamoEventStore;
import dev.monitor.events.Event;
import dev.monitor.events.EventFilter;
import dev.monitor.events.EventStore;
import dev.monitor.events.EventsConfiguration;
import dev.monitor.ids.Sids;
import dev.monitor.testing.InMemoryStores;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;

/**
 * What every {@link EventStore} does, on DynamoDB Local and in memory alike: an account's events on its timeline, and
 * its events configuration.
 */
class EventStoreContractTest {
    private static final Instant NOW = Instant.parse("2026-11-25T12:00:00Z");
    private static final Instant KEPT = NOW.plus(Duration.ofDays(30));
    private static final String USER = "US" + "1".repeat(32);
    private static final String RESOURCE = "CA" + "2".repeat(32);
    private static final EventFilter ALL = new EventFilter(
            Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());

    record Stores(String name, EventStore events) {
        @Override
        public String toString() {
            return name;
        }
    }

    static List<Stores> implementations() {
        return List.of(
                new Stores("DynamoDB Local", new DynamoEventStore(StackTable.dynamo(), StackTable.NAME)),
                new Stores("in memory", new InMemoryStores.Events()));
    }

    private final String account = Sids.random("AC");

    private static Event event(
            String accountSid, String type, String actorSid, String resourceSid, String ip, Instant date) {
        return new Event(
                Event.SIDS.of(date, Secrets.randomBytes(10)),
                accountSid,
                type,
                type.substring(0, type.indexOf('.')),
                resourceSid,
                actorSid,
                actorSid == null ? null : "user",
                "api",
                ip,
                date,
                "Something happened",
                null);
    }

    private void put(Stores on, List<Event> events) {
        on.events().putAll(events, events.stream().map(event -> KEPT).toList());
    }

    private List<String> listed(Stores on, EventFilter filter) {
        return Pages.all(Pages.walk(cursor -> on.events().list(account, filter, NOW, 2, cursor), Event::sid, 2));
    }

    @ContractTest
    void aStoredEventIsFoundByItsAccountAsItWasAndWritingItAgainIsHarmless(Stores on) {
        Event event = event(account, "user.login", USER, RESOURCE, "192.0.2.1", NOW.minusSeconds(5));
        put(on, List.of(event));
        put(on, List.of(event));
        assertEquals(Optional.of(event), on.events().find(account, event.sid(), NOW));
        assertEquals(Optional.empty(), on.events().find(Sids.random("AC"), event.sid(), NOW));
        assertEquals(List.of(event.sid()), listed(on, ALL));

        Event bare = event(account, "user.logout", null, null, null, NOW.minusSeconds(4));
        put(on, List.of(bare));
        assertEquals(Optional.of(bare), on.events().find(account, bare.sid(), NOW));
        AuditEvent audit = AuditEvents.of(account, MonitorEventTypes.ACCOUNT_UPDATED, account, NOW.minusSeconds(3))
                .get(0);
        Event monitors = Event.of(audit);
        on.events().putAll(List.of(monitors), List.of(audit.expiresAt()));
        Event found = on.events().find(account, monitors.sid(), NOW).orElseThrow();
        assertEquals(monitors.eventData().toString(), found.eventData().toString());
        assertEquals(monitors.description(), found.description());
    }

    @ContractTest
    void anEventIsGoneOnceItsOwnInstantHasCome(Stores on) {
        Event event = event(account, "user.login", USER, RESOURCE, "192.0.2.1", NOW.minusSeconds(5));
        on.events().putAll(List.of(event), List.of(NOW.plusSeconds(60)));
        assertEquals(Optional.of(event), on.events().find(account, event.sid(), NOW.plusSeconds(59)));
        assertEquals(Optional.empty(), on.events().find(account, event.sid(), NOW.plusSeconds(60)));
        assertEquals(
                List.of(),
                on.events()
                        .list(account, ALL, NOW.plusSeconds(60), 50, Optional.empty())
                        .items());
    }

    @ContractTest
    void anAccountsEventsListNewestFirstInPagesBothWaysByEveryFilter(Stores on) {
        List<Event> events = new ArrayList<>();
        for (int i = 0; i < 9; i++) {
            events.add(event(
                    account,
                    i % 3 == 0 ? "user.login" : "call.completed",
                    i % 2 == 0 ? USER : null,
                    i < 4 ? RESOURCE : null,
                    i % 4 == 0 ? "192.0.2.7" : "198.51.100.2",
                    NOW.minus(Duration.ofMinutes(10L * i))));
        }
        put(on, events);
        put(on, List.of(event(Sids.random("AC"), "user.login", USER, RESOURCE, "192.0.2.7", NOW)));

        assertEquals(sidsOf(events, event -> true), listed(on, ALL));
        assertEquals(
                sidsOf(events, event -> event.eventType().equals("user.login")),
                listed(on, filter(Optional.empty(), Optional.of("user.login"), Optional.empty(), Optional.empty())));
        assertEquals(
                sidsOf(events, event -> USER.equals(event.actorSid())),
                listed(on, filter(Optional.of(USER), Optional.empty(), Optional.empty(), Optional.empty())));
        assertEquals(
                sidsOf(events, event -> RESOURCE.equals(event.resourceSid())),
                listed(on, filter(Optional.empty(), Optional.empty(), Optional.of(RESOURCE), Optional.empty())));
        assertEquals(
                sidsOf(events, event -> event.sourceIpAddress().equals("192.0.2.7")),
                listed(on, filter(Optional.empty(), Optional.empty(), Optional.empty(), Optional.of("192.0.2.7"))));
        assertEquals(
                sidsOf(
                        events,
                        event -> USER.equals(event.actorSid())
                                && RESOURCE.equals(event.resourceSid())
                                && event.eventType().equals("call.completed")),
                listed(
                        on,
                        filter(
                                Optional.of(USER),
                                Optional.of("call.completed"),
                                Optional.of(RESOURCE),
                                Optional.empty())));
        Instant start = events.get(6).eventDate();
        Instant end = events.get(2).eventDate();
        assertEquals(
                sidsOf(
                        events,
                        event -> !event.eventDate().isBefore(start)
                                && !event.eventDate().isAfter(end)),
                listed(
                        on,
                        new EventFilter(
                                Optional.empty(),
                                Optional.empty(),
                                Optional.empty(),
                                Optional.empty(),
                                Optional.of(start),
                                Optional.of(end))));
    }

    private static EventFilter filter(
            Optional<String> actor, Optional<String> type, Optional<String> resource, Optional<String> ip) {
        return new EventFilter(actor, type, resource, ip, Optional.empty(), Optional.empty());
    }

    private static List<String> sidsOf(List<Event> events, Predicate<Event> kept) {
        return events.stream()
                .filter(kept)
                .sorted(Comparator.comparing(Event::sid).reversed())
                .map(Event::sid)
                .toList();
    }

    @ContractTest
    void anAccountsConfigurationIsTheDefaultUntilChangedAndEachChangeOnConditionWithItsEvents(Stores on) {
        assertEquals(EventsConfiguration.DEFAULT, on.events().configuration(account));
        EventsConfiguration first =
                EventsConfiguration.of(Set.of("user.login", "call.completed"), 90, Optional.of(NOW));
        List<AuditEvent> changing =
                AuditEvents.of(account, MonitorEventTypes.EVENTS_CONFIGURATION_UPDATED, account, NOW);
        on.events().configure(account, Optional.empty(), first, changing);
        assertEquals(first, on.events().configuration(account));
        assertTrue(AuditEvents.written(on.events(), changing));

        EventsConfiguration stale = EventsConfiguration.of(Set.of(), 7, Optional.of(NOW.plusSeconds(1)));
        List<AuditEvent> refused =
                AuditEvents.of(account, MonitorEventTypes.EVENTS_CONFIGURATION_UPDATED, account, NOW.plusSeconds(1));
        assertThrows(ChangedMeanwhile.class, () -> on.events().configure(account, Optional.empty(), stale, refused));
        assertFalse(AuditEvents.written(on.events(), refused));
        assertEquals(first, on.events().configuration(account));

        EventsConfiguration none = EventsConfiguration.of(Set.of(), 30, Optional.of(NOW.plusSeconds(2)));
        on.events().configure(account, Optional.of(NOW), none, List.of());
        assertEquals(none, on.events().configuration(account));
        assertEquals(EventsConfiguration.DEFAULT, on.events().configuration(Sids.random("AC")));
    }
}
