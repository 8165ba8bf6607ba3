package dev.monitor.alarms;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.monitor.accounts.Account;
import dev.monitor.accounts.AccountService;
import dev.monitor.accounts.AccountStatus;
import dev.monitor.accounts.Caller;
import dev.monitor.alerts.CounterGranularity;
import dev.monitor.alerts.CounterStore;
import dev.monitor.alerts.LogLevel;
import dev.monitor.alerts.StreamedAlert;
import dev.monitor.audit.Actor;
import dev.monitor.audit.MonitorEventTypes;
import dev.monitor.errors.DomainException;
import dev.monitor.events.Event;
import dev.monitor.notify.NotificationJob;
import dev.monitor.paging.Page;
import dev.monitor.testing.InMemoryStores;
import dev.monitor.testing.TestAlarms;
import dev.monitor.testing.TestClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** An account's alarms, their logs and test notifications, on in-memory stores: the rules, without DynamoDB. */
class AlarmServiceTest {
    private static final Instant NOW = Instant.parse("2026-11-25T12:02:00Z");
    private static final String WEBHOOK = TestAlarms.WEBHOOK;

    private final TestClock clock = new TestClock(NOW);
    private final InMemoryStores.Events log = new InMemoryStores.Events();
    private final AccountService accounts = InMemoryStores.accounts(new InMemoryStores.Accounts(log), log, clock);
    private final InMemoryStores.Alarms store = new InMemoryStores.Alarms(log);
    private final InMemoryStores.Counters counters = new InMemoryStores.Counters();
    private final InMemoryStores.Disabled disabled = new InMemoryStores.Disabled();
    private final List<NotificationJob> queued = new ArrayList<>();
    private final AlarmService alarms = new AlarmService(
            store,
            new AlarmCounts(counters),
            new AlarmNotifications(Optional.empty()),
            queued::addAll,
            disabled,
            InMemoryStores.audit(log),
            clock);
    private final Account account =
            accounts.createMainAccount(InMemoryStores.OPERATOR, "Acme").account();
    private final Actor actor = InMemoryStores.actorOf(account);

    private Alarm create(String name) {
        return alarms.create(
                account,
                actor,
                TestAlarms.spec(name, QueryType.ERROR_CODE, Optional.of("11200"), 5, TimeWindow.FIVE_MINS));
    }

    private List<Event> alarmEvents() {
        return log.history(account.sid()).stream()
                .filter(event -> event.resourceType().equals("alarm"))
                .toList();
    }

    @Test
    void aNewAlarmIsFetchedByItsAccountOnlyAndItsCreationIsAnEventWithItsSettings() {
        Alarm alarm = create("HTTP failures");
        assertTrue(alarm.sid().matches("AK[0-9a-f]{32}"), alarm.sid());
        assertEquals(account.sid(), alarm.accountSid());
        assertEquals(NOW, alarm.dateCreated());
        assertEquals(alarm, alarms.fetch(account, alarm.sid()));
        Account other =
                accounts.createMainAccount(InMemoryStores.OPERATOR, "Other").account();
        DomainException.NotFound notFound =
                assertThrows(DomainException.NotFound.class, () -> alarms.fetch(other, alarm.sid()));
        assertEquals("The requested resource /Alarms/" + alarm.sid() + " was not found", notFound.getMessage());
        assertThrows(
                DomainException.NotFound.class, () -> alarms.delete(other, InMemoryStores.actorOf(other), alarm.sid()));
        assertThrows(
                DomainException.NotFound.class,
                () -> alarms.setEnabled(other, InMemoryStores.actorOf(other), alarm.sid(), false));
        assertThrows(
                DomainException.NotFound.class,
                () -> alarms.fetch(account, "AL" + alarm.sid().substring(2)));

        Event created = alarmEvents().get(0);
        assertEquals(MonitorEventTypes.ALARM_CREATED, created.eventType());
        assertEquals("Alarm 'HTTP failures' was created", created.description());
        assertEquals(alarm.sid(), created.resourceSid());
        assertEquals(
                "{\"resource_properties\":{\"friendly_name\":{\"updated\":\"HTTP failures\"},"
                        + "\"description\":{\"updated\":\"\"},\"query_type\":{\"updated\":\"ERROR_CODE\"},"
                        + "\"query\":{\"updated\":\"11200\"},\"trigger_value\":{\"updated\":\"5\"},"
                        + "\"time_window\":{\"updated\":\"FIVE_MINS\"},\"email\":{\"updated\":\"ops@example.com\"},"
                        + "\"webhook\":{\"updated\":\"" + WEBHOOK + "\"},\"send_resolved\":{\"updated\":\"false\"},"
                        + "\"console_indicator\":{\"updated\":\"false\"},\"enabled\":{\"updated\":\"true\"}}}",
                created.eventData().toString());
    }

    @Test
    void anAccountHasAtMostAThousandAlarms() {
        for (int i = 0; i < AlarmService.MAX_PER_ACCOUNT; i++) {
            create("Alarm " + i);
        }
        DomainException.Invalid refused = assertThrows(DomainException.Invalid.class, () -> create("One more"));
        assertEquals("An account may have at most 1000 alarms; delete one first", refused.getMessage());
        assertEquals(AlarmService.MAX_PER_ACCOUNT, store.all(account.sid()).size());
        alarms.delete(account, actor, store.all(account.sid()).get(0).sid());
        create("One more");
        // Another account counts apart.
        Account other =
                accounts.createMainAccount(InMemoryStores.OPERATOR, "Other").account();
        alarms.create(
                other,
                InMemoryStores.actorOf(other),
                TestAlarms.spec("Its own", QueryType.ALL, Optional.empty(), 1, TimeWindow.ONE_HOUR));
    }

    @Test
    void aReplacedAlarmKeepsItsSidAndCreationAndTheChangeIsAnEventOfWhatChanged() {
        Alarm alarm = create("HTTP failures");
        clock.advance(Duration.ofMinutes(1));
        Alarm replaced = alarms.replace(
                account,
                actor,
                alarm.sid(),
                TestAlarms.spec("All alerts", QueryType.ALL, Optional.empty(), 3, TimeWindow.ONE_DAY));
        assertEquals(alarm.sid(), replaced.sid());
        assertEquals(alarm.dateCreated(), replaced.dateCreated());
        assertEquals(NOW.plus(Duration.ofMinutes(1)), replaced.dateUpdated());
        assertEquals(QueryType.ALL, replaced.queryType());
        assertEquals(replaced, alarms.fetch(account, alarm.sid()));
        Event changed = alarmEvents().get(1);
        assertEquals(MonitorEventTypes.ALARM_UPDATED, changed.eventType());
        assertEquals("Alarm 'All alerts' was changed", changed.description());
        assertEquals(
                "{\"resource_properties\":{\"friendly_name\":{\"previous\":\"HTTP failures\",\"updated\":\"All alerts\"},"
                        + "\"query_type\":{\"previous\":\"ERROR_CODE\",\"updated\":\"ALL\"},\"query\":{\"previous\":\"11200\"},"
                        + "\"trigger_value\":{\"previous\":\"5\",\"updated\":\"3\"},"
                        + "\"time_window\":{\"previous\":\"FIVE_MINS\",\"updated\":\"ONE_DAY\"}}}",
                changed.eventData().toString());

        // The same settings again change nothing.
        clock.advance(Duration.ofMinutes(1));
        assertEquals(
                replaced,
                alarms.replace(
                        account,
                        actor,
                        alarm.sid(),
                        TestAlarms.spec("All alerts", QueryType.ALL, Optional.empty(), 3, TimeWindow.ONE_DAY)));
        assertEquals(2, alarmEvents().size());
    }

    @Test
    void disablingAndEnablingAreEventsAndEnablingAnEnabledAlarmIsNone() {
        Alarm alarm = create("HTTP failures");
        clock.advance(Duration.ofSeconds(1));
        assertFalse(alarms.setEnabled(account, actor, alarm.sid(), false).enabled());
        assertFalse(alarms.fetch(account, alarm.sid()).enabled());
        clock.advance(Duration.ofSeconds(1));
        assertTrue(alarms.setEnabled(account, actor, alarm.sid(), true).enabled());
        alarms.setEnabled(account, actor, alarm.sid(), true);
        List<Event> events = alarmEvents();
        assertEquals(3, events.size());
        assertEquals("Alarm 'HTTP failures' was disabled", events.get(1).description());
        assertEquals(
                "{\"resource_properties\":{\"enabled\":{\"previous\":\"true\",\"updated\":\"false\"}}}",
                events.get(1).eventData().toString());
        assertEquals("Alarm 'HTTP failures' was enabled", events.get(2).description());
    }

    @Test
    void aDeletedAlarmIsGoneAndItsDeletionIsAnEvent() {
        Alarm alarm = create("HTTP failures");
        clock.advance(Duration.ofSeconds(1));
        alarms.delete(account, actor, alarm.sid());
        assertThrows(DomainException.NotFound.class, () -> alarms.fetch(account, alarm.sid()));
        assertThrows(DomainException.NotFound.class, () -> alarms.delete(account, actor, alarm.sid()));
        assertThrows(DomainException.NotFound.class, () -> alarms.logs(account, alarm.sid(), 50, Optional.empty()));
        Event deleted = alarmEvents().get(1);
        assertEquals(MonitorEventTypes.ALARM_DELETED, deleted.eventType());
        assertEquals("Alarm 'HTTP failures' was deleted", deleted.description());
        assertTrue(deleted.eventData().toString().contains("\"friendly_name\":{\"previous\":\"HTTP failures\"}"));
    }

    @Test
    void alarmsListInOrderOfCreationEitherWayInPages() {
        List<String> created = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            created.add(create("Alarm " + i).sid());
            clock.advance(Duration.ofMillis(1));
        }
        assertEquals(created, walk(true));
        List<String> newestFirst = new ArrayList<>(created);
        Collections.reverse(newestFirst);
        assertEquals(newestFirst, walk(false));
    }

    private List<String> walk(boolean oldestFirst) {
        List<String> sids = new ArrayList<>();
        Optional<String> cursor = Optional.empty();
        do {
            Page<Alarm> page = alarms.list(account, oldestFirst, 2, cursor);
            page.items().forEach(alarm -> sids.add(alarm.sid()));
            cursor = page.nextCursor();
        } while (cursor.isPresent());
        return sids;
    }

    @Test
    void savingAnAlarmWithAWebhookTurnsTheDisabledUrlBackOn() {
        disabled.disable(account.sid(), WEBHOOK, NOW);
        Alarm alarm = create("HTTP failures");
        assertFalse(disabled.isDisabled(account.sid(), WEBHOOK));
        disabled.disable(account.sid(), WEBHOOK, NOW);
        alarms.replace(
                account,
                actor,
                alarm.sid(),
                TestAlarms.spec("Again", QueryType.ALL, Optional.empty(), 1, TimeWindow.ONE_HOUR));
        assertFalse(disabled.isDisabled(account.sid(), WEBHOOK));
    }

    @Test
    void aTestNotifiesEveryChannelWithTheCurrentWindowsCountAndIsNotLogged() {
        Alarm alarm = create("HTTP failures");
        counters.add(new CounterStore.Increment(
                account.sid(),
                "11200",
                LogLevel.ERROR,
                CounterGranularity.HOUR,
                CounterGranularity.HOUR.bucketStart(NOW),
                List.of(
                        new StreamedAlert(
                                "NO#" + account.sid() + "#0", "1", account.sid(), "11200", LogLevel.ERROR, NOW),
                        new StreamedAlert(
                                "NO#" + account.sid() + "#0", "2", account.sid(), "11200", LogLevel.ERROR, NOW))));
        Firing test = alarms.test(account, alarm.sid(), "https://monitor.example.com");
        assertEquals(2, test.count());
        assertEquals(
                new Window("FIVE_MINS", Instant.parse("2026-11-25T12:00:00Z"), Instant.parse("2026-11-25T12:05:00Z")),
                test.window());
        assertEquals(2, queued.size());
        NotificationJob webhook = queued.stream()
                .filter(job -> job.channel() == NotificationJob.Channel.WEBHOOK)
                .findFirst()
                .orElseThrow();
        NotificationJob.StandardWebhook content =
                assertInstanceOf(NotificationJob.StandardWebhook.class, webhook.content());
        assertEquals(AlarmNotifications.TEST, content.type());
        // The domain holds the payload as JSON text; the notifier's tests read it as JSON.
        String data = content.data().text();
        assertTrue(data.contains("\"count\":2"), data);
        assertTrue(data.contains("\"alertsUrl\":\"https://monitor.example.com/v1/Alerts?"), data);
        NotificationJob email = queued.stream()
                .filter(job -> job.channel() == NotificationJob.Channel.EMAIL)
                .findFirst()
                .orElseThrow();
        assertTrue(assertInstanceOf(NotificationJob.Email.class, email.content())
                .subject()
                .startsWith("Test of alarm 'HTTP failures': 2 alerts (threshold 5)"));
        assertEquals(
                List.of(),
                alarms.logs(account, alarm.sid(), 50, Optional.empty()).items());
        // Each test is its own: a second one is queued as new jobs.
        alarms.test(account, alarm.sid(), "https://monitor.example.com");
        assertEquals(4, queued.stream().map(NotificationJob::jobId).distinct().count());
    }

    @Test
    void anAlarmWithoutAChannelCannotBeTested() {
        Alarm quiet = alarms.create(
                account,
                actor,
                new AlarmSpec(
                        "Quiet",
                        "",
                        QueryType.ALL,
                        Optional.empty(),
                        1,
                        Optional.of(TimeWindow.ONE_HOUR),
                        Optional.empty(),
                        List.of(),
                        Optional.empty(),
                        false,
                        true,
                        true,
                        Optional.empty()));
        DomainException.Invalid refused = assertThrows(
                DomainException.Invalid.class, () -> alarms.test(account, quiet.sid(), "https://monitor.example.com"));
        assertEquals("Alarm " + quiet.sid() + " has no webhook and no email to test", refused.getMessage());
        assertEquals(List.of(), queued);
    }

    @Test
    void aSuspendedAccountReadsItsAlarmsButChangesNone() {
        Alarm alarm = create("HTTP failures");
        Account suspended = accounts.update(
                new Caller.Operator(),
                InMemoryStores.OPERATOR,
                account.sid(),
                Optional.empty(),
                Optional.of(AccountStatus.SUSPENDED));
        assertThrows(
                DomainException.AccountInactive.class,
                () -> alarms.create(
                        suspended,
                        actor,
                        TestAlarms.spec("New", QueryType.ALL, Optional.empty(), 1, TimeWindow.ONE_HOUR)));
        assertThrows(
                DomainException.AccountInactive.class, () -> alarms.setEnabled(suspended, actor, alarm.sid(), false));
        assertThrows(DomainException.AccountInactive.class, () -> alarms.delete(suspended, actor, alarm.sid()));
        assertThrows(
                DomainException.AccountInactive.class,
                () -> alarms.test(suspended, alarm.sid(), "https://monitor.example.com"));
        assertEquals(alarm, alarms.fetch(suspended, alarm.sid()));
    }
}
