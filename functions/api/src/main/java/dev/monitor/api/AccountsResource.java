package dev.monitor.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.monitor.accounts.Account;
import dev.monitor.accounts.AccountFilter;
import dev.monitor.accounts.AccountService;
import dev.monitor.accounts.AccountStatus;
import dev.monitor.accounts.Caller;
import dev.monitor.accounts.NewAccount;
import dev.monitor.errors.DomainException;
import dev.monitor.errors.FieldError;
import dev.monitor.jackson.Json;
import dev.monitor.paging.Page;
import dev.monitor.validation.Dates;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Accounts: the operator's {@code POST /v1/Accounts} for main accounts, and Twilio's 2010-04-01
 * Accounts resource, with which a main account creates, lists and fetches its subaccounts.
 */
final class AccountsResource {
    static final DateTimeFormatter RFC_2822 = DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss Z", Locale.US)
            .withZone(ZoneOffset.UTC);
    private static final String LIST_PATH = "/2010-04-01/Accounts.json";

    private final AccountService accounts;
    private final Access access;
    private final Paging paging;

    AccountsResource(AccountService accounts, Access access, Paging paging) {
        this.accounts = accounts;
        this.access = access;
        this.paging = paging;
    }

    void register(Router router) {
        router.add("POST", "/v1/Accounts", (request, path) -> createMainAccount(request))
                .add("POST", LIST_PATH, (request, path) -> createSubaccount(request))
                .list(LIST_PATH, Set.of("FriendlyName", "Status"), (request, path) -> list(request))
                .add("GET", "/2010-04-01/Accounts/{Sid}.json", (request, path) -> fetch(request, path.get("Sid")))
                .add("POST", "/2010-04-01/Accounts/{Sid}.json", (request, path) -> update(request, path.get("Sid")));
    }

    private HttpResponse createMainAccount(HttpRequest request) {
        if (!(access.accountManager(request) instanceof Caller.Operator)) {
            throw new DomainException.Forbidden("Only the operator key creates main accounts");
        }
        JsonNode body = Requests.jsonBody(request);
        List<FieldError> errors = new ArrayList<>();
        body.fieldNames().forEachRemaining(name -> {
            if (!name.equals("friendly_name")) {
                errors.add(FieldError.of(name, "is not a known field"));
            }
        });
        JsonNode name = body.get("friendly_name");
        if (name == null || !name.isTextual()) {
            errors.add(FieldError.of("friendly_name", "is required and must be a string"));
        }
        if (!errors.isEmpty()) {
            throw DomainException.Invalid.fields(errors);
        }
        NewAccount created = accounts.createMainAccount(access.actor(request), name.textValue());
        Account account = created.account();
        ObjectNode json = Json.object();
        json.put("sid", account.sid());
        json.put("auth_token", created.authToken());
        json.put("friendly_name", account.friendlyName());
        json.put("status", account.status().wireName());
        json.put("date_created", Dates.print(account.dateCreated()));
        json.put("date_updated", Dates.print(account.dateUpdated()));
        return HttpResponse.json(201, json);
    }

    private HttpResponse createSubaccount(HttpRequest request) {
        Account owner = access.accountManagedBy(request);
        Optional<String> friendlyName = Optional.ofNullable(
                Requests.form(request, Set.of("FriendlyName")).get("FriendlyName"));
        NewAccount created = accounts.createSubaccount(owner, access.actor(request), friendlyName);
        ObjectNode json = accountJson(created.account());
        json.put("auth_token", created.authToken());
        return HttpResponse.json(201, json);
    }

    private HttpResponse fetch(HttpRequest request, String sid) {
        Caller caller = access.accountManager(request);
        return HttpResponse.json(200, accountJson(accounts.visibleTo(caller, sid)));
    }

    private HttpResponse update(HttpRequest request, String sid) {
        Caller caller = access.accountManager(request);
        Map<String, String> form = Requests.form(request, Set.of("FriendlyName", "Status"));
        Optional<String> friendlyName = Optional.ofNullable(form.get("FriendlyName"));
        Optional<AccountStatus> status = Optional.ofNullable(form.get("Status")).map(AccountsResource::status);
        return HttpResponse.json(
                200, accountJson(accounts.update(caller, access.actor(request), sid, friendlyName, status)));
    }

    private static AccountStatus status(String value) {
        return AccountStatus.fromWire(value)
                .orElseThrow(() -> new DomainException.Invalid(
                        "Status must be one of active, suspended, closed (got '" + value + "')"));
    }

    private HttpResponse list(HttpRequest request) {
        Account caller = access.accountManagedBy(request);
        Map<String, String> filters = new LinkedHashMap<>();
        Optional<String> friendlyName = request.queryParameter("FriendlyName");
        friendlyName.ifPresent(value -> filters.put("FriendlyName", value));
        Optional<AccountStatus> status = request.queryParameter("Status").map(AccountsResource::status);
        status.ifPresent(value -> filters.put("Status", value.wireName()));
        Paging.Listing listing = paging.read(request, caller.sid(), filters);
        Page<Account> found = accounts.listFamily(
                caller, new AccountFilter(friendlyName, status), listing.pageSize(), listing.cursor());
        ObjectNode body = Json.object();
        ArrayNode list = body.putArray("accounts");
        paging.putFlat(body, listing, Paging.writeFitting(found, list, AccountsResource::accountJson));
        return HttpResponse.json(200, body);
    }

    private static ObjectNode accountJson(Account account) {
        ObjectNode json = Json.object();
        // Returned only when an account is created: only its hash and a sealed copy are kept.
        json.putNull("auth_token");
        // Monitor's: the Connect app an account was made for, when a user authorized one.
        account.connectAppSid().ifPresent(app -> json.put("connect_app_sid", app));
        json.put("date_created", RFC_2822.format(account.dateCreated()));
        json.put("date_updated", RFC_2822.format(account.dateUpdated()));
        json.put("friendly_name", account.friendlyName());
        json.put("owner_account_sid", account.mainAccountSid());
        json.put("sid", account.sid());
        json.put("status", account.status().wireName());
        ObjectNode subresources = json.putObject("subresource_uris");
        subresources.put("events", "/v1/Events?AccountSid=" + account.sid());
        json.put("type", "Full");
        json.put("uri", "/2010-04-01/Accounts/" + account.sid() + ".json");
        return json;
    }
}
