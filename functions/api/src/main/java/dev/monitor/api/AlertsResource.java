package dev.monitor.api;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.monitor.accounts.Account;
import dev.monitor.accounts.Caller;
import dev.monitor.alerts.Alert;
import dev.monitor.alerts.AlertCount;
import dev.monitor.alerts.AlertCountService;
import dev.monitor.alerts.AlertDraft;
import dev.monitor.alerts.AlertFilter;
import dev.monitor.alerts.AlertService;
import dev.monitor.alerts.CountInterval;
import dev.monitor.alerts.LogLevel;
import dev.monitor.connect.Permission;
import dev.monitor.jackson.Json;
import dev.monitor.metrics.Metric;
import dev.monitor.metrics.Metrics;
import dev.monitor.paging.Page;
import dev.monitor.validation.Dates;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Twilio Monitor v1 Alerts on the wire, and {@code /v1/AlertCounts}, the per-interval frequency of each error code. */
final class AlertsResource {
    private final AlertService alerts;
    private final AlertCountService counts;
    private final Access access;
    private final Paging paging;
    private final Metrics metrics;

    AlertsResource(AlertService alerts, AlertCountService counts, Access access, Paging paging, Metrics metrics) {
        this.alerts = alerts;
        this.counts = counts;
        this.access = access;
        this.paging = paging;
        this.metrics = metrics;
    }

    void register(Router router) {
        router.add("POST", "/v1/Alerts", (request, path) -> record(request))
                .list(
                        "/v1/Alerts",
                        Set.of("LogLevel", "ErrorCode", "ResourceSid", "StartDate", "EndDate"),
                        (request, path) -> list(request))
                .add("GET", "/v1/Alerts/{Sid}", (request, path) -> fetch(request, path.get("Sid")))
                .add("DELETE", "/v1/Alerts/{Sid}", (request, path) -> delete(request, path.get("Sid")))
                .list(
                        "/v1/AlertCounts",
                        Set.of("ErrorCode", "LogLevel", "Interval", "StartDate", "EndDate"),
                        (request, path) -> counts(request));
    }

    private HttpResponse record(HttpRequest request) {
        Optional<Account> selected = request.queryParameter("AccountSid")
                .map(sid -> access.selectedAccount(request, access.caller(request), Permission.POST_ALL));
        Caller caller = access.caller(request);
        List<AlertDraft> drafts = AlertParser.parse(Requests.jsonBody(request));
        access.admitRecords(drafts.size());
        List<Alert> recorded = alerts.record(caller, selected, drafts, request.idempotencyKey());
        ObjectNode body = Json.object();
        ArrayNode list = body.putArray("alerts");
        recorded.forEach(alert -> list.add(alertJson(alert, request.baseUrl(), caller, true)));
        metrics.add(Metric.ALERTS_RECORDED, recorded.size());
        return HttpResponse.json(201, body);
    }

    private HttpResponse list(HttpRequest request) {
        Caller caller = access.caller(request);
        Account account = access.selectedAccount(request, caller, Permission.GET_ALL);
        Map<String, String> echoed = Paging.echoedSelector(request);
        Optional<LogLevel> level = logLevel(request, echoed);
        Optional<String> code = errorCode(request, echoed);
        Optional<String> resource = Requests.parameter(request, "ResourceSid", echoed, Requests::sid, "a Sid");
        DateBounds dates = DateBounds.read(request, echoed).ordered();
        Paging.Listing listing = paging.read(request, account.sid(), echoed);
        Page<Alert> page = alerts.list(
                account,
                new AlertFilter(level, code, resource, dates.start(), dates.end()),
                listing.pageSize(),
                listing.cursor());
        ObjectNode body = Json.object();
        ArrayNode list = body.putArray("alerts");
        Page<Alert> answered =
                Paging.writeFitting(page, list, alert -> alertJson(alert, request.baseUrl(), caller, false));
        body.set("meta", paging.meta("alerts", request, listing, answered));
        return HttpResponse.json(200, body);
    }

    private HttpResponse fetch(HttpRequest request, String sid) {
        Caller caller = access.caller(request);
        Account account = access.selectedAccount(request, caller, Permission.GET_ALL);
        return HttpResponse.json(200, alertJson(alerts.fetch(account, sid), request.baseUrl(), caller, true));
    }

    private HttpResponse delete(HttpRequest request, String sid) {
        Caller caller = access.caller(request);
        alerts.delete(access.selectedAccount(request, caller), access.actor(request), sid);
        return HttpResponse.noContent();
    }

    private HttpResponse counts(HttpRequest request) {
        Caller caller = access.caller(request);
        Account account = access.selectedAccount(request, caller, Permission.GET_ALL);
        Map<String, String> echoed = Paging.echoedSelector(request);
        Optional<String> code = errorCode(request, echoed);
        Optional<LogLevel> level = logLevel(request, echoed);
        // Their order is checked once the defaults of a missing one are known (AlertCountService).
        DateBounds dates = DateBounds.read(request, echoed);
        CountInterval interval = Requests.parameter(
                        request, "Interval", echoed, CountInterval::fromWire, "one of minute, hour, day")
                .orElse(CountInterval.HOUR);
        Paging.Listing listing = paging.read(request, account.sid(), echoed);
        Page<AlertCount> page = counts.counts(
                account,
                new AlertCountService.CountsQuery(code, level, dates.start(), dates.end(), interval),
                listing.pageSize(),
                listing.cursor());
        ObjectNode body = Json.object();
        ArrayNode list = body.putArray("counts");
        for (AlertCount count : page.items()) {
            ObjectNode json = list.addObject();
            json.put("error_code", count.errorCode());
            json.put("log_level", count.logLevel().wire());
            json.put("interval_start", Dates.print(count.intervalStart()));
            json.put("count", count.count());
        }
        body.set("meta", paging.meta("counts", request, listing, page));
        return HttpResponse.json(200, body);
    }

    private static ObjectNode alertJson(Alert alert, String base, Caller caller, boolean withDetails) {
        ObjectNode json = Json.object();
        json.put("account_sid", alert.accountSid());
        json.put("alert_text", alert.alertText());
        json.put("api_version", alert.apiVersion());
        json.put("date_created", Dates.print(alert.dateCreated()));
        json.put("date_generated", Dates.print(alert.dateGenerated()));
        json.put("date_updated", Dates.print(alert.dateCreated()));
        json.put("error_code", alert.errorCode());
        json.put("log_level", alert.logLevel().wire());
        json.put("more_info", alert.moreInfo());
        json.put("request_method", alert.requestMethod());
        json.put("request_url", alert.requestUrl());
        if (withDetails) {
            json.put("request_variables", alert.requestVariables());
            json.put("request_headers", alert.requestHeaders());
            json.put("response_body", alert.responseBody());
            json.put("response_headers", alert.responseHeaders());
        }
        json.put("resource_sid", alert.resourceSid());
        json.put("service_sid", alert.serviceSid());
        json.put("sid", alert.sid());
        boolean callerIsOwner = caller instanceof Caller.AccountCaller accountCaller
                && accountCaller.account().sid().equals(alert.accountSid());
        json.put(
                "url", base + "/v1/Alerts/" + alert.sid() + (callerIsOwner ? "" : "?AccountSid=" + alert.accountSid()));
        return json;
    }

    private static Optional<String> errorCode(HttpRequest request, Map<String, String> echoed) {
        return Requests.parameter(
                request,
                "ErrorCode",
                echoed,
                value -> Optional.of(value).filter(AlertParser.ERROR_CODE.asMatchPredicate()),
                "an error code's digits, such as 11200");
    }

    private static Optional<LogLevel> logLevel(HttpRequest request, Map<String, String> echoed) {
        return Requests.parameter(request, "LogLevel", echoed, LogLevel::fromWire, "one of " + LogLevel.wireNames());
    }
}
