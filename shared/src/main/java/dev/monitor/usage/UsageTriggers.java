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
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/** Twilio's usage triggers: creating, reading, changing and deleting them, with the checks the API makes. */
public final class UsageTriggers {
    public static final int MAX_PER_ACCOUNT = 1000;
    public static final int MAX_FRIENDLY_NAME_LENGTH = 64;
    private static final Pattern VALUE = Pattern.compile("\\+?[0-9]{1,15}(\\.[0-9]{1,10})?");
    private static final Set<String> METHODS = Set.of("GET", "POST");
    /** The form fields of Twilio's create and update requests. */
    public static final Set<String> FIELDS = Set.of(
            "CallbackUrl", "CallbackMethod", "FriendlyName", "TriggerValue", "UsageCategory", "TriggerBy", "Recurring");

    private static final Set<String> FIXED_AFTER_CREATION =
            Set.of("TriggerValue", "UsageCategory", "TriggerBy", "Recurring");

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

    /** Creates a trigger from Twilio's form parameters; a {@code +N} trigger value is N more than the usage now. */
    public UsageTrigger create(String accountSid, Map<String, String> form) {
        List<FieldError> errors = new ArrayList<>();
        String callbackUrl = callbackUrl(form, errors);
        String method = callbackMethod(form, errors).orElse("POST");
        String friendlyName = friendlyName(form, errors).orElse("");
        Optional<UsageCategory> category = required(form, "UsageCategory", errors)
                .flatMap(value -> {
                    Optional<UsageCategory> known = UsageCategory.fromWire(value);
                    if (known.isEmpty()) {
                        errors.add(FieldError.of(
                                "UsageCategory",
                                "must be one of " + UsageCategory.wireNames() + " (got '" + value + "')"));
                    }
                    return known;
                });
        TriggerBy triggerBy = Optional.ofNullable(form.get("TriggerBy"))
                .flatMap(value -> {
                    Optional<TriggerBy> known = TriggerBy.fromWire(value);
                    if (known.isEmpty()) {
                        errors.add(
                                FieldError.of("TriggerBy", "must be one of count, usage, price (got '" + value + "')"));
                    }
                    return known;
                })
                .orElse(TriggerBy.COUNT);
        // Twilio's trigger without Recurring fires once: that is what alltime means here.
        Recurring recurring = Optional.ofNullable(form.get("Recurring"))
                .filter(value -> !value.isEmpty())
                .flatMap(value -> {
                    Optional<Recurring> known = Recurring.fromWire(value);
                    if (known.isEmpty()) {
                        errors.add(FieldError.of(
                                "Recurring", "must be one of daily, monthly, yearly, alltime (got '" + value + "')"));
                    }
                    return known;
                })
                .orElse(Recurring.ALLTIME);
        Optional<String> value = required(form, "TriggerValue", errors).filter(text -> {
            boolean valid = VALUE.matcher(text).matches();
            if (!valid) {
                errors.add(FieldError.of(
                        "TriggerValue",
                        "must be a number such as 100 or 2.50, or an offset from the current usage such as +100 (got '"
                                + text + "')"));
            }
            return valid;
        });
        if (!errors.isEmpty()) {
            throw DomainException.Invalid.fields(errors);
        }
        Instant now = clock.instant();
        BigDecimal current =
                usage.current(accountSid, category.get(), recurring).field(triggerBy);
        BigDecimal triggerValue = value.get().startsWith("+")
                ? current.add(new BigDecimal(value.get().substring(1)))
                : new BigDecimal(value.get());
        UsageTrigger trigger = new UsageTrigger(
                Sids.random("UT"),
                accountSid,
                friendlyName,
                callbackUrl,
                method,
                category.get(),
                triggerBy,
                recurring,
                triggerValue,
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
        disabledDestinations.enable(accountSid, callbackUrl);
        return trigger;
    }

    public UsageTrigger fetch(String accountSid, String sid) {
        return Optional.of(sid)
                .filter(value -> Sids.isSid("UT", value))
                .flatMap(valid -> store.find(accountSid, valid))
                .orElseThrow(() -> notFound(accountSid, sid));
    }

    /** Changes what Twilio lets change: the callback URL and method, and the friendly name. */
    public UsageTrigger update(String accountSid, String sid, Map<String, String> form) {
        UsageTrigger current = fetch(accountSid, sid);
        List<FieldError> errors = new ArrayList<>();
        for (String fixed : FIXED_AFTER_CREATION) {
            if (form.containsKey(fixed)) {
                errors.add(FieldError.of(fixed, "cannot be changed: create a new trigger instead"));
            }
        }
        String callbackUrl = form.containsKey("CallbackUrl") ? callbackUrl(form, errors) : current.callbackUrl();
        String method = callbackMethod(form, errors).orElse(current.callbackMethod());
        String friendlyName = friendlyName(form, errors).orElse(current.friendlyName());
        if (!errors.isEmpty()) {
            throw DomainException.Invalid.fields(errors);
        }
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
            throw notFound(accountSid, sid);
        }
        if (form.containsKey("CallbackUrl")) {
            disabledDestinations.enable(accountSid, callbackUrl);
        }
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

    private String callbackUrl(Map<String, String> form, List<FieldError> errors) {
        Optional<String> url = required(form, "CallbackUrl", errors);
        url.ifPresent(value -> {
            try {
                targets.check(value);
            } catch (WebhookTargets.RefusedTarget refused) {
                errors.add(FieldError.of("CallbackUrl", refused.getMessage()));
            }
        });
        return url.orElse(null);
    }

    private static Optional<String> callbackMethod(Map<String, String> form, List<FieldError> errors) {
        return Optional.ofNullable(form.get("CallbackMethod"))
                .map(value -> value.toUpperCase(Locale.ROOT))
                .filter(method -> {
                    boolean valid = METHODS.contains(method);
                    if (!valid) {
                        errors.add(FieldError.of("CallbackMethod", "must be GET or POST (got '" + method + "')"));
                    }
                    return valid;
                });
    }

    private static Optional<String> friendlyName(Map<String, String> form, List<FieldError> errors) {
        return Optional.ofNullable(form.get("FriendlyName")).filter(name -> {
            boolean valid = name.length() <= MAX_FRIENDLY_NAME_LENGTH;
            if (!valid) {
                errors.add(
                        FieldError.of("FriendlyName", "must be at most " + MAX_FRIENDLY_NAME_LENGTH + " characters"));
            }
            return valid;
        });
    }

    private static Optional<String> required(Map<String, String> form, String name, List<FieldError> errors) {
        Optional<String> value = Optional.ofNullable(form.get(name)).filter(text -> !text.isBlank());
        if (value.isEmpty()) {
            errors.add(FieldError.of(name, "is required"));
        }
        return value;
    }

    private static DomainException.NotFound notFound(String accountSid, String sid) {
        return new DomainException.NotFound("The requested resource /2010-04-01/Accounts/" + accountSid
                + "/Usage/Triggers/" + sid + ".json was not found");
    }
}
