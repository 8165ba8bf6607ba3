package dev.monitor.api;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.monitor.accounts.Account;
import dev.monitor.accounts.AccountService;
import dev.monitor.accounts.ApiKey;
import dev.monitor.accounts.ApiKeyService;
import dev.monitor.accounts.NewApiKey;
import dev.monitor.jackson.Json;
import dev.monitor.paging.Page;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Twilio's 2010-04-01 Keys: API keys ({@code SK…}) that act for an account or one of its subaccounts. */
final class ApiKeysResource {
    private static final String KEYS = "/2010-04-01/Accounts/{AccountSid}/Keys";

    private final ApiKeyService keys;
    private final AccountService accounts;
    private final Access access;
    private final Paging paging;

    ApiKeysResource(ApiKeyService keys, AccountService accounts, Access access, Paging paging) {
        this.keys = keys;
        this.accounts = accounts;
        this.access = access;
        this.paging = paging;
    }

    void register(Router router) {
        router.add("POST", KEYS + ".json", (request, path) -> create(request, path))
                .list(KEYS + ".json", Set.of(), (request, path) -> list(request, path))
                .add(
                        "GET",
                        KEYS + "/{Sid}.json",
                        (request, path) ->
                                HttpResponse.json(200, keyJson(keys.fetch(owner(request, path), path.get("Sid")))))
                .add("POST", KEYS + "/{Sid}.json", (request, path) -> rename(request, path))
                .add("DELETE", KEYS + "/{Sid}.json", (request, path) -> {
                    keys.delete(owner(request, path), access.actor(request), path.get("Sid"));
                    return HttpResponse.noContent();
                });
    }

    private Account owner(HttpRequest request, Map<String, String> path) {
        return accounts.visibleTo(access.accountManager(request), path.get("AccountSid"));
    }

    private HttpResponse create(HttpRequest request, Map<String, String> path) {
        NewApiKey created = keys.create(owner(request, path), access.actor(request), friendlyName(request));
        ObjectNode json = keyJson(created.key());
        json.put("secret", created.secret());
        return HttpResponse.json(201, json);
    }

    private HttpResponse rename(HttpRequest request, Map<String, String> path) {
        String friendlyName = friendlyName(request).orElse("");
        return HttpResponse.json(
                200, keyJson(keys.rename(owner(request, path), access.actor(request), path.get("Sid"), friendlyName)));
    }

    private HttpResponse list(HttpRequest request, Map<String, String> path) {
        Account owner = owner(request, path);
        Paging.Listing listing = paging.read(request, owner.sid(), Map.of());
        Page<ApiKey> page = keys.list(owner, listing.pageSize(), listing.cursor());
        ObjectNode body = Json.object();
        ArrayNode list = body.putArray("keys");
        paging.putFlat(body, listing, Paging.writeFitting(page, list, ApiKeysResource::keyJson));
        return HttpResponse.json(200, body);
    }

    private static Optional<String> friendlyName(HttpRequest request) {
        return Optional.ofNullable(
                Requests.form(request, Set.of("FriendlyName")).get("FriendlyName"));
    }

    private static ObjectNode keyJson(ApiKey key) {
        ObjectNode json = Json.object();
        json.put("sid", key.sid());
        json.put("friendly_name", key.friendlyName());
        json.put("date_created", AccountsResource.RFC_2822.format(key.dateCreated()));
        json.put("date_updated", AccountsResource.RFC_2822.format(key.dateUpdated()));
        return json;
    }
}
