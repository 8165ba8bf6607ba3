package dev.monitor.alerts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.monitor.accounts.Account;
import dev.monitor.accounts.AccountService;
import dev.monitor.accounts.AccountStatus;
import dev.monitor.accounts.Caller;
import dev.monitor.audit.MonitorEventTypes;
import dev.monitor.errors.DomainException;
import dev.monitor.errors.FieldError;
import dev.monitor.events.Event;
import dev.monitor.paging.Page;
import dev.monitor.testing.InMemoryStores;
import dev.monitor.testing.TestClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Recording, reading and deleting alerts, on in-memory stores: the rules, without DynamoDB. */
class AlertServiceTest {
    private static final Instant NOW = Instant.parse("2026-11-25T12:00:00Z");
    private static final String CALL = "CA" + "1".repeat(32);
    private static final String OTHER_CALL = "CA" + "2".repeat(32);
    private static final AlertFilter ALL =
            new AlertFilter(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());

    private final TestClock clock = new TestClock(NOW);
    private final InMemoryStores.Events log = new InMemoryStores.Events();
    private final AccountService accounts = InMemoryStores.accounts(new InMemoryStores.Accounts(log), log, clock);
    private final InMemoryStores.Alerts store = new InMemoryStores.Alerts(log);
    private final AlertService alerts =
            new AlertService(store, accounts, new InMemoryStores.Idempotency(), InMemoryStores.audit(log), clock);
    private final Account account =
            accounts.createMainAccount(InMemoryStores.OPERATOR, "Acme").account();
    private final Caller caller = new Caller.AccountCaller(account);

    private static AlertDraft draft(String errorCode) {
        return draft(errorCode, Optional.empty(), null, Optional.empty());
    }

    private static AlertDraft draft(
            String errorCode, Optional<LogLevel> level, String resourceSid, Optional<Instant> dateGenerated) {
        return new AlertDraft(
                Optional.empty(),
                errorCode,
                level,
                "Something failed",
                resourceSid,
                null,
                "POST",
                "https://example.com/hook",
                null,
                null,
                null,
                null,
                "2010-04-01",
                dateGenerated,
                Optional.empty());
    }

    private Alert recordOne(AlertDraft draft) {
        return alerts.record(caller, List.of(draft), Optional.empty()).get(0);
    }

    private List<String> listSids(AlertFilter filter) {
        return alerts.list(account, filter, 50, Optional.empty()).items().stream()
                .map(Alert::sid)
                .toList();
    }

    @Test
    void aRecordedAlertIsFetchedAndListedByItsAccountOnly() {
        Alert alert = recordOne(draft("11200"));
        assertTrue(Alert.SIDS.matches(alert.sid()), alert.sid());
        assertEquals(account.sid(), alert.accountSid());
        assertEquals(NOW, alert.dateGenerated());
        assertEquals(NOW, alert.dateCreated());
        assertEquals(alert, alerts.fetch(account, alert.sid()));
        assertEquals(List.of(alert.sid()), listSids(ALL));

        Account other =
                accounts.createMainAccount(InMemoryStores.OPERATOR, "Other").account();
        DomainException.NotFound notFound =
                assertThrows(DomainException.NotFound.class, () -> alerts.fetch(other, alert.sid()));
        assertEquals("The requested resource /Alerts/" + alert.sid() + " was not found", notFound.getMessage());
        assertEquals(List.of(), alerts.list(other, ALL, 50, Optional.empty()).items());
        assertThrows(DomainException.NotFound.class, () -> alerts.fetch(account, "NO-not-a-sid"));
    }

    @Test
    void theCatalogueFillsInTheLevelAndLinkTheClientLeftOut() {
        assertEquals(LogLevel.WARNING, recordOne(draft("12200")).logLevel());
        Alert unknown = recordOne(draft("99999"));
        assertEquals(LogLevel.ERROR, unknown.logLevel());
        assertEquals("https://www.twilio.com/docs/errors/99999", unknown.moreInfo());
        AlertDraft chosen = new AlertDraft(
                Optional.empty(),
                "11200",
                Optional.of(LogLevel.DEBUG),
                "text",
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                Optional.empty(),
                Optional.of("https://example.com/e"));
        Alert alert = recordOne(chosen);
        assertEquals(LogLevel.DEBUG, alert.logLevel());
        assertEquals("https://example.com/e", alert.moreInfo());
    }

    @Test
    void aListIsNewestFirstWithEveryFilterAndCombination() {
        List<String> sid = alerts
                .record(
                        caller,
                        List.of(
                                draft("11200", Optional.empty(), CALL, Optional.of(NOW.minus(Duration.ofDays(2)))),
                                draft(
                                        "30003",
                                        Optional.of(LogLevel.WARNING),
                                        CALL,
                                        Optional.of(NOW.minus(Duration.ofHours(1)))),
                                draft(
                                        "11200",
                                        Optional.of(LogLevel.WARNING),
                                        OTHER_CALL,
                                        Optional.of(NOW.minus(Duration.ofMinutes(10)))),
                                draft("21211")),
                        Optional.empty())
                .stream()
                .map(Alert::sid)
                .toList();
        assertEquals(List.of(sid.get(3), sid.get(2), sid.get(1), sid.get(0)), listSids(ALL));
        assertEquals(List.of(sid.get(2), sid.get(0)), listSids(filter(Optional.empty(), Optional.of("11200"), null)));
        assertEquals(
                List.of(sid.get(2), sid.get(1)),
                listSids(filter(Optional.of(LogLevel.WARNING), Optional.empty(), null)));
        assertEquals(List.of(sid.get(1), sid.get(0)), listSids(filter(Optional.empty(), Optional.empty(), CALL)));
        assertEquals(List.of(sid.get(2)), listSids(filter(Optional.of(LogLevel.WARNING), Optional.of("11200"), null)));
        assertEquals(List.of(sid.get(1)), listSids(filter(Optional.of(LogLevel.WARNING), Optional.empty(), CALL)));
        assertEquals(
                List.of(sid.get(0)),
                listSids(new AlertFilter(
                        Optional.empty(),
                        Optional.empty(),
                        Optional.empty(),
                        Optional.empty(),
                        Optional.of(NOW.minus(Duration.ofDays(1))))));
        assertEquals(
                List.of(sid.get(3), sid.get(2)),
                listSids(new AlertFilter(
                        Optional.empty(),
                        Optional.empty(),
                        Optional.empty(),
                        Optional.of(NOW.minus(Duration.ofMinutes(30))),
                        Optional.empty())));
        assertEquals(
                List.of(sid.get(1)),
                listSids(new AlertFilter(
                        Optional.empty(),
                        Optional.empty(),
                        Optional.of(CALL),
                        Optional.of(NOW.minus(Duration.ofDays(1))),
                        Optional.of(NOW.minus(Duration.ofMinutes(30))))));
        assertEquals(List.of(), listSids(filter(Optional.of(LogLevel.DEBUG), Optional.of("21211"), null)));
    }

    private static AlertFilter filter(Optional<LogLevel> level, Optional<String> errorCode, String resourceSid) {
        return new AlertFilter(level, errorCode, Optional.ofNullable(resourceSid), Optional.empty(), Optional.empty());
    }

    @Test
    void pagesGoThroughEveryAlertOnceNewestFirst() {
        List<AlertDraft> batch = new ArrayList<>();
        for (int i = 0; i < 23; i++) {
            batch.add(draft("3000" + (i % 10), Optional.empty(), null, Optional.of(NOW.minusSeconds(i))));
        }
        List<String> recorded = alerts.record(caller, batch, Optional.empty()).stream()
                .map(Alert::sid)
                .toList();
        List<String> seen = new ArrayList<>();
        Optional<String> cursor = Optional.empty();
        int pages = 0;
        do {
            Page<Alert> page = alerts.list(account, ALL, 5, cursor);
            page.items().forEach(alert -> seen.add(alert.sid()));
            cursor = page.nextCursor();
            pages++;
        } while (cursor.isPresent());
        assertEquals(recorded, seen);
        assertEquals(5, pages);
    }

    @Test
    void anAlertIsKeptThirtyDaysAfterItWasGenerated() {
        Alert old = recordOne(draft("11200", Optional.empty(), null, Optional.of(NOW.minus(Duration.ofDays(29)))));
        clock.advance(Duration.ofDays(1).plusSeconds(1));
        assertThrows(DomainException.NotFound.class, () -> alerts.fetch(account, old.sid()));
        assertEquals(List.of(), listSids(ALL));
    }

    @Test
    void anAlertOlderThanThirtyDaysIsNotShownEvenWhileTheTableStillKeepsIt() {
        Alert old = draft("11200", Optional.empty(), null, Optional.of(NOW.minus(Duration.ofDays(31))))
                .toAlert(
                        Alert.SIDS.of(NOW.minus(Duration.ofDays(31)), new byte[10]),
                        account.sid(),
                        NOW.minus(Duration.ofDays(31)));
        // Kept longer, as an alert written under a longer retention would be.
        store.putAll(List.of(old), List.of(NOW.plus(Duration.ofDays(30))));
        assertThrows(DomainException.NotFound.class, () -> alerts.fetch(account, old.sid()));
        assertEquals(List.of(), listSids(ALL));
    }

    @Test
    void datesInTheFutureOrBeyondTheRetentionAreRefusedTogetherAndNothingIsKept() {
        DomainException.Invalid refused = assertThrows(
                DomainException.Invalid.class,
                () -> alerts.record(
                        caller,
                        List.of(
                                draft("11200"),
                                draft("11200", Optional.empty(), null, Optional.of(NOW.plus(Duration.ofMinutes(6)))),
                                draft("11200", Optional.empty(), null, Optional.of(NOW.minus(Duration.ofDays(31))))),
                        Optional.empty()));
        assertEquals(
                List.of(
                        new FieldError(1, "date_generated", "is in the future"),
                        new FieldError(2, "date_generated", "is older than the 30 days alerts are kept")),
                refused.fieldErrors());
        // Five minutes ahead is a clock's difference, not the future.
        recordOne(draft("11200", Optional.empty(), null, Optional.of(NOW.plus(Duration.ofMinutes(5)))));
        assertEquals(1, listSids(ALL).size());
    }

    @Test
    void anAlertForAnotherAccountsFamilyIsRefusedAndOneForASubaccountIsItsOwn() {
        Account sub = accounts.createSubaccount(account, InMemoryStores.actorOf(account), Optional.of("Shop"))
                .account();
        Account stranger =
                accounts.createMainAccount(InMemoryStores.OPERATOR, "Stranger").account();
        AlertDraft forSub = new AlertDraft(
                Optional.of(sub.sid()),
                "11200",
                Optional.empty(),
                "text",
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                Optional.empty(),
                Optional.empty());
        Alert alert = recordOne(forSub);
        assertEquals(sub.sid(), alert.accountSid());
        assertEquals(alert, alerts.fetch(sub, alert.sid()));
        assertThrows(DomainException.NotFound.class, () -> alerts.fetch(account, alert.sid()));
        assertThrows(
                DomainException.Invalid.class,
                () -> alerts.record(new Caller.AccountCaller(stranger), List.of(forSub), Optional.empty()));
    }

    @Test
    void aRepeatedIdempotencyKeyAnswersTheSameAlertsAndAnotherBodyIsAConflict() {
        List<AlertDraft> batch = List.of(draft("11200"), draft("11205"));
        List<Alert> first = alerts.record(caller, batch, Optional.of("k1"));
        clock.advance(Duration.ofSeconds(5));
        assertEquals(first, alerts.record(caller, batch, Optional.of("k1")));
        assertEquals(2, listSids(ALL).size());
        DomainException.Conflict conflict = assertThrows(
                DomainException.Conflict.class, () -> alerts.record(caller, List.of(draft("1")), Optional.of("k1")));
        assertEquals("This Idempotency-Key was already used with a different request body", conflict.getMessage());
        // The key is the caller's own: another account may use it for its own alerts.
        Account other =
                accounts.createMainAccount(InMemoryStores.OPERATOR, "Other").account();
        assertEquals(
                1,
                alerts.record(new Caller.AccountCaller(other), List.of(draft("1")), Optional.of("k1"))
                        .size());
    }

    @Test
    void aDeletedAlertIsGoneAndItsDeletionIsAnEventNamingWhatItWas() {
        Alert alert = recordOne(draft("11200", Optional.empty(), CALL, Optional.empty()));
        alerts.delete(account, InMemoryStores.actorOf(account), alert.sid());
        assertThrows(DomainException.NotFound.class, () -> alerts.fetch(account, alert.sid()));
        assertThrows(
                DomainException.NotFound.class,
                () -> alerts.delete(account, InMemoryStores.actorOf(account), alert.sid()));
        assertEquals(List.of(), listSids(ALL));

        List<Event> deleted = log.history(account.sid()).stream()
                .filter(event -> event.eventType().equals(MonitorEventTypes.ALERT_DELETED))
                .toList();
        assertEquals(1, deleted.size());
        assertEquals(
                "Alert " + alert.sid() + " (error 11200) was deleted",
                deleted.get(0).description());
        assertEquals(alert.sid(), deleted.get(0).resourceSid());
        assertEquals(
                "{\"resource_properties\":{\"error_code\":{\"previous\":\"11200\"},\"log_level\":{\"previous\":\"error\"},"
                        + "\"resource_sid\":{\"previous\":\"" + CALL + "\"}}}",
                deleted.get(0).eventData().toString());
    }

    @Test
    void aSuspendedAccountReadsItsAlertsButNeitherRecordsNorDeletes() {
        Alert alert = recordOne(draft("11200"));
        Account suspended = accounts.update(
                new Caller.Operator(),
                InMemoryStores.OPERATOR,
                account.sid(),
                Optional.empty(),
                Optional.of(AccountStatus.SUSPENDED));
        assertThrows(
                DomainException.AccountInactive.class,
                () -> alerts.record(new Caller.AccountCaller(suspended), List.of(draft("11200")), Optional.empty()));
        assertThrows(
                DomainException.AccountInactive.class,
                () -> alerts.delete(suspended, InMemoryStores.actorOf(suspended), alert.sid()));
        assertEquals(alert, alerts.fetch(suspended, alert.sid()));
    }
}
