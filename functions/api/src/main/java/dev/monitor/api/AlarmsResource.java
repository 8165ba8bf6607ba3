package dev.monitor.api;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.monitor.accounts.Account;
import dev.monitor.accounts.Caller;
import dev.monitor.alarms.Alarm;
import dev.monitor.alarms.AlarmService;
import dev.monitor.alarms.Firing;
import dev.monitor.connect.Permission;
import dev.monitor.jackson.Json;
import dev.monitor.paging.Page;
import dev.monitor.validation.Dates;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Twilio Monitor v2 Alarms on the wire (JSON bodies, camelCase), plus this service's calendar
 * periods, resolved notifications, mute, firing logs and test notifications.
 */
final class AlarmsResource {
    private final AlarmService alarms;
    private final AlarmParser parser;
    private final Access access;
    private final Paging paging;

    AlarmsResource(AlarmService alarms, AlarmParser parser, Access access, Paging paging) {
        this.alarms = alarms;
        this.parser = parser;
        this.access = access;
        this.paging = paging;
    }

    void register(Router router) {
        router.add("POST", "/v2/Alarms", (request, path) -> create(request))
                .list("/v2/Alarms", Set.of("SortOrder"), (request, path) -> list(request))
                .add("GET", "/v2/Alarms/{Sid}", (request, path) -> fetch(request, path.get("Sid")))
                .add("PUT", "/v2/Alarms/{Sid}", (request, path) -> replace(request, path.get("Sid")))
                .add("DELETE", "/v2/Alarms/{Sid}", (request, path) -> delete(request, path.get("Sid")))
                .add("PUT", "/v2/Alarms/{Sid}/status", (request, path) -> status(request, path.get("Sid")))
                .list("/v2/Alarms/{Sid}/Logs", Set.of(), (request, path) -> logs(request, path.get("Sid")))
                .add("POST", "/v2/Alarms/{Sid}/Test", (request, path) -> test(request, path.get("Sid")));
    }

    private HttpResponse create(HttpRequest request) {
        Account account = account(request, Permission.POST_ALL);
        Alarm alarm = alarms.create(account, access.actor(request), parser.parse(Requests.jsonBody(request)));
        return HttpResponse.json(201, alarmJson(alarm, request.baseUrl()));
    }

    private HttpResponse list(HttpRequest request) {
        Account account = account(request, Permission.GET_ALL);
        Map<String, String> echoed = Paging.echoedSelector(request);
        boolean oldestFirst = Requests.parameter(
                        request, "SortOrder", echoed, AlarmsResource::oldestFirst, "asc or desc")
                .orElse(true);
        Paging.Listing listing = paging.read(request, account.sid(), echoed);
        Page<Alarm> page = alarms.list(account, oldestFirst, listing.pageSize(), listing.cursor());
        ObjectNode body = Json.object();
        ArrayNode list = body.putArray("alarms");
        Page<Alarm> answered = Paging.writeFitting(page, list, alarm -> alarmJson(alarm, request.baseUrl()));
        body.set("meta", paging.meta("alarms", request, listing, answered));
        return HttpResponse.json(200, body);
    }

    /** Twilio's {@code SortOrder}: alarms by date created, {@code asc} (the default) or {@code desc}. */
    private static Optional<Boolean> oldestFirst(String sortOrder) {
        return switch (sortOrder) {
            case "asc" -> Optional.of(true);
            case "desc" -> Optional.of(false);
            default -> Optional.empty();
        };
    }

    private HttpResponse fetch(HttpRequest request, String sid) {
        return HttpResponse.json(
                200, alarmJson(alarms.fetch(account(request, Permission.GET_ALL), sid), request.baseUrl()));
    }

    private HttpResponse replace(HttpRequest request, String sid) {
        Alarm alarm = alarms.replace(
                account(request, Permission.POST_ALL),
                access.actor(request),
                sid,
                parser.parse(Requests.jsonBody(request)));
        return HttpResponse.json(200, alarmJson(alarm, request.baseUrl()));
    }

    private HttpResponse delete(HttpRequest request, String sid) {
        alarms.delete(account(request, Permission.POST_ALL), access.actor(request), sid);
        return HttpResponse.noContent();
    }

    private HttpResponse status(HttpRequest request, String sid) {
        Account account = account(request, Permission.POST_ALL);
        alarms.setEnabled(account, access.actor(request), sid, AlarmParser.parseStatus(Requests.jsonBody(request)));
        return HttpResponse.noContent();
    }

    private HttpResponse logs(HttpRequest request, String sid) {
        Account account = account(request, Permission.GET_ALL);
        Map<String, String> echoed = Paging.echoedSelector(request);
        Paging.Listing listing = paging.read(request, account.sid(), echoed);
        Page<Firing> page = alarms.logs(account, sid, listing.pageSize(), listing.cursor());
        ObjectNode body = Json.object();
        ArrayNode list = body.putArray("logs");
        body.set(
                "meta",
                paging.meta("logs", request, listing, Paging.writeFitting(page, list, AlarmsResource::firingJson)));
        return HttpResponse.json(200, body);
    }

    private HttpResponse test(HttpRequest request, String sid) {
        Firing test = alarms.test(account(request, Permission.POST_ALL), sid, request.baseUrl());
        return HttpResponse.json(200, firingJson(test));
    }

    /** The account the request selects, for what {@code needed} allows when reached through a Connect app. */
    private Account account(HttpRequest request, Permission needed) {
        Caller caller = access.caller(request);
        return access.selectedAccount(request, caller, needed);
    }

    private static ObjectNode alarmJson(Alarm alarm, String base) {
        ObjectNode json = Json.object();
        json.put("sid", alarm.sid());
        json.put("alertConfigSid", alarm.sid());
        json.put("accountSid", alarm.accountSid());
        json.put("friendlyName", alarm.friendlyName());
        json.put("description", alarm.description());
        json.put("queryType", alarm.queryType().name());
        // Strings in Twilio's schema: empty, not null, when the alarm has none.
        json.put("query", alarm.query().orElse(""));
        json.put("triggerValue", alarm.triggerValue());
        json.put("timeWindow", alarm.timeWindow().map(Enum::name).orElse(null));
        json.put("timePeriod", alarm.timePeriod().map(period -> period.wire()).orElse(null));
        ArrayNode email = json.putArray("email");
        alarm.email().forEach(email::add);
        // A URI in Twilio's schema, so null when the alarm has none.
        json.put("webhook", alarm.webhook().orElse(null));
        json.put("sendResolved", alarm.sendResolved());
        json.put("consoleIndicator", alarm.consoleIndicator());
        json.put("enabled", alarm.enabled());
        json.put("mutedUntil", alarm.mutedUntil().map(Dates::print).orElse(null));
        json.put("product", "Monitor");
        json.put("dateCreated", Dates.print(alarm.dateCreated()));
        json.put("dateUpdated", Dates.print(alarm.dateUpdated()));
        json.put("url", base + "/v2/Alarms/" + alarm.sid());
        return json;
    }

    private static ObjectNode firingJson(Firing firing) {
        ObjectNode json = Json.object();
        json.put("alarmSid", firing.alarmSid());
        json.put("accountSid", firing.accountSid());
        json.put("dateFired", Dates.print(firing.dateFired()));
        json.put("count", firing.count());
        json.put("triggerValue", firing.triggerValue());
        json.put("window", firing.window().name());
        json.put("windowStart", Dates.print(firing.window().start()));
        json.put("windowEnd", Dates.print(firing.window().end()));
        notificationsJson(json.putArray("notifications"), firing.notifications());
        firing.resolution()
                .ifPresentOrElse(
                        resolution -> {
                            ObjectNode resolved = json.putObject("resolution");
                            resolved.put("dateResolved", Dates.print(resolution.dateResolved()));
                            resolved.put("count", resolution.count());
                            resolved.put(
                                    "windowStart",
                                    Dates.print(resolution.window().start()));
                            resolved.put(
                                    "windowEnd", Dates.print(resolution.window().end()));
                            notificationsJson(resolved.putArray("notifications"), resolution.notifications());
                        },
                        () -> json.putNull("resolution"));
        return json;
    }

    private static void notificationsJson(ArrayNode list, List<Firing.Notification> notifications) {
        for (Firing.Notification notification : notifications) {
            ObjectNode entry = list.addObject();
            entry.put("channel", notification.channel().name().toLowerCase(Locale.ROOT));
            entry.put("destination", notification.destination());
            entry.put("jobId", notification.jobId());
        }
    }
}
