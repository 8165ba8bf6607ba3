package dev.monitor.api;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.monitor.accounts.Account;
import dev.monitor.connect.Permission;
import dev.monitor.errors.DomainException;
import dev.monitor.jackson.Json;
import dev.monitor.paging.Page;
import dev.monitor.usage.Recurring;
import dev.monitor.usage.TriggerBy;
import dev.monitor.usage.TriggerFilter;
import dev.monitor.usage.UsageCategory;
import dev.monitor.usage.UsageCheck;
import dev.monitor.usage.UsageOwner;
import dev.monitor.usage.UsageRecord;
import dev.monitor.usage.UsageRecords;
import dev.monitor.usage.UsageTrigger;
import dev.monitor.usage.UsageTriggers;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/** Twilio's 2010-04-01 Usage Records and Usage Triggers, under {@code /2010-04-01/Accounts/{AccountSid}/Usage}. */
final class UsageResource {
    private static final String API_VERSION = "2010-04-01";
    private static final String USAGE = "/2010-04-01/Accounts/{AccountSid}/Usage";
    /** The subresources of Usage Records, by their key in {@code subresource_uris}, and their paths. */
    private static final Map<String, String> RECORD_SUBRESOURCES = subresources();

    private final UsageRecords records;
    private final UsageTriggers triggers;
    private final UsageTriggerParser triggerParser;
    private final Access access;
    private final Paging paging;
    private final Clock clock;

    UsageResource(UsageRecords records, UsageTriggers triggers, Access access, Paging paging, Clock clock) {
        this.records = records;
        this.triggers = triggers;
        this.triggerParser = new UsageTriggerParser(triggers::callbackUrlRefusal);
        this.access = access;
        this.paging = paging;
        this.clock = clock;
    }

    /** One kind of usage record list: how it cuts its range, and the range it covers unless the request says. */
    private record RecordList(
            UsageRecords.Grouping grouping,
            Function<Account, LocalDate> defaultStart,
            Function<LocalDate, LocalDate> defaultEnd) {}

    void register(Router router) {
        Function<Account, LocalDate> sinceCreated =
                account -> LocalDate.ofInstant(account.dateCreated(), ZoneOffset.UTC);
        Function<LocalDate, LocalDate> today = day -> day;
        addRecords(router, "/Records.json", new RecordList(UsageRecords.Grouping.WHOLE_RANGE, sinceCreated, today));
        addRecords(router, "/Records/Daily.json", new RecordList(UsageRecords.Grouping.DAILY, sinceCreated, today));
        addRecords(router, "/Records/Monthly.json", new RecordList(UsageRecords.Grouping.MONTHLY, sinceCreated, today));
        addRecords(router, "/Records/Yearly.json", new RecordList(UsageRecords.Grouping.YEARLY, sinceCreated, today));
        addRecords(
                router,
                "/Records/AllTime.json",
                new RecordList(UsageRecords.Grouping.WHOLE_RANGE, sinceCreated, today));
        addFixedRecords(router, "/Records/Today.json", day -> day, day -> day);
        addFixedRecords(router, "/Records/Yesterday.json", day -> day.minusDays(1), day -> day.minusDays(1));
        addFixedRecords(router, "/Records/ThisMonth.json", day -> day.withDayOfMonth(1), day -> day);
        addFixedRecords(
                router,
                "/Records/LastMonth.json",
                day -> day.minusMonths(1).withDayOfMonth(1),
                day -> day.withDayOfMonth(1).minusDays(1));
        router.add("POST", USAGE + "/Triggers.json", (request, path) -> createTrigger(request, path.get("AccountSid")))
                .list(
                        USAGE + "/Triggers.json",
                        Set.of("Recurring", "TriggerBy", "UsageCategory"),
                        (request, path) -> listTriggers(request, path.get("AccountSid")))
                .add(
                        "GET",
                        USAGE + "/Triggers/{Sid}.json",
                        (request, path) -> fetchTrigger(request, path.get("AccountSid"), path.get("Sid")))
                .add(
                        "POST",
                        USAGE + "/Triggers/{Sid}.json",
                        (request, path) -> updateTrigger(request, path.get("AccountSid"), path.get("Sid")))
                .add(
                        "DELETE",
                        USAGE + "/Triggers/{Sid}.json",
                        (request, path) -> deleteTrigger(request, path.get("AccountSid"), path.get("Sid")));
    }

    private void addRecords(Router router, String path, RecordList list) {
        router.list(
                USAGE + path,
                Set.of("Category", "StartDate", "EndDate", "IncludeSubaccounts"),
                (request, parameters) -> listRecords(request, parameters.get("AccountSid"), list));
    }

    /** Today, Yesterday, ThisMonth, LastMonth: one record per category for a range relative to today (GMT). */
    private void addFixedRecords(
            Router router, String path, Function<LocalDate, LocalDate> start, Function<LocalDate, LocalDate> end) {
        addRecords(
                router,
                path,
                new RecordList(
                        UsageRecords.Grouping.WHOLE_RANGE,
                        account -> start.apply(records.today()),
                        day -> end.apply(day)));
    }

    /** The account of the path, for what {@code needed} allows when reached through a Connect app. */
    private Account account(HttpRequest request, String accountSid, Permission needed) {
        return access.account(request, accountSid, needed);
    }

    private HttpResponse listRecords(HttpRequest request, String accountSid, RecordList list) {
        Account account = account(request, accountSid, Permission.GET_ALL);
        Map<String, String> echoed = new LinkedHashMap<>();
        Optional<UsageCategory> category = request.queryParameter("Category")
                .map(value -> UsageCategory.fromWire(value)
                        .orElseThrow(() -> new DomainException.Invalid(
                                "Category must be one of " + UsageCategory.wireNames() + " (got '" + value + "')")));
        category.ifPresent(value -> echoed.put("Category", value.wireName()));
        LocalDate today = records.today();
        LocalDate start = date(request, "StartDate", echoed)
                .orElseGet(() -> list.defaultStart().apply(account));
        LocalDate end = date(request, "EndDate", echoed)
                .orElseGet(() -> list.defaultEnd().apply(today));
        if (start.isAfter(end)) {
            throw new DomainException.Invalid("StartDate must not be after EndDate");
        }
        // As in Twilio, a main account's usage includes its subaccounts' unless IncludeSubaccounts=false.
        boolean includeSubaccounts = request.queryParameter("IncludeSubaccounts")
                .map(value -> {
                    if (!value.equals("true") && !value.equals("false")) {
                        throw new DomainException.Invalid(
                                "IncludeSubaccounts must be true or false (got '" + value + "')");
                    }
                    echoed.put("IncludeSubaccounts", value);
                    return value.equals("true");
                })
                .orElse(true);
        Paging.Listing listing = paging.read(request, account.sid(), echoed);
        Optional<UsageRecords.DateRange> range = UsageRecords.usable(start, end, account.dateCreated(), today);
        // A main account's usage is its family's, rolled up as it is metered: one read however many subaccounts.
        UsageOwner owner = includeSubaccounts && !account.isSubaccount()
                ? UsageOwner.family(account.sid())
                : UsageOwner.account(account.sid());
        int offset = listing.cursor().map(UsageResource::offset).orElse(0);
        UsageRecords.RecordsPage page = range.isEmpty()
                ? new UsageRecords.RecordsPage(List.of(), 0)
                : records.list(
                        owner,
                        list.grouping(),
                        range.get().start(),
                        range.get().end(),
                        category,
                        offset,
                        listing.pageSize());
        Optional<String> next = offset + page.records().size() < page.total()
                ? Optional.of(Integer.toString(offset + page.records().size()))
                : Optional.empty();
        ObjectNode body = Json.object();
        ArrayNode items = body.putArray("usage_records");
        String asOf = clock.instant()
                .truncatedTo(ChronoUnit.SECONDS)
                .atOffset(ZoneOffset.UTC)
                .toString();
        page.records().forEach(record -> items.add(recordJson(record, request.path(), asOf)));
        Optional<String> previous = Optional.of(Integer.toString(Math.max(0, offset - listing.pageSize())));
        paging.putFlat(body, listing, page.records().size(), next, previous);
        return HttpResponse.json(200, body);
    }

    private static int offset(String cursor) {
        try {
            return Integer.parseInt(cursor);
        } catch (NumberFormatException e) {
            throw new DomainException.Invalid("PageToken is not valid");
        }
    }

    private static Optional<LocalDate> date(HttpRequest request, String name, Map<String, String> echoed) {
        Optional<String> raw = request.queryParameter(name);
        if (raw.isEmpty()) {
            return Optional.empty();
        }
        try {
            LocalDate date = LocalDate.parse(raw.get());
            echoed.put(name, raw.get());
            return Optional.of(date);
        } catch (DateTimeParseException e) {
            throw new DomainException.Invalid(name + " must be a date, YYYY-MM-DD (got '" + raw.get() + "')");
        }
    }

    private static ObjectNode recordJson(UsageRecord record, String path, String asOf) {
        ObjectNode json = Json.object();
        String category = record.category().wireName();
        json.put("account_sid", record.accountSid());
        json.put("api_version", API_VERSION);
        json.put("as_of", asOf);
        json.put("category", category);
        json.put("count", UsageTrigger.format(record.measure().count()));
        json.put("count_unit", record.category().unit());
        json.put("description", record.category().description());
        json.put("end_date", record.endDate().toString());
        json.put(
                "price",
                record.measure()
                        .price()
                        .setScale(Math.max(
                                2, record.measure().price().stripTrailingZeros().scale()))
                        .toPlainString());
        json.put("price_unit", "usd");
        json.put("start_date", record.startDate().toString());
        ObjectNode subresources = json.putObject("subresource_uris");
        String base = "/2010-04-01/Accounts/" + record.accountSid() + "/Usage/Records";
        RECORD_SUBRESOURCES.forEach(
                (key, subpath) -> subresources.put(key, base + subpath + ".json?Category=" + category));
        json.put(
                "uri",
                path + "?Category=" + category + "&StartDate=" + record.startDate() + "&EndDate=" + record.endDate());
        json.put("usage", UsageTrigger.format(record.measure().usage()));
        json.put("usage_unit", record.category().unit());
        return json;
    }

    private static Map<String, String> subresources() {
        Map<String, String> subresources = new LinkedHashMap<>();
        subresources.put("all_time", "/AllTime");
        subresources.put("daily", "/Daily");
        subresources.put("last_month", "/LastMonth");
        subresources.put("monthly", "/Monthly");
        subresources.put("this_month", "/ThisMonth");
        subresources.put("today", "/Today");
        subresources.put("yearly", "/Yearly");
        subresources.put("yesterday", "/Yesterday");
        return subresources;
    }

    private HttpResponse createTrigger(HttpRequest request, String accountSid) {
        Account account = account(request, accountSid, Permission.POST_ALL);
        UsageTrigger trigger = triggers.create(
                account,
                access.actor(request),
                triggerParser.create(Requests.form(request, UsageTriggerParser.FIELDS)));
        return HttpResponse.json(201, triggerJson(trigger));
    }

    private HttpResponse fetchTrigger(HttpRequest request, String accountSid, String sid) {
        Account account = account(request, accountSid, Permission.GET_ALL);
        return HttpResponse.json(200, triggerJson(triggers.fetch(account.sid(), sid)));
    }

    private HttpResponse updateTrigger(HttpRequest request, String accountSid, String sid) {
        Account account = account(request, accountSid, Permission.POST_ALL);
        Map<String, String> form = Requests.form(request, UsageTriggerParser.FIELDS);
        return HttpResponse.json(
                200,
                triggerJson(triggers.update(account, access.actor(request), sid, () -> triggerParser.change(form))));
    }

    private HttpResponse deleteTrigger(HttpRequest request, String accountSid, String sid) {
        Account account = account(request, accountSid, Permission.POST_ALL);
        triggers.delete(account, access.actor(request), sid);
        return HttpResponse.noContent();
    }

    private HttpResponse listTriggers(HttpRequest request, String accountSid) {
        Account account = account(request, accountSid, Permission.GET_ALL);
        Map<String, String> echoed = new LinkedHashMap<>();
        Optional<Recurring> recurring = Requests.parameter(
                request, "Recurring", echoed, Recurring::fromWire, "one of daily, monthly, yearly, alltime");
        Optional<TriggerBy> triggerBy =
                Requests.parameter(request, "TriggerBy", echoed, TriggerBy::fromWire, "one of count, usage, price");
        Optional<UsageCategory> category = Requests.parameter(
                request, "UsageCategory", echoed, UsageCategory::fromWire, "one of " + UsageCategory.wireNames());
        Paging.Listing listing = paging.read(request, account.sid(), echoed);
        Page<UsageTrigger> page = triggers.list(
                account.sid(), new TriggerFilter(recurring, triggerBy, category), listing.pageSize(), listing.cursor());
        ObjectNode body = Json.object();
        ArrayNode items = body.putArray("usage_triggers");
        paging.putFlat(body, listing, Paging.writeFitting(page, items, UsageResource::triggerJson));
        return HttpResponse.json(200, body);
    }

    private static ObjectNode triggerJson(UsageTrigger trigger) {
        ObjectNode json = Json.object();
        json.put("account_sid", trigger.accountSid());
        json.put("api_version", API_VERSION);
        json.put("callback_method", trigger.callbackMethod());
        json.put("callback_url", trigger.callbackUrl());
        json.put("current_value", UsageTrigger.format(trigger.currentValue()));
        json.put("date_created", UsageCheck.RFC_2822.format(trigger.dateCreated()));
        json.put(
                "date_fired",
                trigger.dateFired().map(UsageCheck.RFC_2822::format).orElse(null));
        json.put("date_updated", UsageCheck.RFC_2822.format(trigger.dateUpdated()));
        json.put("friendly_name", trigger.friendlyName());
        json.put("recurring", trigger.recurring().wireName());
        json.put("sid", trigger.sid());
        json.put("trigger_by", trigger.triggerBy().wireName());
        json.put("trigger_value", UsageTrigger.format(trigger.triggerValue()));
        json.put("uri", "/2010-04-01/Accounts/" + trigger.accountSid() + "/Usage/Triggers/" + trigger.sid() + ".json");
        json.put("usage_category", trigger.category().wireName());
        json.put("usage_record_uri", trigger.usageRecordUri());
        return json;
    }
}
