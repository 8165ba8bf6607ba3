package dev.monitor.usage;

import dev.monitor.accounts.Account;
import dev.monitor.audit.Actor;
import dev.monitor.audit.AuditTrail;
import dev.monitor.audit.AuditedChange;
import dev.monitor.audit.ChangedMeanwhile;
import dev.monitor.audit.MonitorEventTypes;
import dev.monitor.audit.PropertyChange;
import dev.monitor.errors.DomainException;
import dev.monitor.errors.FieldError;
import dev.monitor.ids.Sids;
import dev.monitor.notify.DisabledDestinations;
import dev.monitor.notify.WebhookTargets;
import dev.monitor.paging.Page;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Twilio's usage triggers: creating, reading, changing and deleting them. The request's form is read at the edge; what
 * is checked here is what needs the domain: the callback URL against the SSRF policy, the per-account limit, and the
 * usage a {@code +N} trigger value counts from.
 */
public final class UsageTriggers {
    public static final int MAX_PER_ACCOUNT = 1000;

    private final TriggerStore store;
    private final UsageRecords usage;
    private final WebhookTargets targets;
    private final DisabledDestinations disabledDestinations;
    private final AuditTrail audit;
    private final Clock clock;

    public UsageTriggers(
            TriggerStore store,
            UsageRecords usage,
            WebhookTargets targets,
            DisabledDestinations disabledDestinations,
            AuditTrail audit,
            Clock clock) {
        this.store = store;
        this.usage = usage;
        this.targets = targets;
        this.disabledDestinations = disabledDestinations;
        this.audit = audit;
        this.clock = clock;
    }

    /** Creates a trigger; a trigger value above the current usage is that much more than the usage now. */
    public UsageTrigger create(Account account, Actor actor, UsageTriggerSpec spec) {
        account.checkWritable();
        String accountSid = account.sid();
        refuseCallbackUrl(spec.callbackUrl());
        Instant now = clock.instant();
        BigDecimal current =
                usage.current(accountSid, spec.category(), spec.recurring()).field(spec.triggerBy());
        UsageTrigger trigger = new UsageTrigger(
                Sids.random("UT"),
                accountSid,
                spec.friendlyName(),
                spec.callbackUrl(),
                spec.callbackMethod(),
                spec.category(),
                spec.triggerBy(),
                spec.recurring(),
                spec.threshold().valueGiven(current),
                current,
                now,
                now,
                Optional.empty(),
                Optional.empty());
        AuditedChange created = AuditedChange.of(
                        MonitorEventTypes.USAGE_TRIGGER_CREATED,
                        trigger.sid(),
                        "Usage trigger '" + trigger.friendlyName() + "' was created")
                .with(properties(Optional.empty(), Optional.of(trigger)));
        try {
            store.create(trigger, MAX_PER_ACCOUNT, audit.events(accountSid, actor, created, now));
        } catch (TriggerStore.LimitReached e) {
            throw new DomainException.Invalid(
                    "An account may have at most " + MAX_PER_ACCOUNT + " usage triggers; delete one first");
        }
        // Saving a callback URL is the account asking for it, even one its receiver disabled with 410 Gone.
        disabledDestinations.enable(accountSid, spec.callbackUrl());
        return trigger;
    }

    /** The trigger, its current value the usage of its period now, as Twilio reports it. */
    public UsageTrigger fetch(String accountSid, String sid) {
        return Optional.of(sid)
                .filter(value -> Sids.isSid("UT", value))
                .flatMap(valid -> store.find(accountSid, valid))
                .map(this::withCurrentValue)
                .orElseThrow(() -> notFound(accountSid, sid));
    }

    /**
     * Changes what Twilio lets change of a trigger: the callback URL and method, and the friendly name, on the trigger
     * as it is, read again when another change came first, so that concurrent changes of different fields both stand.
     * The change is read only once the trigger is found, so an unknown trigger is not found whatever the change says.
     */
    public UsageTrigger update(Account account, Actor actor, String sid, Supplier<UsageTriggerChange> readChange) {
        account.checkWritable();
        fetch(account.sid(), sid);
        UsageTriggerChange change = readChange.get();
        change.callbackUrl().ifPresent(this::refuseCallbackUrl);
        UsageTrigger updated = ChangedMeanwhile.retry(() -> {
            UsageTrigger current = store.find(account.sid(), sid).orElseThrow(() -> notFound(account.sid(), sid));
            Instant now = clock.instant();
            UsageTrigger changed = current.changedBy(change, ChangedMeanwhile.dateUpdated(current.dateUpdated(), now));
            PropertyChange.Diff diff = properties(Optional.of(current), Optional.of(changed));
            if (diff.isEmpty()) {
                return current;
            }
            AuditedChange audited = AuditedChange.of(
                            MonitorEventTypes.USAGE_TRIGGER_UPDATED,
                            sid,
                            "Usage trigger '" + changed.friendlyName() + "' was changed")
                    .with(diff);
            store.update(changed, current.dateUpdated(), audit.events(account.sid(), actor, audited, now));
            return changed;
        });
        change.callbackUrl().ifPresent(url -> disabledDestinations.enable(account.sid(), url));
        return withCurrentValue(updated);
    }

    public void delete(Account account, Actor actor, String sid) {
        account.checkWritable();
        UsageTrigger trigger = fetch(account.sid(), sid);
        AuditedChange deleted = AuditedChange.of(
                        MonitorEventTypes.USAGE_TRIGGER_DELETED,
                        sid,
                        "Usage trigger '" + trigger.friendlyName() + "' was deleted")
                .with(properties(Optional.of(trigger), Optional.empty()));
        if (!store.delete(account.sid(), sid, audit.events(account.sid(), actor, deleted, clock.instant()))) {
            throw notFound(account.sid(), sid);
        }
    }

    /** What an event says of a trigger's settings, before and after its change (absent: created, deleted). */
    private static PropertyChange.Diff properties(Optional<UsageTrigger> before, Optional<UsageTrigger> after) {
        return new PropertyChange.Diff()
                .property(
                        "friendly_name", before.map(UsageTrigger::friendlyName), after.map(UsageTrigger::friendlyName))
                .property("callback_url", before.map(UsageTrigger::callbackUrl), after.map(UsageTrigger::callbackUrl))
                .property(
                        "callback_method",
                        before.map(UsageTrigger::callbackMethod),
                        after.map(UsageTrigger::callbackMethod))
                .property(
                        "usage_category",
                        before.map(trigger -> trigger.category().wireName()),
                        after.map(trigger -> trigger.category().wireName()))
                .property(
                        "trigger_by",
                        before.map(trigger -> trigger.triggerBy().wireName()),
                        after.map(trigger -> trigger.triggerBy().wireName()))
                .property(
                        "recurring",
                        before.map(trigger -> trigger.recurring().wireName()),
                        after.map(trigger -> trigger.recurring().wireName()))
                .property(
                        "trigger_value",
                        before.map(trigger -> trigger.triggerValue().toPlainString()),
                        after.map(trigger -> trigger.triggerValue().toPlainString()));
    }

    /** A page of triggers, each with its current value now, from the account's counters read once. */
    public Page<UsageTrigger> list(String accountSid, TriggerFilter filter, int pageSize, Optional<String> cursor) {
        Page<UsageTrigger> page = store.list(accountSid, filter, pageSize, cursor);
        if (page.items().isEmpty()) {
            return page;
        }
        LocalDate today = usage.today();
        UsageLedger ledger = usage.currentLedger(accountSid, today);
        return page.map(trigger -> trigger.withCurrentValue(currentValue(trigger, ledger, today)));
    }

    private UsageTrigger withCurrentValue(UsageTrigger trigger) {
        LocalDate today = usage.today();
        return trigger.withCurrentValue(currentValue(trigger, usage.currentLedger(trigger.accountSid(), today), today));
    }

    private static BigDecimal currentValue(UsageTrigger trigger, UsageLedger ledger, LocalDate today) {
        return ledger.measure(trigger.category(), trigger.recurring().periodStart(today), today)
                .field(trigger.triggerBy());
    }

    /**
     * Why the SSRF policy refuses {@code url} as a callback, if it does: for the edge, which names this problem with
     * the others of the same request.
     */
    public Optional<String> callbackUrlRefusal(String url) {
        try {
            targets.check(url);
            return Optional.empty();
        } catch (WebhookTargets.RefusedTarget refused) {
            return Optional.of(refused.getMessage());
        }
    }

    private void refuseCallbackUrl(String url) {
        callbackUrlRefusal(url).ifPresent(problem -> {
            throw DomainException.Invalid.fields(List.of(FieldError.of("CallbackUrl", problem)));
        });
    }

    private static DomainException.NotFound notFound(String accountSid, String sid) {
        return new DomainException.NotFound("The requested resource /2010-04-01/Accounts/" + accountSid
                + "/Usage/Triggers/" + sid + ".json was not found");
    }
}
