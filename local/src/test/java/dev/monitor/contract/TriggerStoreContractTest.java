package dev.monitor.contract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.monitor.audit.AuditEvent;
import dev.monitor.audit.ChangedMeanwhile;
import dev.monitor.audit.MonitorEventTypes;
import dev.monitor.dynamo.events.DynamoEventStore;
import dev.monitor.dynamo.usage.DynamoTriggerStore;
import dev.monitor.events.EventStore;
import dev.monitor.ids.Sids;
import dev.monitor.testing.InMemoryStores;
import dev.monitor.usage.Recurring;
import dev.monitor.usage.TriggerBy;
import dev.monitor.usage.TriggerFilter;
import dev.monitor.usage.TriggerStore;
import dev.monitor.usage.UsageCategory;
import dev.monitor.usage.UsageTrigger;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** What every {@link TriggerStore} does, on DynamoDB Local and in memory alike. */
class TriggerStoreContractTest {
    private static final Instant NOW = Instant.parse("2026-11-25T12:00:00Z");
    private static final TriggerFilter ALL = new TriggerFilter(Optional.empty(), Optional.empty(), Optional.empty());

    /** The triggers, and the events their changes write. */
    record Stores(String name, TriggerStore triggers, EventStore events) {
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
                        new DynamoTriggerStore(StackTable.dynamo(), StackTable.NAME),
                        new DynamoEventStore(StackTable.dynamo(), StackTable.NAME)),
                new Stores("in memory", new InMemoryStores.Triggers(log), log));
    }

    private final String account = Sids.random("AC");

    private UsageTrigger trigger(UsageCategory category, TriggerBy by, Recurring recurring) {
        return trigger(account, category, by, recurring);
    }

    private static UsageTrigger trigger(String accountSid, UsageCategory category, TriggerBy by, Recurring recurring) {
        return new UsageTrigger(
                Sids.random("UT"),
                accountSid,
                "Writes",
                "https://hooks.example.com/usage",
                "POST",
                category,
                by,
                recurring,
                new BigDecimal("100"),
                new BigDecimal("12.5"),
                NOW,
                NOW,
                Optional.empty(),
                Optional.empty());
    }

    private UsageTrigger trigger() {
        return trigger(UsageCategory.MONITOR_WRITES, TriggerBy.COUNT, Recurring.DAILY);
    }

    @ContractTest
    void aCreatedTriggerIsFoundAsItWasWithItsEvent(Stores on) {
        UsageTrigger trigger = trigger();
        List<AuditEvent> created = AuditEvents.of(account, MonitorEventTypes.USAGE_TRIGGER_CREATED, trigger.sid(), NOW);
        on.triggers().create(trigger, 10, created);
        assertEquals(Optional.of(trigger), on.triggers().find(account, trigger.sid()));
        assertTrue(AuditEvents.written(on.events(), created));
        assertEquals(Optional.empty(), on.triggers().find(Sids.random("AC"), trigger.sid()));
    }

    @ContractTest
    void anAccountHoldsAtMostItsLimitAndADeletedTriggerMakesRoom(Stores on) {
        UsageTrigger first = trigger();
        on.triggers().create(first, 2, List.of());
        on.triggers().create(trigger(), 2, List.of());
        UsageTrigger third = trigger();
        List<AuditEvent> refused = AuditEvents.of(account, MonitorEventTypes.USAGE_TRIGGER_CREATED, third.sid(), NOW);
        assertThrows(TriggerStore.LimitReached.class, () -> on.triggers().create(third, 2, refused));
        assertEquals(Optional.empty(), on.triggers().find(account, third.sid()));
        assertFalse(AuditEvents.written(on.events(), refused));

        List<AuditEvent> deleting = AuditEvents.of(account, MonitorEventTypes.USAGE_TRIGGER_DELETED, first.sid(), NOW);
        assertTrue(on.triggers().delete(account, first.sid(), deleting));
        assertTrue(AuditEvents.written(on.events(), deleting));
        assertFalse(on.triggers().delete(account, first.sid(), List.of()));
        on.triggers().create(third, 2, List.of());
        assertEquals(2, on.triggers().all(account).size());
        // Another account counts apart.
        UsageTrigger another =
                trigger(Sids.random("AC"), UsageCategory.MONITOR_WRITES, TriggerBy.COUNT, Recurring.DAILY);
        on.triggers().create(another, 2, List.of());
        assertEquals(Optional.of(another), on.triggers().find(another.accountSid(), another.sid()));
    }

    @ContractTest
    void anUpdateSetsNameCallbackAndDateOnConditionAndTheFiringStands(Stores on) {
        UsageTrigger trigger = trigger();
        on.triggers().create(trigger, 10, List.of());
        assertTrue(on.triggers().markFired(trigger, "2026-11-25", NOW.plusSeconds(5), new BigDecimal("101")));
        Instant later = NOW.plusSeconds(60);
        UsageTrigger changed = new UsageTrigger(
                trigger.sid(),
                account,
                "Renamed",
                "https://hooks.example.com/other",
                "GET",
                UsageCategory.MONITOR_READS,
                TriggerBy.PRICE,
                Recurring.MONTHLY,
                new BigDecimal("5"),
                new BigDecimal("0"),
                NOW,
                later,
                Optional.empty(),
                Optional.empty());
        List<AuditEvent> updating =
                AuditEvents.of(account, MonitorEventTypes.USAGE_TRIGGER_UPDATED, trigger.sid(), later);
        on.triggers().update(changed, NOW, updating);
        UsageTrigger stored = on.triggers().find(account, trigger.sid()).orElseThrow();
        assertEquals("Renamed", stored.friendlyName());
        assertEquals("https://hooks.example.com/other", stored.callbackUrl());
        assertEquals("GET", stored.callbackMethod());
        assertEquals(later, stored.dateUpdated());
        assertEquals(UsageCategory.MONITOR_WRITES, stored.category());
        assertEquals(TriggerBy.COUNT, stored.triggerBy());
        assertEquals(Recurring.DAILY, stored.recurring());
        assertEquals(0, new BigDecimal("100").compareTo(stored.triggerValue()));
        assertEquals(0, new BigDecimal("101").compareTo(stored.currentValue()));
        assertEquals(Optional.of("2026-11-25"), stored.firedPeriod());
        assertEquals(Optional.of(NOW.plusSeconds(5)), stored.dateFired());
        assertTrue(AuditEvents.written(on.events(), updating));

        List<AuditEvent> stale =
                AuditEvents.of(account, MonitorEventTypes.USAGE_TRIGGER_UPDATED, trigger.sid(), later.plusSeconds(1));
        assertThrows(ChangedMeanwhile.class, () -> on.triggers().update(changed, NOW, stale));
        assertFalse(AuditEvents.written(on.events(), stale));
    }

    @ContractTest
    void aTriggerFiresOncePerPeriodAndAGoneOneNever(Stores on) {
        UsageTrigger trigger = trigger();
        on.triggers().create(trigger, 10, List.of());
        assertTrue(on.triggers().markFired(trigger, "2026-11-25", NOW, new BigDecimal("100")));
        assertFalse(on.triggers().markFired(trigger, "2026-11-25", NOW.plusSeconds(1), new BigDecimal("150")));
        UsageTrigger fired = on.triggers().find(account, trigger.sid()).orElseThrow();
        assertEquals(Optional.of(NOW), fired.dateFired());
        assertEquals(0, new BigDecimal("100").compareTo(fired.currentValue()));
        assertTrue(on.triggers().markFired(trigger, "2026-11-26", NOW.plusSeconds(86400), new BigDecimal("120")));
        assertEquals(
                Optional.of("2026-11-26"),
                on.triggers().find(account, trigger.sid()).orElseThrow().firedPeriod());

        on.triggers().delete(account, trigger.sid(), List.of());
        assertFalse(on.triggers().markFired(trigger, "2026-11-27", NOW, new BigDecimal("1")));
        assertEquals(Optional.empty(), on.triggers().find(account, trigger.sid()));
    }

    @ContractTest
    void anAccountsTriggersListInPagesEachOnceByEveryFilter(Stores on) {
        List<UsageTrigger> created = new ArrayList<>();
        for (Recurring recurring : List.of(Recurring.DAILY, Recurring.MONTHLY)) {
            for (TriggerBy by : List.of(TriggerBy.COUNT, TriggerBy.PRICE)) {
                for (UsageCategory category : List.of(UsageCategory.MONITOR_WRITES, UsageCategory.TOTAL_PRICE)) {
                    UsageTrigger trigger = trigger(category, by, recurring);
                    on.triggers().create(trigger, 10, List.of());
                    created.add(trigger);
                }
            }
        }
        List<List<String>> pages =
                Pages.walk(cursor -> on.triggers().list(account, ALL, 3, cursor), UsageTrigger::sid, 3);
        assertEquals(3, pages.size());
        assertEquals(
                created.stream().map(UsageTrigger::sid).sorted().toList(),
                Pages.all(pages).stream().sorted().toList());
        assertEquals(
                created.stream().map(UsageTrigger::sid).sorted().toList(),
                on.triggers().all(account).stream()
                        .map(UsageTrigger::sid)
                        .sorted()
                        .toList());

        TriggerFilter filter =
                new TriggerFilter(Optional.of(Recurring.MONTHLY), Optional.of(TriggerBy.PRICE), Optional.empty());
        assertEquals(
                created.stream()
                        .filter(trigger ->
                                trigger.recurring() == Recurring.MONTHLY && trigger.triggerBy() == TriggerBy.PRICE)
                        .map(UsageTrigger::sid)
                        .sorted()
                        .toList(),
                Pages.all(Pages.walk(cursor -> on.triggers().list(account, filter, 1, cursor), UsageTrigger::sid, 1))
                        .stream()
                        .sorted()
                        .toList());
        TriggerFilter byCategory =
                new TriggerFilter(Optional.empty(), Optional.empty(), Optional.of(UsageCategory.TOTAL_PRICE));
        assertEquals(
                4,
                on.triggers()
                        .list(account, byCategory, 50, Optional.empty())
                        .items()
                        .size());
        assertEquals(
                List.of(),
                on.triggers().list(Sids.random("AC"), ALL, 50, Optional.empty()).items());
    }
}
