package dev.monitor.api;

import dev.monitor.errors.DomainException;
import dev.monitor.errors.FieldError;
import dev.monitor.usage.Recurring;
import dev.monitor.usage.TriggerBy;
import dev.monitor.usage.UsageCategory;
import dev.monitor.usage.UsageTriggerChange;
import dev.monitor.usage.UsageTriggerSpec;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * Reads Twilio's form of {@code POST .../Usage/Triggers.json} (create) and {@code POST .../Usage/Triggers/{Sid}.json}
 * (update). Every problem is named in one 400, the callback URL's refusal by the SSRF policy among them: that check is
 * the domain's, which it makes again on what this lets through, so here it is asked only when the request is refused
 * anyway.
 */
final class UsageTriggerParser {
    static final int MAX_FRIENDLY_NAME_LENGTH = 64;
    /** The form fields of Twilio's create and update requests. */
    static final Set<String> FIELDS = Set.of(
            "CallbackUrl", "CallbackMethod", "FriendlyName", "TriggerValue", "UsageCategory", "TriggerBy", "Recurring");

    private static final List<String> FIXED_AFTER_CREATION =
            List.of("TriggerValue", "UsageCategory", "TriggerBy", "Recurring");
    private static final Pattern VALUE = Pattern.compile("\\+?[0-9]{1,15}(\\.[0-9]{1,10})?");
    private static final Set<String> METHODS = Set.of("GET", "POST");

    private final Function<String, Optional<String>> callbackUrlRefusal;

    /** {@code callbackUrlRefusal}: why the domain refuses a callback URL, if it does. */
    UsageTriggerParser(Function<String, Optional<String>> callbackUrlRefusal) {
        this.callbackUrlRefusal = callbackUrlRefusal;
    }

    UsageTriggerSpec create(Map<String, String> form) {
        List<FieldError> errors = new ArrayList<>();
        Optional<String> callbackUrl = required(form, "CallbackUrl", errors);
        int callbackUrlErrorAt = errors.size();
        String method = callbackMethod(form, errors).orElse("POST");
        String friendlyName = friendlyName(form, errors).orElse("");
        Optional<UsageCategory> category = required(form, "UsageCategory", errors)
                .flatMap(value -> known(
                        value,
                        UsageCategory::fromWire,
                        "UsageCategory",
                        "must be one of " + UsageCategory.wireNames(),
                        errors));
        TriggerBy triggerBy = Optional.ofNullable(form.get("TriggerBy"))
                .flatMap(value ->
                        known(value, TriggerBy::fromWire, "TriggerBy", "must be one of count, usage, price", errors))
                .orElse(TriggerBy.COUNT);
        // Twilio's trigger without Recurring fires once: that is what alltime means here.
        Recurring recurring = Optional.ofNullable(form.get("Recurring"))
                .filter(value -> !value.isEmpty())
                .flatMap(value -> known(
                        value,
                        Recurring::fromWire,
                        "Recurring",
                        "must be one of daily, monthly, yearly, alltime",
                        errors))
                .orElse(Recurring.ALLTIME);
        Optional<UsageTriggerSpec.Threshold> threshold =
                required(form, "TriggerValue", errors).flatMap(text -> threshold(text, errors));
        refuse(errors, callbackUrl, callbackUrlErrorAt);
        return new UsageTriggerSpec(
                category.orElseThrow(),
                triggerBy,
                recurring,
                threshold.orElseThrow(),
                callbackUrl.orElseThrow(),
                method,
                friendlyName);
    }

    UsageTriggerChange change(Map<String, String> form) {
        List<FieldError> errors = new ArrayList<>();
        for (String fixed : FIXED_AFTER_CREATION) {
            if (form.containsKey(fixed)) {
                errors.add(FieldError.of(fixed, "cannot be changed: create a new trigger instead"));
            }
        }
        Optional<String> callbackUrl =
                form.containsKey("CallbackUrl") ? required(form, "CallbackUrl", errors) : Optional.empty();
        int callbackUrlErrorAt = errors.size();
        Optional<String> method = callbackMethod(form, errors);
        Optional<String> friendlyName = friendlyName(form, errors);
        refuse(errors, callbackUrl, callbackUrlErrorAt);
        return new UsageTriggerChange(callbackUrl, method, friendlyName);
    }

    /**
     * Refuses the request if anything in it is wrong, naming the callback URL's refusal by the domain too, in its
     * place among the form's problems.
     */
    private void refuse(List<FieldError> errors, Optional<String> callbackUrl, int callbackUrlErrorAt) {
        if (errors.isEmpty()) {
            return;
        }
        callbackUrl
                .flatMap(callbackUrlRefusal)
                .ifPresent(problem -> errors.add(callbackUrlErrorAt, FieldError.of("CallbackUrl", problem)));
        throw DomainException.Invalid.fields(errors);
    }

    private static <T> Optional<T> known(
            String value, Function<String, Optional<T>> fromWire, String field, String rule, List<FieldError> errors) {
        Optional<T> known = fromWire.apply(value);
        if (known.isEmpty()) {
            errors.add(FieldError.of(field, rule + " (got '" + value + "')"));
        }
        return known;
    }

    private static Optional<UsageTriggerSpec.Threshold> threshold(String text, List<FieldError> errors) {
        if (!VALUE.matcher(text).matches()) {
            errors.add(FieldError.of(
                    "TriggerValue",
                    "must be a number such as 100 or 2.50, or an offset from the current usage such as +100 (got '"
                            + text + "')"));
            return Optional.empty();
        }
        return Optional.of(
                text.startsWith("+")
                        ? UsageTriggerSpec.Threshold.aboveCurrent(new BigDecimal(text.substring(1)))
                        : UsageTriggerSpec.Threshold.absolute(new BigDecimal(text)));
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
}
