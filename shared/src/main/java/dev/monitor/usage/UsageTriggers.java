package dev.monitor.usage;

import dev.monitor.errors.DomainException;
import dev.monitor.errors.FieldError;
import dev.monitor.ids.Sids;
import dev.monitor.notify.DisabledDestinations;
import dev.monitor.notify.WebhookTargets;
import dev.monitor.paging.Page;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
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
    private final Clock clock;

    public UsageTriggers(
            TriggerStore store,
            UsageRecords usage,
            WebhookTargets targets,
            DisabledDestinations disabledDestinations,
            Clock clock) {
        this.store = store;
        this.usage = usage;
        this.targets = targets;
        this.disabledDestinations = disabledDestinations;
        this.clock = clock;
    }

    /** Creates a trigger; a trigger value above the current usage is that much more than the usage now. */
    public UsageTrigger create(String accountSid, UsageTriggerSpec spec) {
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
        try {
            store.create(trigger, MAX_PER_ACCOUNT);
        } catch (TriggerStore.LimitReached e) {
            throw new DomainException.Invalid(
                    "An account may have at most " + MAX_PER_ACCOUNT + " usage triggers; delete one first");
        }
        // Saving a callback URL is the account asking for it, even one its receiver disabled with 410 Gone.
        disabledDestinations.enable(accountSid, spec.callbackUrl());
        return trigger;
    }

    public UsageTrigger fetch(String accountSid, String sid) {
        return Optional.of(sid)
                .filter(value -> Sids.isSid("UT", value))
                .flatMap(valid -> store.find(accountSid, valid))
                .orElseThrow(() -> notFound(accountSid, sid));
    }

    /**
     * Changes what Twilio lets change of a trigger: the callback URL and method, and the friendly name. The change is
     * read only once the trigger is found, so an unknown trigger is not found whatever the change says.
     */
    public UsageTrigger update(String accountSid, String sid, Supplier<UsageTriggerChange> readChange) {
        UsageTrigger current = fetch(accountSid, sid);
        UsageTriggerChange change = readChange.get();
        change.callbackUrl().ifPresent(this::refuseCallbackUrl);
        String callbackUrl = change.callbackUrl().orElse(current.callbackUrl());
        String method = change.callbackMethod().orElse(current.callbackMethod());
        String friendlyName = change.friendlyName().orElse(current.friendlyName());
        UsageTrigger updated = new UsageTrigger(
                current.sid(),
                accountSid,
                friendlyName,
                callbackUrl,
                method,
                current.category(),
                current.triggerBy(),
                current.recurring(),
                current.triggerValue(),
                current.currentValue(),
                current.dateCreated(),
                clock.instant(),
                current.dateFired(),
                current.firedPeriod());
        if (!store.update(updated)) {
            throw notFound(accountSid, current.sid());
        }
        change.callbackUrl().ifPresent(url -> disabledDestinations.enable(accountSid, url));
        return updated;
    }

    public void delete(String accountSid, String sid) {
        if (!Sids.isSid("UT", sid) || !store.delete(accountSid, sid)) {
            throw notFound(accountSid, sid);
        }
    }

    public Page<UsageTrigger> list(String accountSid, TriggerFilter filter, int pageSize, Optional<String> cursor) {
        return store.list(accountSid, filter, pageSize, cursor);
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
