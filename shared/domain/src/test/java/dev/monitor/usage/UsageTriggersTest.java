package dev.monitor.usage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.monitor.accounts.Account;
import dev.monitor.accounts.AccountService;
import dev.monitor.audit.Actor;
import dev.monitor.audit.MonitorEventTypes;
import dev.monitor.errors.DomainException;
import dev.monitor.errors.FieldError;
import dev.monitor.events.Event;
import dev.monitor.events.EventFilter;
import dev.monitor.notify.WebhookTargets;
import dev.monitor.testing.InMemoryStores;
import java.math.BigDecimal;
import java.net.InetAddress;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** Creating and changing usage triggers, on in-memory stores: the domain's rules, without DynamoDB or HTTP. */
class UsageTriggersTest {
    private static final Instant NOW = Instant.parse("2026-11-25T12:00:00Z");

    private static final String HOOK = "https://hooks.example.com/usage";

    private final Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
    private final AccountService accounts = InMemoryStores.accounts(clock);
    private final Account account =
            accounts.createMainAccount(InMemoryStores.OPERATOR, "Acme").account();
    private final Account other =
            accounts.createMainAccount(InMemoryStores.OPERATOR, "Other").account();
    private final InMemoryStores.Usage usageStore = new InMemoryStores.Usage();
    private final InMemoryStores.Events log = new InMemoryStores.Events();
    private final InMemoryStores.Triggers store = new InMemoryStores.Triggers(log);
    private final InMemoryStores.Disabled disabled = new InMemoryStores.Disabled();
    /** Public DNS for hooks.example.com; a name that resolves inside, as a rebinding attacker's would. */
    private final WebhookTargets targets = new WebhookTargets(
            false,
            host -> List.of(InetAddress.getByName(host.equals("hooks.example.com") ? "93.184.216.34" : "127.0.0.1")));

    private final UsageTriggers triggers = new UsageTriggers(
            store,
            new UsageRecords(usageStore, new Pricing(5_000, new BigDecimal("0.01")), clock),
            targets,
            disabled,
            InMemoryStores.audit(log),
            clock);
    private final Actor actor = InMemoryStores.actorOf(account);

    private static UsageTriggerSpec spec(UsageTriggerSpec.Threshold threshold, String callbackUrl) {
        return new UsageTriggerSpec(
                UsageCategory.MONITOR_READS, TriggerBy.COUNT, Recurring.DAILY, threshold, callbackUrl, "POST", "reads");
    }

    private static UsageTriggerSpec.Threshold absolute(String amount) {
        return UsageTriggerSpec.Threshold.absolute(new BigDecimal(amount));
    }

    @Test
    void anOffsetCountsFromTheUsageNowAndAnAbsoluteValueStaysAsGiven() {
        usageStore.addReads(
                List.of(new UsageStore.MeteredReads(account.sid(), account.sid(), LocalDate.of(2026, 11, 25), 40L)),
                NOW);
        UsageTrigger offset = triggers.create(
                account, actor, spec(UsageTriggerSpec.Threshold.aboveCurrent(new BigDecimal("10")), HOOK));
        assertEquals(new BigDecimal("50"), offset.triggerValue());
        assertEquals(new BigDecimal("40"), offset.currentValue());
        assertEquals(NOW, offset.dateCreated());
        UsageTrigger absolute = triggers.create(account, actor, spec(absolute("7.50"), HOOK));
        assertEquals("7.5", UsageTrigger.format(absolute.triggerValue()));
        assertEquals(new BigDecimal("40"), absolute.currentValue());
        assertEquals(offset, triggers.fetch(account.sid(), offset.sid()));
        assertEquals(2, store.all(account.sid()).size());
    }

    @Test
    void aCallbackUrlTheSsrfPolicyRefusesIsNamedAndNothingIsStored() {
        DomainException.Invalid refused = assertThrows(
                DomainException.Invalid.class,
                () -> triggers.create(account, actor, spec(absolute("5"), "https://inside.example.com/usage")));
        assertEquals(List.of("CallbackUrl"), fields(refused));
        assertTrue(refused.getMessage().startsWith("Invalid request: CallbackUrl "), refused.getMessage());
        assertTrue(store.all(account.sid()).isEmpty());
        assertEquals(Optional.empty(), triggers.callbackUrlRefusal(HOOK));
        assertTrue(triggers.callbackUrlRefusal("http://169.254.169.254/").isPresent());
    }

    @Test
    void anAccountHasAtMostTheLimitOfTriggers() {
        for (int i = 0; i < UsageTriggers.MAX_PER_ACCOUNT; i++) {
            triggers.create(account, actor, spec(absolute("5"), HOOK));
        }
        DomainException.Invalid full = assertThrows(
                DomainException.Invalid.class, () -> triggers.create(account, actor, spec(absolute("5"), HOOK)));
        assertEquals("An account may have at most 1000 usage triggers; delete one first", full.getMessage());
        assertEquals(UsageTriggers.MAX_PER_ACCOUNT, store.all(account.sid()).size());
        triggers.create(other, actor, spec(absolute("5"), HOOK));
    }

    @Test
    void savingACallbackUrlEnablesItAgain() {
        disabled.disable(account.sid(), HOOK, NOW);
        UsageTrigger trigger = triggers.create(account, actor, spec(absolute("5"), HOOK));
        assertFalse(disabled.isDisabled(account.sid(), HOOK));

        disabled.disable(account.sid(), HOOK, NOW);
        update(trigger, new UsageTriggerChange(Optional.empty(), Optional.empty(), Optional.of("renamed")));
        assertTrue(disabled.isDisabled(account.sid(), HOOK), "an update that does not set the URL leaves it disabled");
        update(trigger, new UsageTriggerChange(Optional.of(HOOK), Optional.empty(), Optional.empty()));
        assertFalse(disabled.isDisabled(account.sid(), HOOK));
    }

    @Test
    void anUpdateChangesWhatItSetsAndKeepsTheRest() {
        usageStore.addReads(
                List.of(new UsageStore.MeteredReads(account.sid(), account.sid(), LocalDate.of(2026, 11, 25), 3L)),
                NOW);
        UsageTrigger trigger = triggers.create(
                account, actor, spec(UsageTriggerSpec.Threshold.aboveCurrent(new BigDecimal("2")), HOOK));
        String otherHook = "https://hooks.example.com/other";
        UsageTrigger updated =
                update(trigger, new UsageTriggerChange(Optional.of(otherHook), Optional.of("GET"), Optional.empty()));
        assertEquals(otherHook, updated.callbackUrl());
        assertEquals("GET", updated.callbackMethod());
        assertEquals("reads", updated.friendlyName());
        assertEquals(new BigDecimal("5"), updated.triggerValue());
        assertEquals(updated, triggers.fetch(account.sid(), trigger.sid()));

        DomainException.Invalid refused = assertThrows(
                DomainException.Invalid.class,
                () -> update(
                        updated,
                        new UsageTriggerChange(
                                Optional.of("http://127.0.0.1:9/usage"), Optional.empty(), Optional.empty())));
        assertEquals(List.of("CallbackUrl"), fields(refused));
        assertEquals(otherHook, triggers.fetch(account.sid(), trigger.sid()).callbackUrl());
    }

    @Test
    void anotherAccountsOrADeletedTriggerIsNotFound() {
        UsageTrigger trigger = triggers.create(account, actor, spec(absolute("5"), HOOK));
        DomainException.NotFound notFound =
                assertThrows(DomainException.NotFound.class, () -> triggers.fetch(other.sid(), trigger.sid()));
        assertEquals(
                "The requested resource /2010-04-01/Accounts/" + other.sid() + "/Usage/Triggers/" + trigger.sid()
                        + ".json was not found",
                notFound.getMessage());
        assertThrows(DomainException.NotFound.class, () -> triggers.delete(other, actor, trigger.sid()));
        assertThrows(DomainException.NotFound.class, () -> triggers.fetch(account.sid(), "UTnot-a-sid"));
        triggers.delete(account, actor, trigger.sid());
        // Not found before the change is read: an unknown trigger is not found whatever its form says.
        assertThrows(
                DomainException.NotFound.class,
                () -> triggers.update(account, actor, trigger.sid(), () -> {
                    throw new DomainException.Invalid("the change was read");
                }));
        assertTrue(store.all(account.sid()).isEmpty());
    }

    @Test
    void eachChangeOfATriggerIsAnEventOfItsAccountNamingWhatChanged() {
        UsageTrigger trigger = triggers.create(account, actor, spec(absolute("5"), HOOK));
        update(trigger, new UsageTriggerChange(Optional.empty(), Optional.of("GET"), Optional.of("reads")));
        triggers.delete(account, actor, trigger.sid());
        // The clock stands still: the events are told apart by type, not by date.
        Map<String, Event> logged = log.list(account.sid(), NO_FILTER, NOW, 50, Optional.empty()).items().stream()
                .collect(Collectors.toMap(Event::eventType, event -> event));
        assertEquals(
                Set.of(
                        MonitorEventTypes.USAGE_TRIGGER_CREATED,
                        MonitorEventTypes.USAGE_TRIGGER_UPDATED,
                        MonitorEventTypes.USAGE_TRIGGER_DELETED),
                logged.keySet());
        assertTrue(logged.values().stream().allMatch(event -> trigger.sid().equals(event.resourceSid())));
        assertEquals(
                "{\"resource_properties\":{\"callback_method\":{\"previous\":\"POST\",\"updated\":\"GET\"}}}",
                logged.get(MonitorEventTypes.USAGE_TRIGGER_UPDATED).eventData().text(),
                "the unchanged friendly name is not a change");
        String deleted =
                logged.get(MonitorEventTypes.USAGE_TRIGGER_DELETED).eventData().text();
        assertTrue(deleted.contains("\"friendly_name\":{\"previous\":\"reads\"}"), deleted);
        assertTrue(log.list(other.sid(), NO_FILTER, NOW, 50, Optional.empty())
                .items()
                .isEmpty());
    }

    private static final EventFilter NO_FILTER = new EventFilter(
            Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());

    private UsageTrigger update(UsageTrigger trigger, UsageTriggerChange change) {
        return triggers.update(account, actor, trigger.sid(), () -> change);
    }

    private static List<String> fields(DomainException.Invalid error) {
        return error.fieldErrors().stream().map(FieldError::field).toList();
    }
}
