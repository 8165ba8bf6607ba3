package dev.monitor.events;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.monitor.accounts.Account;
import dev.monitor.accounts.AccountService;
import dev.monitor.accounts.Caller;
import dev.monitor.audit.Actor;
import dev.monitor.audit.MonitorEventTypes;
import dev.monitor.errors.DomainException;
import dev.monitor.testing.InMemoryStores;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Recording, reading and configuring events, on in-memory stores: the rules, without DynamoDB. */
class EventServiceTest {
    private static final Instant NOW = Instant.parse("2026-11-25T12:00:00Z");

    private final Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
    private final AccountService accounts = InMemoryStores.accounts(clock);
    private final InMemoryStores.Events store = new InMemoryStores.Events();
    private final EventService events =
            new EventService(store, accounts, new InMemoryStores.Idempotency(), InMemoryStores.audit(store), clock);
    private final Account account =
            accounts.createMainAccount(InMemoryStores.OPERATOR, "Acme").account();
    private final Actor actor = InMemoryStores.actorOf(account);
    private final Caller caller = new Caller.AccountCaller(account);

    private static EventDraft draft(String eventType, Optional<Instant> date) {
        return new EventDraft(Optional.empty(), eventType, "user", null, null, null, null, null, date, null, null);
    }

    @Test
    void aRecordedEventIsListedAndFetchedByItsAccountOnly() {
        Event event = events.record(caller, List.of(draft("user.login", Optional.empty())), Optional.empty())
                .get(0)
                .event();
        assertEquals(NOW, event.eventDate());
        assertEquals(event, events.fetch(account, event.sid()));
        Account other =
                accounts.createMainAccount(InMemoryStores.OPERATOR, "Other").account();
        assertThrows(DomainException.NotFound.class, () -> events.fetch(other, event.sid()));
        EventFilter all = new EventFilter(
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                Optional.empty());
        assertEquals(
                List.of(event), events.list(account, all, 50, Optional.empty()).items());
        assertTrue(events.list(other, all, 50, Optional.empty()).items().isEmpty());
    }

    @Test
    void aRepeatedIdempotencyKeyAnswersTheSameEventsAndStoresNothingNew() {
        List<EventDraft> batch = List.of(draft("user.login", Optional.empty()), draft("user.logout", Optional.empty()));
        List<RecordedEvent> first = events.record(caller, batch, Optional.of("key-1"));
        List<RecordedEvent> again = events.record(caller, batch, Optional.of("key-1"));
        assertEquals(first, again);
        assertEquals(2, store.size());
        assertThrows(
                DomainException.Conflict.class,
                () -> events.record(caller, List.of(draft("user.login", Optional.empty())), Optional.of("key-1")));
    }

    @Test
    void aDisabledEventTypeIsAnsweredButNotKept() {
        events.configure(
                account, actor, new ConfigurationChange(Optional.of(Set.of("user.login")), OptionalInt.empty()));
        List<RecordedEvent> recorded = events.record(
                caller,
                List.of(draft("user.login", Optional.empty()), draft("user.logout", Optional.empty())),
                Optional.empty());
        assertFalse(recorded.get(0).stored());
        assertTrue(recorded.get(1).stored());
        assertEquals(List.of(MonitorEventTypes.EVENTS_CONFIGURATION_UPDATED, "user.logout"), eventTypes());
    }

    @Test
    void datesInTheFutureOrBeforeTheRetentionAreRefusedAndNothingIsKept() {
        Instant tooLate = NOW.plus(EventService.ALLOWED_CLOCK_SKEW).plusSeconds(1);
        Instant tooEarly = NOW.minus(Duration.ofDays(EventsConfiguration.DEFAULT_RETENTION_DAYS + 1));
        DomainException.Invalid refused = assertThrows(
                DomainException.Invalid.class,
                () -> events.record(
                        caller,
                        List.of(
                                draft("user.login", Optional.of(NOW)),
                                draft("user.login", Optional.of(tooLate)),
                                draft("user.login", Optional.of(tooEarly))),
                        Optional.empty()));
        assertEquals(2, refused.fieldErrors().size(), refused.getMessage());
        assertEquals(0, store.size());
    }

    @Test
    void aConfigurationChangeKeepsWhatItDoesNotName() {
        events.configure(
                account, actor, new ConfigurationChange(Optional.of(Set.of("user.login")), OptionalInt.empty()));
        EventsConfiguration changed =
                events.configure(account, actor, new ConfigurationChange(Optional.empty(), OptionalInt.of(90)));
        assertEquals(Set.of("user.login"), changed.disabledEventTypes());
        assertEquals(90, changed.retentionDays());
        assertEquals(changed, events.configuration(account));
    }

    @Test
    void aConfigurationChangeIsAnEventWithWhatItChangedAndWhoChangedItFromWhere() {
        events.configure(account, actor, new ConfigurationChange(Optional.empty(), OptionalInt.of(90)));
        Event logged = events.list(account, ALL, 50, Optional.empty()).items().get(0);
        assertEquals(MonitorEventTypes.EVENTS_CONFIGURATION_UPDATED, logged.eventType());
        assertEquals("events-configuration", logged.resourceType());
        assertEquals(account.sid(), logged.resourceSid());
        assertEquals(account.sid(), logged.actorSid());
        assertEquals("account", logged.actorType());
        assertEquals("api", logged.source());
        assertEquals("192.0.2.1", logged.sourceIpAddress());
        assertEquals(NOW, logged.eventDate());
        assertEquals(
                "{\"resource_properties\":{\"retention_days\":{\"previous\":\"30\",\"updated\":\"90\"}}}",
                logged.eventData().toString());
    }

    @Test
    void aChangeThatChangesNothingIsNoEvent() {
        events.configure(account, actor, new ConfigurationChange(Optional.empty(), OptionalInt.of(30)));
        events.configure(account, actor, new ConfigurationChange(Optional.of(Set.of()), OptionalInt.empty()));
        assertEquals(List.of(), eventTypes());
    }

    @Test
    void disablingTheConfigurationsOwnEventTypeIsLoggedAndTheChangesAfterItAreNot() {
        Set<String> disabled = Set.of(MonitorEventTypes.EVENTS_CONFIGURATION_UPDATED);
        events.configure(account, actor, new ConfigurationChange(Optional.of(disabled), OptionalInt.empty()));
        events.configure(account, actor, new ConfigurationChange(Optional.empty(), OptionalInt.of(60)));
        assertEquals(List.of(MonitorEventTypes.EVENTS_CONFIGURATION_UPDATED), eventTypes());
    }

    @Test
    void aShorterRetentionHidesOlderEventsAtOnce() {
        Event old = events.record(
                        caller,
                        List.of(draft("user.login", Optional.of(NOW.minus(Duration.ofDays(10))))),
                        Optional.empty())
                .get(0)
                .event();
        events.configure(account, actor, new ConfigurationChange(Optional.empty(), OptionalInt.of(7)));
        assertThrows(DomainException.NotFound.class, () -> events.fetch(account, old.sid()));
    }

    private static final EventFilter ALL = new EventFilter(
            Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());

    private List<String> eventTypes() {
        return events.list(account, ALL, 50, Optional.empty()).items().stream()
                .map(Event::eventType)
                .sorted()
                .toList();
    }
}
