package dev.monitor.contract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.monitor.alerts.Alert;
import dev.monitor.alerts.AlertFilter;
import dev.monitor.alerts.AlertStore;
import dev.monitor.alerts.LogLevel;
import dev.monitor.audit.AuditEvent;
import dev.monitor.audit.MonitorEventTypes;
import dev.monitor.crypto.Secrets;
import dev.monitor.dynamo.alerts.DynamoAlertStore;
import dev.monitor.dynamo.events.DynamoEventStore;
import dev.monitor.events.EventStore;
import dev.monitor.ids.Sids;
import dev.monitor.testing.InMemoryStores;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

/** What every {@link AlertStore} does, on DynamoDB Local and in memory alike: an account's alerts on its timeline. */
class AlertStoreContractTest {
    private static final Instant NOW = Instant.parse("2026-11-25T12:00:00Z");
    private static final Instant KEPT = NOW.plus(Duration.ofDays(30));
    private static final String CALL = "CA" + "1".repeat(32);
    private static final AlertFilter ALL =
            new AlertFilter(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());

    /** The alerts, and the events their deletions write. */
    record Stores(String name, AlertStore alerts, EventStore events) {
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
                        new DynamoAlertStore(StackTable.dynamo(), StackTable.NAME),
                        new DynamoEventStore(StackTable.dynamo(), StackTable.NAME)),
                new Stores("in memory", new InMemoryStores.Alerts(log), log));
    }

    private final String account = Sids.random("AC");

    private Alert alert(String errorCode, LogLevel level, String resourceSid, Instant generated) {
        return alertOf(account, errorCode, level, resourceSid, generated);
    }

    private static Alert alertOf(
            String accountSid, String errorCode, LogLevel level, String resourceSid, Instant generated) {
        return new Alert(
                Alert.SIDS.of(generated, Secrets.randomBytes(10)),
                accountSid,
                errorCode,
                level,
                "HTTP retrieval failure",
                resourceSid,
                null,
                "POST",
                "https://example.com/hook",
                "a=1&b=2",
                null,
                "<html>503</html>",
                null,
                "2010-04-01",
                "https://www.twilio.com/docs/errors/" + errorCode,
                generated,
                NOW);
    }

    private void put(Stores on, Alert... alerts) {
        on.alerts()
                .putAll(
                        List.of(alerts),
                        List.of(alerts).stream().map(alert -> KEPT).toList());
    }

    private List<String> listed(Stores on, AlertFilter filter) {
        return Pages.all(Pages.walk(cursor -> on.alerts().list(account, filter, NOW, 2, cursor), Alert::sid, 2));
    }

    @ContractTest
    void aStoredAlertIsFoundByItsAccountAsItWasAndWritingItAgainIsHarmless(Stores on) {
        Alert alert = alert("11200", LogLevel.ERROR, CALL, NOW.minusSeconds(10));
        put(on, alert);
        put(on, alert);
        assertEquals(Optional.of(alert), on.alerts().find(account, alert.sid(), NOW));
        assertEquals(Optional.empty(), on.alerts().find(Sids.random("AC"), alert.sid(), NOW));
        assertEquals(List.of(alert.sid()), listed(on, ALL));
    }

    @ContractTest
    void anAlertIsGoneOnceItsOwnInstantHasCome(Stores on) {
        Alert alert = alert("11200", LogLevel.ERROR, CALL, NOW.minusSeconds(10));
        on.alerts().putAll(List.of(alert), List.of(NOW.plusSeconds(60)));
        assertEquals(Optional.of(alert), on.alerts().find(account, alert.sid(), NOW.plusSeconds(59)));
        assertEquals(Optional.empty(), on.alerts().find(account, alert.sid(), NOW.plusSeconds(60)));
        assertEquals(
                List.of(),
                on.alerts()
                        .list(account, ALL, NOW.plusSeconds(60), 50, Optional.empty())
                        .items());
    }

    @ContractTest
    void anAccountsAlertsListNewestFirstInPagesBothWaysByEveryFilter(Stores on) {
        List<Alert> alerts = new ArrayList<>();
        for (int i = 0; i < 9; i++) {
            alerts.add(alert(
                    i % 3 == 0 ? "11200" : "30003",
                    i % 2 == 0 ? LogLevel.ERROR : LogLevel.WARNING,
                    i < 4 ? CALL : null,
                    NOW.minus(Duration.ofMinutes(10L * i))));
        }
        put(on, alerts.toArray(Alert[]::new));
        put(on, alertOf(Sids.random("AC"), "11200", LogLevel.ERROR, CALL, NOW));

        assertEquals(alerts.stream().map(Alert::sid).toList(), listed(on, ALL));
        assertEquals(
                sidsOf(alerts, alert -> alert.errorCode().equals("11200")),
                listed(
                        on,
                        new AlertFilter(
                                Optional.empty(),
                                Optional.of("11200"),
                                Optional.empty(),
                                Optional.empty(),
                                Optional.empty())));
        assertEquals(
                sidsOf(alerts, alert -> alert.logLevel() == LogLevel.WARNING),
                listed(
                        on,
                        new AlertFilter(
                                Optional.of(LogLevel.WARNING),
                                Optional.empty(),
                                Optional.empty(),
                                Optional.empty(),
                                Optional.empty())));
        assertEquals(
                sidsOf(alerts, alert -> CALL.equals(alert.resourceSid()) && alert.logLevel() == LogLevel.ERROR),
                listed(
                        on,
                        new AlertFilter(
                                Optional.of(LogLevel.ERROR),
                                Optional.empty(),
                                Optional.of(CALL),
                                Optional.empty(),
                                Optional.empty())));
        // Both dates inclusive, to the millisecond.
        Instant start = alerts.get(6).dateGenerated();
        Instant end = alerts.get(2).dateGenerated();
        assertEquals(
                sidsOf(
                        alerts,
                        alert -> !alert.dateGenerated().isBefore(start)
                                && !alert.dateGenerated().isAfter(end)),
                listed(
                        on,
                        new AlertFilter(
                                Optional.empty(),
                                Optional.empty(),
                                Optional.empty(),
                                Optional.of(start),
                                Optional.of(end))));
        assertEquals(
                List.of(alerts.get(3).sid()),
                listed(
                        on,
                        new AlertFilter(
                                Optional.empty(),
                                Optional.of("11200"),
                                Optional.of(CALL),
                                Optional.of(start),
                                Optional.of(end))));
        assertEquals(
                List.of(),
                listed(
                        on,
                        new AlertFilter(
                                Optional.empty(),
                                Optional.empty(),
                                Optional.empty(),
                                Optional.of(NOW.plusSeconds(1)),
                                Optional.empty())));
    }

    private static List<String> sidsOf(List<Alert> alerts, Predicate<Alert> kept) {
        return alerts.stream()
                .filter(kept)
                .sorted(Comparator.comparing(Alert::sid).reversed())
                .map(Alert::sid)
                .toList();
    }

    @ContractTest
    void aDeletedAlertIsGoneWithItsEventAndAnotherAccountsIsNotDeleted(Stores on) {
        Alert alert = alert("11200", LogLevel.ERROR, CALL, NOW.minusSeconds(10));
        put(on, alert);
        List<AuditEvent> refused = AuditEvents.of(account, MonitorEventTypes.ALERT_DELETED, alert.sid(), NOW);
        assertFalse(on.alerts().delete(Sids.random("AC"), alert.sid(), refused));
        assertFalse(AuditEvents.written(on.events(), refused));
        assertEquals(Optional.of(alert), on.alerts().find(account, alert.sid(), NOW));

        List<AuditEvent> deleting = AuditEvents.of(account, MonitorEventTypes.ALERT_DELETED, alert.sid(), NOW);
        assertTrue(on.alerts().delete(account, alert.sid(), deleting));
        assertTrue(AuditEvents.written(on.events(), deleting));
        assertEquals(Optional.empty(), on.alerts().find(account, alert.sid(), NOW));
        assertFalse(on.alerts().delete(account, alert.sid(), List.of()));
        assertEquals(List.of(), listed(on, ALL));
    }
}
