package dev.monitor.api;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.monitor.accounts.Account;
import dev.monitor.connect.Permission;
import dev.monitor.errors.DomainException;
import dev.monitor.ids.Sids;
import dev.monitor.jackson.Json;
import dev.monitor.notify.Delivery;
import dev.monitor.notify.DeliveryAttempt;
import dev.monitor.notify.DeliveryFilter;
import dev.monitor.notify.DeliveryService;
import dev.monitor.notify.DeliveryStatus;
import dev.monitor.notify.SigningSecret;
import dev.monitor.notify.SigningSecretRotation;
import dev.monitor.notify.SigningSecrets;
import dev.monitor.paging.Page;
import dev.monitor.validation.Dates;
import java.time.Clock;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Notification deliveries and the webhook signing secret, in the Monitor v1 style: {@code /v1/Deliveries}
 * and {@code /v1/SigningSecret}.
 */
final class DeliveriesResource {
    private final DeliveryService deliveries;
    private final SigningSecrets signingSecrets;
    private final SigningSecretRotation rotation;
    private final Access access;
    private final Paging paging;
    private final Clock clock;

    DeliveriesResource(
            DeliveryService deliveries,
            SigningSecrets signingSecrets,
            SigningSecretRotation rotation,
            Access access,
            Paging paging,
            Clock clock) {
        this.deliveries = deliveries;
        this.signingSecrets = signingSecrets;
        this.rotation = rotation;
        this.access = access;
        this.paging = paging;
        this.clock = clock;
    }

    void register(Router router) {
        router.add("GET", "/v1/SigningSecret", (request, path) -> signingSecret(request))
                .add("POST", "/v1/SigningSecret/Rotate", (request, path) -> rotate(request))
                .list("/v1/Deliveries", Set.of("SourceSid", "Status"), (request, path) -> list(request))
                .add("GET", "/v1/Deliveries/{Sid}", (request, path) -> fetch(request, path.get("Sid")))
                .add("POST", "/v1/Deliveries/{Sid}/Retry", (request, path) -> retry(request, path.get("Sid")));
    }

    private HttpResponse signingSecret(HttpRequest request) {
        Account account = access.selectedAccount(request, access.caller(request));
        return HttpResponse.json(
                200, secretJson(account, signingSecrets.current(account.sid()), clock.instant(), request.baseUrl()));
    }

    private HttpResponse rotate(HttpRequest request) {
        Account account = access.selectedAccount(request, access.caller(request));
        return HttpResponse.json(
                200,
                secretJson(
                        account, rotation.rotate(account, access.actor(request)), clock.instant(), request.baseUrl()));
    }

    private HttpResponse list(HttpRequest request) {
        Account account = access.selectedAccount(request, access.caller(request), Permission.GET_ALL);
        Map<String, String> echoed = Paging.echoedSelector(request);
        Optional<String> source = request.queryParameter("SourceSid");
        if (source.isPresent()) {
            if (!Sids.isSid(source.get())) {
                throw new DomainException.Invalid(
                        "SourceSid must be the Sid of an alarm or usage trigger (got '" + source.get() + "')");
            }
            echoed.put("SourceSid", source.get());
        }
        Optional<String> rawStatus = request.queryParameter("Status");
        Optional<DeliveryStatus> status = rawStatus.map(value -> DeliveryStatus.fromWire(value.toLowerCase(Locale.ROOT))
                .orElseThrow(() -> new DomainException.Invalid(
                        "Status must be pending, delivered or failed (got '" + value + "')")));
        rawStatus.ifPresent(value -> echoed.put("Status", value));
        Paging.Listing listing = paging.read(request, account.sid(), echoed);
        Page<Delivery> page =
                deliveries.list(account, new DeliveryFilter(source, status), listing.pageSize(), listing.cursor());
        ObjectNode body = Json.object();
        ArrayNode list = body.putArray("deliveries");
        Page<Delivery> answered =
                Paging.writeFitting(page, list, delivery -> deliveryJson(delivery, request.baseUrl()));
        body.set("meta", paging.meta("deliveries", request, listing, answered));
        return HttpResponse.json(200, body);
    }

    private HttpResponse fetch(HttpRequest request, String sid) {
        Account account = access.selectedAccount(request, access.caller(request), Permission.GET_ALL);
        DeliveryService.DeliveryWithAttempts found = deliveries.fetch(account, sid);
        ObjectNode json = deliveryJson(found.delivery(), request.baseUrl());
        ArrayNode attempts = json.putArray("attempts");
        for (DeliveryAttempt attempt : found.attempts()) {
            ObjectNode item = attempts.addObject();
            item.put("attempt", attempt.attempt());
            item.put("date", Dates.print(attempt.date()));
            putOptional(item, "status_code", attempt.statusCode());
            item.put("latency_ms", attempt.latencyMs());
            item.put(
                    "error_class",
                    attempt.errorClass().map(error -> error.wireName()).orElse(null));
            item.put("response", attempt.response());
        }
        return HttpResponse.json(200, json);
    }

    private HttpResponse retry(HttpRequest request, String sid) {
        Account account = access.selectedAccount(request, access.caller(request));
        return HttpResponse.json(
                202, deliveryJson(deliveries.retry(account, access.actor(request), sid), request.baseUrl()));
    }

    private static ObjectNode deliveryJson(Delivery delivery, String base) {
        ObjectNode json = Json.object();
        json.put("sid", delivery.sid());
        json.put("account_sid", delivery.accountSid());
        json.put("job_id", delivery.job().jobId());
        json.put("source_type", delivery.job().source().type().name().toLowerCase(Locale.ROOT));
        json.put("source_sid", delivery.job().source().sid());
        json.put("channel", delivery.job().channel().name().toLowerCase(Locale.ROOT));
        json.put("destination", delivery.job().destination());
        json.put("status", delivery.status().wireName());
        json.put("attempt_count", delivery.attempts());
        putOptional(json, "last_status_code", delivery.lastStatusCode());
        json.put(
                "last_error_class",
                delivery.lastErrorClass().map(error -> error.wireName()).orElse(null));
        json.put("next_attempt_date", delivery.nextAttemptAt().map(Dates::print).orElse(null));
        json.put("date_created", Dates.print(delivery.dateCreated()));
        json.put("date_updated", Dates.print(delivery.dateUpdated()));
        String url = base + "/v1/Deliveries/" + delivery.sid();
        json.put("url", url);
        // Failed and pending deliveries can be sent again now; a delivered one cannot.
        json.putObject("links").put("retry", delivery.status() == DeliveryStatus.DELIVERED ? null : url + "/Retry");
        return json;
    }

    private static void putOptional(ObjectNode json, String name, Optional<Integer> value) {
        if (value.isPresent()) {
            json.put(name, value.get());
        } else {
            json.putNull(name);
        }
    }

    private static ObjectNode secretJson(Account account, SigningSecret secret, Instant now, String base) {
        ObjectNode json = Json.object();
        json.put("account_sid", account.sid());
        json.put("secret", secret.secret());
        json.put("date_created", Dates.print(secret.dateCreated()));
        json.put("date_rotated", secret.dateRotated().map(Dates::print).orElse(null));
        json.put(
                "previous_secret_expires",
                secret.previousExpires(now).map(Dates::print).orElse(null));
        json.put("url", base + "/v1/SigningSecret");
        return json;
    }
}
