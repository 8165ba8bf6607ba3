package dev.monitor.api;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.monitor.accounts.Account;
import dev.monitor.accounts.AccountStatus;
import dev.monitor.accounts.Caller;
import dev.monitor.connect.Permission;
import dev.monitor.events.Event;
import dev.monitor.events.EventDraft;
import dev.monitor.events.EventFilter;
import dev.monitor.events.EventService;
import dev.monitor.events.EventTypes;
import dev.monitor.events.EventsConfiguration;
import dev.monitor.events.RecordedEvent;
import dev.monitor.ids.Sids;
import dev.monitor.jackson.Json;
import dev.monitor.metrics.Metric;
import dev.monitor.metrics.Metrics;
import dev.monitor.paging.Page;
import dev.monitor.validation.Dates;
import dev.monitor.validation.IpAddresses;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Twilio Monitor v1 Events on the wire: {@code /v1/Events}, its configuration, and the event types. */
final class EventsResource {
    private final EventService events;
    private final Access access;
    private final Paging paging;
    private final ReadMeter reads;
    private final Metrics metrics;

    EventsResource(EventService events, Access access, Paging paging, ReadMeter reads, Metrics metrics) {
        this.events = events;
        this.access = access;
        this.paging = paging;
        this.reads = reads;
        this.metrics = metrics;
    }

    void register(Router router) {
        router.add("GET", "/v1/Events/Configuration", (request, path) -> configuration(request))
                .add("POST", "/v1/Events/Configuration", (request, path) -> configure(request))
                .add("POST", "/v1/Events", (request, path) -> record(request))
                .list(
                        "/v1/Events",
                        Set.of("ActorSid", "EventType", "ResourceSid", "SourceIpAddress", "StartDate", "EndDate"),
                        (request, path) -> list(request))
                .add("GET", "/v1/Events/{Sid}", (request, path) -> fetch(request, path.get("Sid")))
                .list("/v1/EventTypes", Set.of(), (request, path) -> eventTypes(request));
    }

    private HttpResponse record(HttpRequest request) {
        Optional<Account> selected = request.queryParameter("AccountSid")
                .map(sid -> access.selectedAccount(request, access.caller(request), Permission.POST_ALL));
        Caller caller = access.caller(request);
        List<EventDraft> drafts = EventParser.parse(Requests.jsonBody(request));
        access.admitRecords(drafts.size());
        List<RecordedEvent> recorded = events.record(caller, selected, drafts, request.idempotencyKey());
        ObjectNode body = Json.object();
        ArrayNode list = body.putArray("events");
        String base = request.baseUrl();
        for (RecordedEvent entry : recorded) {
            ObjectNode json = eventJson(entry.event(), base, caller);
            json.put("stored", entry.stored());
            list.add(json);
        }
        metrics.add(Metric.EVENTS_RECORDED, (double)
                recorded.stream().filter(RecordedEvent::stored).count());
        return HttpResponse.json(201, body);
    }

    /**
     * The list path as an account that cannot exist (its Sid is all zeros, and no request reaches this caller): a
     * configuration GetItem and a Query per shard that find nothing, and the answer's JSON.
     */
    HttpResponse primeList() {
        Instant epoch = Instant.EPOCH;
        Account nobody = new Account(
                Api.PRIMING_ACCOUNT_SID,
                "priming",
                AccountStatus.ACTIVE,
                Optional.empty(),
                "",
                new byte[0],
                epoch,
                epoch,
                AccountStatus.ACTIVE);
        return list(
                new HttpRequest("GET", "/v1/Events", Map.of(), Map.of("host", "priming.invalid"), null, null),
                new Caller.AccountCaller(nobody));
    }

    private HttpResponse list(HttpRequest request) {
        return list(request, access.caller(request));
    }

    private HttpResponse list(HttpRequest request, Caller caller) {
        Account account = access.selectedAccount(request, caller, Permission.GET_ALL);
        Map<String, String> echoed = Paging.echoedSelector(request);
        Optional<String> actor = Requests.parameter(request, "ActorSid", echoed, Requests::sid, "a Sid");
        Optional<String> type = Requests.parameter(
                request,
                "EventType",
                echoed,
                value -> Optional.of(value).filter(EventParser.EVENT_TYPE.asMatchPredicate()),
                "an event type such as phone-number.created");
        Optional<String> resource = Requests.parameter(request, "ResourceSid", echoed, Requests::sid, "a Sid");
        Optional<String> ip = Requests.parameter(
                request, "SourceIpAddress", echoed, IpAddresses::canonical, "an IPv4 or IPv6 address");
        DateBounds dates = DateBounds.read(request, echoed).ordered();
        Paging.Listing listing = paging.read(request, account.sid(), echoed);
        Page<Event> page = events.list(
                account,
                new EventFilter(actor, type, resource, ip, dates.start(), dates.end()),
                listing.pageSize(),
                listing.cursor());
        ObjectNode body = Json.object();
        ArrayNode list = body.putArray("events");
        Page<Event> answered = Paging.writeFitting(page, list, event -> eventJson(event, request.baseUrl(), caller));
        reads.count(account.sid(), account.mainAccountSid(), answered.items().size());
        body.set("meta", paging.meta("events", request, listing, answered));
        return HttpResponse.json(200, body);
    }

    private HttpResponse fetch(HttpRequest request, String sid) {
        Caller caller = access.caller(request);
        Account account = access.selectedAccount(request, caller, Permission.GET_ALL);
        Event event = events.fetch(account, sid);
        reads.count(account.sid(), account.mainAccountSid(), 1);
        return HttpResponse.json(200, eventJson(event, request.baseUrl(), caller));
    }

    private HttpResponse configuration(HttpRequest request) {
        Caller caller = access.caller(request);
        Account account = access.selectedAccount(request, caller);
        return HttpResponse.json(200, configurationJson(account, events.configuration(account), request.baseUrl()));
    }

    private HttpResponse configure(HttpRequest request) {
        Caller caller = access.caller(request);
        Account account = access.selectedAccount(request, caller);
        return HttpResponse.json(
                200,
                configurationJson(
                        account,
                        events.configure(
                                account,
                                access.actor(request),
                                EventParser.configurationChange(Requests.jsonBody(request))),
                        request.baseUrl()));
    }

    private HttpResponse eventTypes(HttpRequest request) {
        access.caller(request);
        ObjectNode body = Json.object();
        ArrayNode list = body.putArray("event_types");
        for (EventTypes.EventType type : EventTypes.ALL) {
            ObjectNode json = list.addObject();
            json.put("event_type", type.eventType());
            json.put("resource_type", type.resourceType());
            json.put("description", type.description());
        }
        ObjectNode meta = body.putObject("meta");
        String url = request.baseUrl() + "/v1/EventTypes";
        meta.put("first_page_url", url);
        meta.put("key", "event_types");
        meta.putNull("next_page_url");
        meta.put("page", 0);
        meta.put("page_size", EventTypes.ALL.size());
        meta.putNull("previous_page_url");
        meta.put("url", url);
        return HttpResponse.json(200, body);
    }

    private static ObjectNode eventJson(Event event, String base, Caller caller) {
        ObjectNode json = Json.object();
        json.put("account_sid", event.accountSid());
        json.put("actor_sid", event.actorSid());
        json.put("actor_type", event.actorType());
        json.put("description", event.description());
        if (event.eventData() == null) {
            json.putNull("event_data");
        } else {
            json.set("event_data", Json.node(event.eventData()));
        }
        json.put("event_date", Dates.print(event.eventDate()));
        json.put("event_type", event.eventType());
        json.put("resource_sid", event.resourceSid());
        json.put("resource_type", event.resourceType());
        json.put("sid", event.sid());
        json.put("source", event.source());
        json.put("source_ip_address", event.sourceIpAddress());
        boolean callerIsOwner = caller instanceof Caller.AccountCaller accountCaller
                && accountCaller.account().sid().equals(event.accountSid());
        String selector = callerIsOwner ? "" : "?AccountSid=" + event.accountSid();
        json.put("url", base + "/v1/Events/" + event.sid() + selector);
        ObjectNode links = json.putObject("links");
        links.put("actor", link(base, event.actorSid(), event.accountSid(), selector));
        links.put("resource", link(base, event.resourceSid(), event.accountSid(), selector));
        return json;
    }

    /**
     * Where this service serves the resource a Sid names, by its prefix, as the event's account sees
     * it ({@code selector} picks a subaccount on the Monitor APIs); null for what it does not serve
     * (a user, a phone number).
     */
    private static String link(String base, String sid, String accountSid, String selector) {
        if (sid == null || !Sids.isSid(sid)) {
            return null;
        }
        String account = base + "/2010-04-01/Accounts/" + accountSid;
        return switch (sid.substring(0, 2)) {
            case "AC" -> base + "/2010-04-01/Accounts/" + sid + ".json";
            case "SK" -> account + "/Keys/" + sid + ".json";
            case "UT" -> account + "/Usage/Triggers/" + sid + ".json";
            case "AE" -> base + "/v1/Events/" + sid + selector;
            case "NO" -> base + "/v1/Alerts/" + sid + selector;
            case "AK" -> base + "/v2/Alarms/" + sid + selector;
            case "DL" -> base + "/v1/Deliveries/" + sid + selector;
            default -> null;
        };
    }

    private static ObjectNode configurationJson(Account account, EventsConfiguration configuration, String base) {
        ObjectNode json = Json.object();
        json.put("account_sid", account.sid());
        ArrayNode disabled = json.putArray("disabled_event_types");
        configuration.disabledEventTypes().forEach(disabled::add);
        json.put("retention_days", configuration.retentionDays());
        json.put("url", base + "/v1/Events/Configuration");
        return json;
    }
}
