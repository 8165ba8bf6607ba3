package dev.monitor.api;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.monitor.accounts.Account;
import dev.monitor.accounts.AccountService;
import dev.monitor.accounts.Caller;
import dev.monitor.connect.Authorization;
import dev.monitor.connect.ConnectApp;
import dev.monitor.connect.ConnectAppProfile;
import dev.monitor.connect.ConnectApps;
import dev.monitor.connect.Permission;
import dev.monitor.errors.DomainException;
import dev.monitor.jackson.Json;
import dev.monitor.paging.Page;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Twilio's 2010-04-01 Connect Apps and Authorized Connect Apps, with Monitor's own create of an app, a user's
 * authorization ({@code POST …/AuthorizedConnectApps.json}) and deauthorization ({@code DELETE}), and what an app's
 * authorize page shows ({@code GET /v1/ConnectApps/{Sid}}).
 */
final class ConnectAppsResource {
    private static final String APPS = "/2010-04-01/Accounts/{AccountSid}/ConnectApps";
    private static final String AUTHORIZED = "/2010-04-01/Accounts/{AccountSid}/AuthorizedConnectApps";

    private final ConnectApps apps;
    private final ConnectAppParser parser;
    private final AccountService accounts;
    private final Access access;
    private final Paging paging;

    ConnectAppsResource(
            ConnectApps apps, ConnectAppParser parser, AccountService accounts, Access access, Paging paging) {
        this.apps = apps;
        this.parser = parser;
        this.accounts = accounts;
        this.access = access;
        this.paging = paging;
    }

    void register(Router router) {
        router.add("POST", APPS + ".json", (request, path) -> create(request, path))
                .list(APPS + ".json", Set.of(), (request, path) -> list(request, path))
                .add(
                        "GET",
                        APPS + "/{Sid}.json",
                        (request, path) ->
                                HttpResponse.json(200, appJson(apps.fetch(owner(request, path), path.get("Sid")))))
                .add("POST", APPS + "/{Sid}.json", (request, path) -> update(request, path))
                .add("DELETE", APPS + "/{Sid}.json", (request, path) -> {
                    apps.delete(owner(request, path), access.actor(request), path.get("Sid"));
                    return HttpResponse.noContent();
                })
                .add("POST", AUTHORIZED + ".json", (request, path) -> authorize(request, path))
                .list(AUTHORIZED + ".json", Set.of(), (request, path) -> listAuthorized(request, path))
                .add(
                        "GET",
                        AUTHORIZED + "/{ConnectAppSid}.json",
                        (request, path) -> HttpResponse.json(
                                200,
                                authorizedJson(apps.authorization(owner(request, path), path.get("ConnectAppSid")))))
                .add("DELETE", AUTHORIZED + "/{ConnectAppSid}.json", (request, path) -> {
                    apps.deauthorize(managed(request, path), access.actor(request), path.get("ConnectAppSid"));
                    return HttpResponse.noContent();
                })
                .add("GET", "/v1/ConnectApps/{Sid}", (request, path) -> toAuthorize(request, path.get("Sid")));
    }

    /** The account of the path, of the caller's own family: Connect app grants reach no app or authorization. */
    private Account owner(HttpRequest request, Map<String, String> path) {
        return accounts.visibleTo(access.caller(request), path.get("AccountSid"));
    }

    /** As {@link #owner}, by the account's auth token: authorizing makes an account, deauthorizing closes one. */
    private Account managed(HttpRequest request, Map<String, String> path) {
        return accounts.visibleTo(access.accountManager(request), path.get("AccountSid"));
    }

    private HttpResponse create(HttpRequest request, Map<String, String> path) {
        Account owner = owner(request, path);
        ConnectApp app = apps.create(
                owner, access.actor(request), parser.create(Requests.formValues(request, ConnectAppParser.FIELDS)));
        return HttpResponse.json(201, appJson(app));
    }

    private HttpResponse update(HttpRequest request, Map<String, String> path) {
        Account owner = owner(request, path);
        ConnectApp app = apps.update(
                owner,
                access.actor(request),
                path.get("Sid"),
                parser.change(Requests.formValues(request, ConnectAppParser.FIELDS)));
        return HttpResponse.json(200, appJson(app));
    }

    private HttpResponse list(HttpRequest request, Map<String, String> path) {
        Account owner = owner(request, path);
        Paging.Listing listing = paging.read(request, owner.sid(), Map.of());
        Page<ConnectApp> page = apps.list(owner, listing.pageSize(), listing.cursor());
        ObjectNode body = Json.object();
        ArrayNode list = body.putArray("connect_apps");
        paging.putFlat(body, listing, Paging.writeFitting(page, list, ConnectAppsResource::appJson));
        return HttpResponse.json(200, body);
    }

    /** The one call of an authorization: 201 with the authorization it made, or 200 with the one in force. */
    private HttpResponse authorize(HttpRequest request, Map<String, String> path) {
        Account user = managed(request, path);
        String connectAppSid = Optional.ofNullable(
                        Requests.form(request, Set.of("ConnectAppSid")).get("ConnectAppSid"))
                .filter(sid -> !sid.isBlank())
                .orElseThrow(() -> new DomainException.Invalid("ConnectAppSid is required: the app to authorize"));
        ConnectApps.Authorized authorized = apps.authorize(user, access.actor(request), connectAppSid);
        ObjectNode json = authorizedJson(authorized.authorization());
        json.put("redirect_url", authorized.redirectUrl());
        return HttpResponse.json(authorized.created() ? 201 : 200, json);
    }

    private HttpResponse listAuthorized(HttpRequest request, Map<String, String> path) {
        Account user = owner(request, path);
        Paging.Listing listing = paging.read(request, user.sid(), Map.of());
        Page<Authorization> page = apps.authorizations(user, listing.pageSize(), listing.cursor());
        ObjectNode body = Json.object();
        ArrayNode list = body.putArray("authorized_connect_apps");
        paging.putFlat(body, listing, Paging.writeFitting(page, list, ConnectAppsResource::authorizedJson));
        return HttpResponse.json(200, body);
    }

    /**
     * What an app's authorize page shows the signed-in account: the app's profile and the permissions it asks for,
     * where a decline sends the browser, and the account the app was given if this account authorized it already.
     */
    private HttpResponse toAuthorize(HttpRequest request, String sid) {
        Caller caller = access.caller(request);
        ConnectApp app = apps.toAuthorize(sid);
        ObjectNode json = Json.object();
        json.put("sid", app.sid());
        putProfile(json, "", app.profile());
        putPermissions(json, app.permissions());
        json.put("authorize_redirect_url", app.authorizeRedirectUrl());
        json.put("decline_url", apps.declineUrl(app));
        json.put(
                "authorized_account_sid",
                caller instanceof Caller.AccountCaller accountCaller
                        ? apps.authorizationOf(accountCaller.account(), sid)
                                .map(Authorization::appAccountSid)
                                .orElse(null)
                        : null);
        json.put("url", request.baseUrl() + "/v1/ConnectApps/" + app.sid());
        return HttpResponse.json(200, json);
    }

    private static ObjectNode appJson(ConnectApp app) {
        ObjectNode json = Json.object();
        json.put("account_sid", app.ownerAccountSid());
        json.put("authorize_redirect_url", app.authorizeRedirectUrl());
        json.put("company_name", app.profile().companyName().orElse(null));
        json.put("date_created", AccountsResource.RFC_2822.format(app.dateCreated()));
        json.put("date_updated", AccountsResource.RFC_2822.format(app.dateUpdated()));
        json.put("deauthorize_callback_method", app.deauthorizeCallbackMethod());
        json.put("deauthorize_callback_url", app.deauthorizeCallbackUrl().orElse(null));
        json.put("description", app.profile().description().orElse(null));
        json.put("friendly_name", app.profile().friendlyName());
        json.put("homepage_url", app.profile().homepageUrl().orElse(null));
        putPermissions(json, app.permissions());
        json.put("sid", app.sid());
        json.put("uri", "/2010-04-01/Accounts/" + app.ownerAccountSid() + "/ConnectApps/" + app.sid() + ".json");
        return json;
    }

    private static ObjectNode authorizedJson(Authorization authorization) {
        ObjectNode json = Json.object();
        json.put("account_sid", authorization.accountSid());
        putProfile(json, "connect_app_", authorization.profile());
        json.put("connect_app_account_sid", authorization.appAccountSid());
        json.put("connect_app_sid", authorization.connectAppSid());
        json.put("date_created", AccountsResource.RFC_2822.format(authorization.dateCreated()));
        json.put("date_updated", AccountsResource.RFC_2822.format(authorization.dateUpdated()));
        putPermissions(json, authorization.permissions());
        json.put(
                "uri",
                "/2010-04-01/Accounts/" + authorization.accountSid() + "/AuthorizedConnectApps/"
                        + authorization.connectAppSid() + ".json");
        return json;
    }

    private static void putProfile(ObjectNode json, String prefix, ConnectAppProfile profile) {
        json.put(prefix + "company_name", profile.companyName().orElse(null));
        json.put(prefix + "description", profile.description().orElse(null));
        json.put(prefix + "friendly_name", profile.friendlyName());
        json.put(prefix + "homepage_url", profile.homepageUrl().orElse(null));
    }

    private static void putPermissions(ObjectNode json, Set<Permission> permissions) {
        ArrayNode list = json.putArray("permissions");
        permissions.forEach(permission -> list.add(permission.wireName()));
    }
}
