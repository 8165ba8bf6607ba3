package dev.monitor.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.monitor.errors.DomainException;
import dev.monitor.errors.FieldError;
import dev.monitor.usage.Recurring;
import dev.monitor.usage.TriggerBy;
import dev.monitor.usage.UsageCategory;
import dev.monitor.usage.UsageTriggerChange;
import dev.monitor.usage.UsageTriggerSpec;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class UsageTriggerParserTest {
    private static final String HOOK = "https://hooks.example.com/usage";
    private static final String INSIDE = "http://127.0.0.1/usage";

    /** The callback URLs the domain was asked about; it refuses {@link #INSIDE}. */
    private final List<String> asked = new ArrayList<>();

    private final UsageTriggerParser parser = new UsageTriggerParser(url -> {
        asked.add(url);
        return url.equals(INSIDE) ? Optional.of("must not point inside") : Optional.empty();
    });

    private static Map<String, String> form(String... namesAndValues) {
        Map<String, String> form = new LinkedHashMap<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            form.put(namesAndValues[i], namesAndValues[i + 1]);
        }
        return form;
    }

    private static List<FieldError> errors(Runnable parse) {
        return assertThrows(DomainException.Invalid.class, parse::run).fieldErrors();
    }

    @Test
    void readsEveryFieldOfACreate() {
        UsageTriggerSpec spec = parser.create(form(
                "CallbackUrl", HOOK,
                "CallbackMethod", "get",
                "FriendlyName", "reads",
                "UsageCategory", "monitor-reads",
                "TriggerBy", "usage",
                "Recurring", "monthly",
                "TriggerValue", "+100"));
        assertEquals(
                new UsageTriggerSpec(
                        UsageCategory.MONITOR_READS,
                        TriggerBy.USAGE,
                        Recurring.MONTHLY,
                        UsageTriggerSpec.Threshold.aboveCurrent(new BigDecimal("100")),
                        HOOK,
                        "GET",
                        "reads"),
                spec);
        assertEquals(List.of(), asked, "a valid form leaves the callback URL to the domain");
    }

    @Test
    void aCreateDefaultsToACountThatFiresOnceWithPost() {
        UsageTriggerSpec spec = parser.create(
                form("CallbackUrl", HOOK, "UsageCategory", "totalprice", "TriggerValue", "2.50", "Recurring", ""));
        assertEquals(
                new UsageTriggerSpec(
                        UsageCategory.TOTAL_PRICE,
                        TriggerBy.COUNT,
                        Recurring.ALLTIME,
                        UsageTriggerSpec.Threshold.absolute(new BigDecimal("2.50")),
                        HOOK,
                        "POST",
                        ""),
                spec);
    }

    @Test
    void namesEveryProblemOfACreateInTheFormsOrder() {
        assertEquals(
                List.of(
                        FieldError.of("CallbackUrl", "is required"),
                        FieldError.of("CallbackMethod", "must be GET or POST (got 'PUT')"),
                        FieldError.of("FriendlyName", "must be at most 64 characters"),
                        FieldError.of(
                                "UsageCategory",
                                "must be one of monitor-writes, monitor-reads, monitor-storage, totalprice (got 'calls')"),
                        FieldError.of("TriggerBy", "must be one of count, usage, price (got 'minutes')"),
                        FieldError.of("Recurring", "must be one of daily, monthly, yearly, alltime (got 'hourly')"),
                        FieldError.of(
                                "TriggerValue",
                                "must be a number such as 100 or 2.50, or an offset from the current usage such as"
                                        + " +100 (got '-3')")),
                errors(() -> parser.create(form(
                        "CallbackUrl", " ",
                        "CallbackMethod", "put",
                        "FriendlyName", "x".repeat(65),
                        "UsageCategory", "calls",
                        "TriggerBy", "minutes",
                        "Recurring", "hourly",
                        "TriggerValue", "-3"))));
        assertEquals(
                List.of(FieldError.of("UsageCategory", "is required"), FieldError.of("TriggerValue", "is required")),
                errors(() -> parser.create(form("CallbackUrl", HOOK))));
    }

    @Test
    void aRefusedCallbackUrlIsNamedFirstWithTheFormsOtherProblems() {
        assertEquals(
                List.of(
                        FieldError.of("CallbackUrl", "must not point inside"),
                        FieldError.of("TriggerBy", "must be one of count, usage, price (got 'minutes')")),
                errors(() -> parser.create(form(
                        "CallbackUrl", INSIDE,
                        "UsageCategory", "monitor-writes",
                        "TriggerBy", "minutes",
                        "TriggerValue", "5"))));
        assertEquals(
                List.of(
                        FieldError.of("TriggerValue", "cannot be changed: create a new trigger instead"),
                        FieldError.of("CallbackUrl", "must not point inside"),
                        FieldError.of("CallbackMethod", "must be GET or POST (got 'PATCH')")),
                errors(() ->
                        parser.change(form("CallbackMethod", "patch", "CallbackUrl", INSIDE, "TriggerValue", "20"))));
    }

    @Test
    void aChangeHoldsWhatTheFormSets() {
        assertEquals(
                new UsageTriggerChange(Optional.of(HOOK), Optional.of("POST"), Optional.of("")),
                parser.change(form("CallbackUrl", HOOK, "CallbackMethod", "post", "FriendlyName", "")));
        assertEquals(
                new UsageTriggerChange(Optional.empty(), Optional.empty(), Optional.empty()), parser.change(form()));
        assertEquals(List.of(), asked);
    }

    @Test
    void aChangeRefusesWhatIsFixedAfterCreationAndABlankCallbackUrl() {
        List<FieldError> errors = errors(() -> parser.change(form(
                "Recurring",
                "daily",
                "UsageCategory",
                "monitor-writes",
                "TriggerBy",
                "count",
                "TriggerValue",
                "1",
                "CallbackUrl",
                "")));
        assertEquals(
                List.of(
                        FieldError.of("TriggerValue", "cannot be changed: create a new trigger instead"),
                        FieldError.of("UsageCategory", "cannot be changed: create a new trigger instead"),
                        FieldError.of("TriggerBy", "cannot be changed: create a new trigger instead"),
                        FieldError.of("Recurring", "cannot be changed: create a new trigger instead"),
                        FieldError.of("CallbackUrl", "is required")),
                errors);
        DomainException.Invalid invalid =
                assertThrows(DomainException.Invalid.class, () -> parser.change(form("TriggerValue", "20")));
        assertTrue(
                invalid.getMessage()
                        .equals("Invalid request: TriggerValue cannot be changed: create a new trigger instead"),
                invalid.getMessage());
    }
}
