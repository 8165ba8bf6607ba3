package dev.monitor.contract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.monitor.alarms.Alarm;
import dev.monitor.alarms.AlarmStore;
import dev.monitor.alarms.Firing;
import dev.monitor.alarms.QueryType;
import dev.monitor.alarms.TimePeriod;
import dev.monitor.alarms.TimeWindow;
import dev.monitor.alarms.Window;
import dev.monitor.audit.AuditEvent;
import dev.monitor.audit.ChangedMeanwhile;
import dev.monitor.audit.MonitorEventTypes;
import dev.monitor.crypto.Secrets;
import dev.monitor.dynamo.alarms.DynamoAlarmStore;
import dev.monitor.dynamo.events.DynamoEventStore;
import dev.monitor.events.EventStore;
import dev.monitor.ids.Sids;
import dev.monitor.ids.TimeOrderedSids;
import dev.monitor.notify.NotificationJob;
import dev.monitor.testing.InMemoryStores;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * What every {@link AlarmStore} does, on DynamoDB Local and in memory alike. The firings' windows lie in 2100, so
 * that the stack's own resolution check, which reads the firings due now, never takes them.
 */
class AlarmStoreContractTest {
    private static final Instant NOW = Instant.parse("2026-11-25T12:00:00Z");
    private static final Instant FUTURE = Instant.parse("2100-01-01T00:00:00Z");
    private static final TimeOrderedSids SIDS = new TimeOrderedSids("AK", 1);

    /** The alarms, and the events their changes write. */
    record Stores(String name, AlarmStore alarms, EventStore events) {
        @Override
        public String toString() {
            return name;
        }
    }

    static List<Stores> implementations() {
        InMemoryStores.Events log = new InMemoryStores.Events();
        return List.of(
                new Stores(
                        "DynamoDB Local",
                        new DynamoAlarmStore(StackTable.dynamo(), StackTable.NAME),
                        new DynamoEventStore(StackTable.dynamo(), StackTable.NAME)),
                new Stores("in memory", new InMemoryStores.Alarms(log), log));
    }

    private final String account = Sids.random("AC");
    private Instant created = NOW;

    /** A new alarm, each created a millisecond after the one before, as its Sid says. */
    private Alarm alarm(String name) {
        created = created.plusMillis(1);
        return new Alarm(
                SIDS.of(created, Secrets.randomBytes(10)),
                account,
                name,
                "a description",
                QueryType.ERROR_CODE,
                Optional.of("11200"),
                5,
                Optional.of(TimeWindow.FIVE_MINS),
                Optional.empty(),
                List.of("ops@example.com", "dev@example.com"),
                Optional.of("https://hooks.example.com/alarm"),
                true,
                false,
                true,
                Optional.of(NOW.plus(Duration.ofHours(1))),
                created,
                created);
    }

    private static Firing firing(Alarm alarm, Window window, long count) {
        return new Firing(
                alarm.sid(),
                alarm.accountSid(),
                window,
                count,
                alarm.triggerValue(),
                window.start().plusSeconds(30),
                List.of(new Firing.Notification(
                        NotificationJob.Channel.WEBHOOK, alarm.webhook().orElseThrow(), "NJ" + Secrets.randomHex(16))),
                false,
                Optional.empty());
    }

    private static Window fiveMinutes(int index) {
        return TimeWindow.FIVE_MINS.windowOf(FUTURE.plus(Duration.ofMinutes(5L * index)));
    }

    @ContractTest
    void aCreatedAlarmIsFoundByItsAccountWithItsEvent(Stores on) {
        Alarm alarm = alarm("HTTP failures");
        List<AuditEvent> creating = AuditEvents.of(account, MonitorEventTypes.ALARM_CREATED, alarm.sid(), NOW);
        on.alarms().create(alarm, 10, creating);
        assertEquals(Optional.of(alarm), on.alarms().find(account, alarm.sid()));
        assertTrue(AuditEvents.written(on.events(), creating));
        assertEquals(Optional.empty(), on.alarms().find(Sids.random("AC"), alarm.sid()));

        Alarm calendar = new Alarm(
                SIDS.of(NOW.plusSeconds(1), Secrets.randomBytes(10)),
                account,
                "Daily",
                "",
                QueryType.ALL,
                Optional.empty(),
                100,
                Optional.empty(),
                Optional.of(TimePeriod.DAILY),
                List.of(),
                Optional.empty(),
                false,
                true,
                false,
                Optional.empty(),
                NOW,
                NOW);
        on.alarms().create(calendar, 10, List.of());
        assertEquals(Optional.of(calendar), on.alarms().find(account, calendar.sid()));
    }

    @ContractTest
    void anAccountHoldsAtMostItsLimitAndADeletedAlarmMakesRoom(Stores on) {
        Alarm first = alarm("First");
        on.alarms().create(first, 2, List.of());
        on.alarms().create(alarm("Second"), 2, List.of());
        Alarm third = alarm("Third");
        List<AuditEvent> refused = AuditEvents.of(account, MonitorEventTypes.ALARM_CREATED, third.sid(), NOW);
        assertThrows(AlarmStore.LimitReached.class, () -> on.alarms().create(third, 2, refused));
        assertFalse(AuditEvents.written(on.events(), refused));
        assertEquals(Optional.empty(), on.alarms().find(account, third.sid()));

        List<AuditEvent> deleting = AuditEvents.of(account, MonitorEventTypes.ALARM_DELETED, first.sid(), NOW);
        assertTrue(on.alarms().delete(account, first.sid(), deleting));
        assertTrue(AuditEvents.written(on.events(), deleting));
        assertFalse(on.alarms().delete(account, first.sid(), List.of()));
        on.alarms().create(third, 2, List.of());
        assertEquals(2, on.alarms().all(account).size());
    }

    @ContractTest
    void anUpdatePutsTheAlarmOnConditionOfTheDateItReplaces(Stores on) {
        Alarm alarm = alarm("HTTP failures");
        on.alarms().create(alarm, 10, List.of());
        Instant later = NOW.plusSeconds(60);
        Alarm disabled = alarm.withEnabled(false, later);
        List<AuditEvent> updating = AuditEvents.of(account, MonitorEventTypes.ALARM_UPDATED, alarm.sid(), later);
        on.alarms().update(disabled, alarm.dateUpdated(), updating);
        assertEquals(Optional.of(disabled), on.alarms().find(account, alarm.sid()));
        assertTrue(AuditEvents.written(on.events(), updating));

        List<AuditEvent> stale =
                AuditEvents.of(account, MonitorEventTypes.ALARM_UPDATED, alarm.sid(), later.plusSeconds(1));
        assertThrows(
                ChangedMeanwhile.class,
                () -> on.alarms().update(alarm.withEnabled(true, later.plusSeconds(1)), alarm.dateUpdated(), stale));
        assertFalse(AuditEvents.written(on.events(), stale));
        assertEquals(Optional.of(disabled), on.alarms().find(account, alarm.sid()));
        Alarm gone = alarm("Gone");
        assertThrows(ChangedMeanwhile.class, () -> on.alarms().update(gone, gone.dateUpdated(), List.of()));
        assertEquals(Optional.empty(), on.alarms().find(account, gone.sid()));
    }

    @ContractTest
    void anAccountsAlarmsListInOrderOfCreationEitherWayInPages(Stores on) {
        List<String> sids = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            Alarm alarm = alarm("Alarm " + i);
            on.alarms().create(alarm, 10, List.of());
            sids.add(alarm.sid());
        }
        assertEquals(sids, Pages.all(Pages.walk(cursor -> on.alarms().list(account, true, 2, cursor), Alarm::sid, 2)));
        List<String> newestFirst = new ArrayList<>(sids);
        Collections.reverse(newestFirst);
        assertEquals(
                newestFirst,
                Pages.all(Pages.walk(cursor -> on.alarms().list(account, false, 2, cursor), Alarm::sid, 2)));
        assertEquals(sids, on.alarms().all(account).stream().map(Alarm::sid).toList());
        assertEquals(List.of(), on.alarms().all(Sids.random("AC")));
    }

    @ContractTest
    void anAlarmFiresOncePerWindowAndTheFirstClaimHolds(Stores on) {
        Alarm alarm = alarm("HTTP failures");
        Firing first = firing(alarm, fiveMinutes(0), 5);
        Firing next = firing(alarm, fiveMinutes(1), 7);
        assertEquals(
                List.of(first, next),
                on.alarms()
                        .claimFirings(List.of(
                                new AlarmStore.FiringClaim(first, false), new AlarmStore.FiringClaim(next, false))));
        Firing again = firing(alarm, fiveMinutes(0), 9);
        Firing third = firing(alarm, fiveMinutes(2), 6);
        assertEquals(
                List.of(first, third),
                on.alarms()
                        .claimFirings(List.of(
                                new AlarmStore.FiringClaim(again, false), new AlarmStore.FiringClaim(third, false))));
        assertEquals(List.of(first), on.alarms().claimFirings(List.of(new AlarmStore.FiringClaim(again, false))));

        on.alarms().markNotified(List.of(first, third));
        List<List<Firing>> pages =
                Pages.walk(cursor -> on.alarms().firings(alarm.sid(), 2, cursor), firing -> firing, 2);
        List<Firing> logged = Pages.all(pages);
        assertEquals(
                List.of(fiveMinutes(2), fiveMinutes(1), fiveMinutes(0)),
                logged.stream().map(Firing::window).toList(),
                "newest first");
        assertEquals(
                List.of(true, false, true),
                logged.stream().map(Firing::notified).toList());
        assertEquals(
                List.of(),
                on.alarms().firings(Sids.random("AK"), 2, Optional.empty()).items());
    }

    private Set<Window> awaiting(Stores on, Alarm alarm, TimeWindow kind, Instant before) {
        return on.alarms().awaitingResolution(kind, before).stream()
                .filter(firing -> firing.alarmSid().equals(alarm.sid()))
                .map(Firing::window)
                .collect(Collectors.toSet());
    }

    @ContractTest
    void aFiringThatAwaitsItsResolutionIsDueOnceItsWindowStartedAndUntilItsCheckIsDone(Stores on) {
        Alarm alarm = alarm("HTTP failures");
        Firing waiting = firing(alarm, fiveMinutes(0), 5);
        Firing later = firing(alarm, fiveMinutes(1), 5);
        Firing quiet = firing(alarm, fiveMinutes(2), 5);
        on.alarms()
                .claimFirings(List.of(
                        new AlarmStore.FiringClaim(waiting, true),
                        new AlarmStore.FiringClaim(later, true),
                        new AlarmStore.FiringClaim(quiet, false)));
        assertEquals(
                Set.of(),
                awaiting(on, alarm, TimeWindow.FIVE_MINS, fiveMinutes(0).start()));
        assertEquals(
                Set.of(fiveMinutes(0)),
                awaiting(on, alarm, TimeWindow.FIVE_MINS, fiveMinutes(1).start()));
        assertEquals(
                Set.of(fiveMinutes(0), fiveMinutes(1)),
                awaiting(on, alarm, TimeWindow.FIVE_MINS, fiveMinutes(10).start()));
        assertEquals(
                Set.of(),
                awaiting(on, alarm, TimeWindow.ONE_HOUR, fiveMinutes(10).start()),
                "another kind");

        on.alarms().stopAwaitingResolution(later);
        assertEquals(
                Set.of(fiveMinutes(0)),
                awaiting(on, alarm, TimeWindow.FIVE_MINS, fiveMinutes(10).start()));

        Window resolvedIn = fiveMinutes(1);
        Firing.Resolution resolution = new Firing.Resolution(
                resolvedIn,
                2,
                resolvedIn.end().plusSeconds(5),
                List.of(new Firing.Notification(
                        NotificationJob.Channel.EMAIL, "ops@example.com", "NJ" + Secrets.randomHex(16))),
                false);
        Firing resolved = on.alarms().claimResolution(waiting, resolution);
        assertEquals(Optional.of(resolution), resolved.resolution());
        Firing.Resolution another = new Firing.Resolution(resolvedIn, 3, resolvedIn.end(), List.of(), false);
        assertEquals(
                Optional.of(resolution),
                on.alarms().claimResolution(waiting, another).resolution());
        assertEquals(
                Set.of(fiveMinutes(0)),
                awaiting(on, alarm, TimeWindow.FIVE_MINS, fiveMinutes(10).start()));

        on.alarms().markResolutionNotified(resolved);
        assertEquals(
                Set.of(),
                awaiting(on, alarm, TimeWindow.FIVE_MINS, fiveMinutes(10).start()));
        Firing logged = on.alarms().firings(alarm.sid(), 50, Optional.empty()).items().stream()
                .filter(firing -> firing.window().equals(fiveMinutes(0)))
                .findFirst()
                .orElseThrow();
        assertTrue(logged.resolution().orElseThrow().notified());
        assertEquals(2, logged.resolution().orElseThrow().count());
    }
}
