package dev.monitor.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.monitor.aws.AwsClients;
import dev.monitor.cloudwatch.FunctionLog;
import dev.monitor.config.Environment;
import dev.monitor.testing.ApiClient;
import dev.monitor.testing.Eventually;
import dev.monitor.testing.RunningStack;
import dev.monitor.testing.TestAccount;
import dev.monitor.testing.WebhookReceiver;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * Monitor's own audit trail: every change made through its API is an event in the log of the account it changed, with
 * the credential that made it, the source and the client's address, and what it changed. The walk covers every
 * mutating route of the api's router: a route added without an event, or without a step here, fails it.
 */
class AuditTrailTest {
    /** Mutating routes that change none of Monitor's resources, and why they write no event of their own. */
    private static final Map<String, String> EXEMPT = Map.of(
            "POST /v1/Events", "records the client's own events, each one an entry of the log",
            "POST /v1/Alerts", "records the client's alerts, which the alerts list shows",
            "POST /v2/Alarms/{Sid}/Test", "changes nothing: its test notification is a delivery in Deliveries");

    private static final String LOCAL_IP = "127.0.0.1";
    /** An expected property whose value the test cannot know (a date the service chose), only that it is there. */
    private static final String ANY = "<any value>";

    private static final String CALLBACK = "http://127.0.0.1:9/usage";
    private static final String WEBHOOK = "http://127.0.0.1:9/alarms";

    /** What a step of the walk expects to find in the log. */
    private record Expected(
            String route,
            String logOf,
            String eventType,
            String resourceSid,
            String actorSid,
            String actorType,
            String source,
            Map<String, String> previous,
            Map<String, String> updated) {
        boolean sameEventAs(Expected other) {
            return logOf.equals(other.logOf)
                    && eventType.equals(other.eventType)
                    && resourceSid.equals(other.resourceSid);
        }
    }

    private final List<Expected> walk = new ArrayList<>();
    private final Set<String> secrets = new TreeSet<>();
    /** Who reads each log the walk checks, when not the main account: an account outside its family. */
    private final Map<String, ApiClient> readers = new HashMap<>();

    @Test
    void everyMutatingRouteWritesAnEventOfWhoChangedWhatFromWhere() {
        Set<String> mutating = new TreeSet<>();
        for (String route : routes()) {
            if (!route.startsWith("GET ")) {
                mutating.add(route);
            }
        }

        ApiClient operator = RunningStack.operator();
        JsonNode created = ok(operator.postJson("/v1/Accounts", "{\"friendly_name\": \"Audited\"}"), 201);
        TestAccount main = new TestAccount(
                created.get("sid").asText(),
                created.get("auth_token").asText(),
                ApiClient.account(
                        RunningStack.baseUrl(),
                        created.get("sid").asText(),
                        created.get("auth_token").asText()));
        secrets.add(main.authToken());
        expect(
                "POST /v1/Accounts",
                main.sid(),
                "account.created",
                main.sid(),
                null,
                "operator",
                "api",
                Map.of(),
                Map.of("friendly_name", "Audited", "status", "active"));

        String accounts = "/2010-04-01/Accounts";
        JsonNode sub = ok(main.client().postForm(accounts + ".json", "FriendlyName=Branch"), 201);
        String subSid = sub.get("sid").asText();
        secrets.add(sub.get("auth_token").asText());
        expect(
                "POST /2010-04-01/Accounts.json",
                subSid,
                "account.created",
                subSid,
                main.sid(),
                "account",
                "api",
                Map.of(),
                Map.of("friendly_name", "Branch", "owner_account_sid", main.sid()));
        ok(
                main.client()
                        .postForm(accounts + "/" + subSid + ".json", "FriendlyName=Branch+office&Status=suspended"),
                200);
        expect(
                "POST /2010-04-01/Accounts/{Sid}.json",
                subSid,
                "account.updated",
                subSid,
                main.sid(),
                "account",
                "api",
                Map.of("friendly_name", "Branch", "status", "active"),
                Map.of("friendly_name", "Branch office", "status", "suspended"));

        String keys = accounts + "/" + main.sid() + "/Keys";
        JsonNode key = ok(main.client().postForm(keys + ".json", "FriendlyName=CI"), 201);
        String keySid = key.get("sid").asText();
        secrets.add(key.get("secret").asText());
        expect(
                "POST /2010-04-01/Accounts/{AccountSid}/Keys.json",
                main.sid(),
                "api-key.created",
                keySid,
                main.sid(),
                "account",
                "api",
                Map.of(),
                Map.of("friendly_name", "CI"));
        ok(main.client().postForm(keys + "/" + keySid + ".json", "FriendlyName=CI+deploys"), 200);
        expect(
                "POST /2010-04-01/Accounts/{AccountSid}/Keys/{Sid}.json",
                main.sid(),
                "api-key.updated",
                keySid,
                main.sid(),
                "account",
                "api",
                Map.of("friendly_name", "CI"),
                Map.of("friendly_name", "CI deploys"));
        ApiClient viaKey = ApiClient.withAuthorization(
                RunningStack.baseUrl(),
                ApiClient.basic(keySid, key.get("secret").asText()));

        // Through the console: its requests say so.
        ApiClient.Response configured = main.client()
                .postJson("/v1/Events/Configuration", "{\"retention_days\": 60}", Map.of("X-Monitor-Source", "web"));
        ok(configured, 200);
        expect(
                "POST /v1/Events/Configuration",
                main.sid(),
                "events-configuration.updated",
                main.sid(),
                main.sid(),
                "account",
                "web",
                Map.of("retention_days", "30"),
                Map.of("retention_days", "60"));

        // With an API key: the key is the actor.
        String alarm = ok(viaKey.postJson("/v2/Alarms", """
                {"friendlyName": "5xx", "queryType": "ERROR_CODE", "query": "11200", "triggerValue": 5,
                 "timeWindow": "FIVE_MINS", "webhook": "%s", "enabled": true}""".formatted(WEBHOOK)), 201)
                .get("sid")
                .asText();
        expect(
                "POST /v2/Alarms",
                main.sid(),
                "alarm.created",
                alarm,
                keySid,
                "api-key",
                "api",
                Map.of(),
                Map.of("friendly_name", "5xx", "query", "11200", "trigger_value", "5", "enabled", "true"));
        ok(viaKey.send("PUT", "/v2/Alarms/" + alarm, "application/json", """
                {"friendlyName": "5xx", "queryType": "ERROR_CODE", "query": "11200", "triggerValue": 9,
                 "timeWindow": "FIVE_MINS", "webhook": "%s", "enabled": true}""".formatted(WEBHOOK)), 200);
        expect(
                "PUT /v2/Alarms/{Sid}",
                main.sid(),
                "alarm.updated",
                alarm,
                keySid,
                "api-key",
                "api",
                Map.of("trigger_value", "5"),
                Map.of("trigger_value", "9"));
        assertEquals(
                204,
                viaKey.send("PUT", "/v2/Alarms/" + alarm + "/status", "application/json", "{\"enabled\": false}")
                        .status());
        expect(
                "PUT /v2/Alarms/{Sid}/status",
                main.sid(),
                "alarm.updated",
                alarm,
                keySid,
                "api-key",
                "api",
                Map.of("enabled", "true"),
                Map.of("enabled", "false"));

        String alert = ok(main.client().postJson("/v1/Alerts", "{\"error_code\": \"11200\"}"), 201)
                .get("alerts")
                .get(0)
                .get("sid")
                .asText();
        assertEquals(204, main.client().delete("/v1/Alerts/" + alert).status());
        expect(
                "DELETE /v1/Alerts/{Sid}",
                main.sid(),
                "alert.deleted",
                alert,
                main.sid(),
                "account",
                "api",
                Map.of("error_code", "11200"),
                Map.of());

        String triggers = accounts + "/" + main.sid() + "/Usage/Triggers";
        String trigger = ok(
                        main.client()
                                .postForm(
                                        triggers + ".json",
                                        "UsageCategory=monitor-writes&TriggerValue=1000&CallbackUrl=" + CALLBACK
                                                + "&FriendlyName=Writes"),
                        201)
                .get("sid")
                .asText();
        expect(
                "POST /2010-04-01/Accounts/{AccountSid}/Usage/Triggers.json",
                main.sid(),
                "usage-trigger.created",
                trigger,
                main.sid(),
                "account",
                "api",
                Map.of(),
                Map.of("friendly_name", "Writes", "usage_category", "monitor-writes", "trigger_value", "1000"));
        ok(main.client().postForm(triggers + "/" + trigger + ".json", "CallbackMethod=GET"), 200);
        expect(
                "POST /2010-04-01/Accounts/{AccountSid}/Usage/Triggers/{Sid}.json",
                main.sid(),
                "usage-trigger.updated",
                trigger,
                main.sid(),
                "account",
                "api",
                Map.of("callback_method", "POST"),
                Map.of("callback_method", "GET"));
        assertEquals(
                204, main.client().delete(triggers + "/" + trigger + ".json").status());
        expect(
                "DELETE /2010-04-01/Accounts/{AccountSid}/Usage/Triggers/{Sid}.json",
                main.sid(),
                "usage-trigger.deleted",
                trigger,
                main.sid(),
                "account",
                "api",
                Map.of("friendly_name", "Writes"),
                Map.of());

        secrets.add(
                ok(main.client().get("/v1/SigningSecret"), 200).get("secret").asText());
        JsonNode rotated = ok(main.client().postForm("/v1/SigningSecret/Rotate", ""), 200);
        secrets.add(rotated.get("secret").asText());
        expect(
                "POST /v1/SigningSecret/Rotate",
                main.sid(),
                "signing-secret.rotated",
                main.sid(),
                main.sid(),
                "account",
                "api",
                Map.of("version", "1"),
                Map.of("version", "2"));

        String delivery = failedDelivery(main);
        ok(main.client().postForm("/v1/Deliveries/" + delivery + "/Retry", ""), 202);
        expect(
                "POST /v1/Deliveries/{Sid}/Retry",
                main.sid(),
                "delivery.retried",
                delivery,
                main.sid(),
                "account",
                "api",
                Map.of("next_attempt_date", ANY),
                Map.of("next_attempt_date", ANY));

        assertEquals(204, viaKey.delete("/v2/Alarms/" + alarm).status());
        expect(
                "DELETE /v2/Alarms/{Sid}",
                main.sid(),
                "alarm.deleted",
                alarm,
                keySid,
                "api-key",
                "api",
                Map.of("friendly_name", "5xx"),
                Map.of());
        assertEquals(204, main.client().delete(keys + "/" + keySid + ".json").status());
        expect(
                "DELETE /2010-04-01/Accounts/{AccountSid}/Keys/{Sid}.json",
                main.sid(),
                "api-key.deleted",
                keySid,
                main.sid(),
                "account",
                "api",
                Map.of("friendly_name", "CI deploys"),
                Map.of());

        // A Connect app of another account's, which the main account authorizes: each change is in the log of the
        // account it changed, and the app's owner acting in the app's account is the app in that account's log.
        TestAccount vendor = RunningStack.newAccount();
        secrets.add(vendor.authToken());
        readers.put(vendor.sid(), vendor.client());
        String apps = accounts + "/" + vendor.sid() + "/ConnectApps";
        String app = ok(
                        vendor.client()
                                .postForm(
                                        apps + ".json",
                                        "FriendlyName=Acme&AuthorizeRedirectUrl=http%3A%2F%2F127.0.0.1%3A9%2Fauthorized"
                                                + "&DeauthorizeCallbackUrl=http%3A%2F%2F127.0.0.1%3A9%2Fdeauthorized"
                                                + "&Permissions=get-all&Permissions=post-all"),
                        201)
                .get("sid")
                .asText();
        expect(
                "POST /2010-04-01/Accounts/{AccountSid}/ConnectApps.json",
                vendor.sid(),
                "connect-app.created",
                app,
                vendor.sid(),
                "account",
                "api",
                Map.of(),
                Map.of("friendly_name", "Acme", "permissions", "get-all,post-all"));
        ok(vendor.client().postForm(apps + "/" + app + ".json", "FriendlyName=Acme+Analytics"), 200);
        expect(
                "POST /2010-04-01/Accounts/{AccountSid}/ConnectApps/{Sid}.json",
                vendor.sid(),
                "connect-app.updated",
                app,
                vendor.sid(),
                "account",
                "api",
                Map.of("friendly_name", "Acme"),
                Map.of("friendly_name", "Acme Analytics"));
        String authorized = accounts + "/" + main.sid() + "/AuthorizedConnectApps";
        String appAccount = ok(main.client().postForm(authorized + ".json", "ConnectAppSid=" + app), 201)
                .get("connect_app_account_sid")
                .asText();
        expect(
                "POST /2010-04-01/Accounts/{AccountSid}/AuthorizedConnectApps.json",
                main.sid(),
                "authorized-connect-app.created",
                app,
                main.sid(),
                "account",
                "api",
                Map.of(),
                Map.of("connect_app_account_sid", appAccount, "permissions", "get-all,post-all"));
        expect(
                "POST /2010-04-01/Accounts/{AccountSid}/AuthorizedConnectApps.json",
                appAccount,
                "account.created",
                appAccount,
                main.sid(),
                "account",
                "api",
                Map.of(),
                Map.of("friendly_name", "Acme Analytics", "connect_app_sid", app, "owner_account_sid", main.sid()));
        String appsAlarm = ok(vendor.client().postJson("/v2/Alarms?AccountSid=" + appAccount, """
                                        {"friendlyName": "Acme's", "queryType": "ALL", "triggerValue": 5,
                                         "timeWindow": "ONE_HOUR"}"""), 201)
                .get("sid")
                .asText();
        expect(
                "POST /v2/Alarms",
                appAccount,
                "alarm.created",
                appsAlarm,
                app,
                "connect-app",
                "api",
                Map.of(),
                Map.of("friendly_name", "Acme's"));
        assertEquals(204, main.client().delete(authorized + "/" + app + ".json").status());
        expect(
                "DELETE /2010-04-01/Accounts/{AccountSid}/AuthorizedConnectApps/{ConnectAppSid}.json",
                main.sid(),
                "authorized-connect-app.deleted",
                app,
                main.sid(),
                "account",
                "api",
                Map.of("connect_app_account_sid", appAccount),
                Map.of());
        expect(
                "DELETE /2010-04-01/Accounts/{AccountSid}/AuthorizedConnectApps/{ConnectAppSid}.json",
                appAccount,
                "account.updated",
                appAccount,
                main.sid(),
                "account",
                "api",
                Map.of("status", "active"),
                Map.of("status", "closed"));
        assertEquals(204, vendor.client().delete(apps + "/" + app + ".json").status());
        expect(
                "DELETE /2010-04-01/Accounts/{AccountSid}/ConnectApps/{Sid}.json",
                vendor.sid(),
                "connect-app.deleted",
                app,
                vendor.sid(),
                "account",
                "api",
                Map.of("friendly_name", "Acme Analytics"),
                Map.of());

        Set<String> walked = new TreeSet<>();
        for (Expected step : walk) {
            walked.add(step.route());
            check(
                    readers.getOrDefault(step.logOf(), main.client()),
                    step,
                    walk.stream().filter(step::sameEventAs).toList());
        }
        Set<String> unaudited = new TreeSet<>(mutating);
        unaudited.removeAll(EXEMPT.keySet());
        unaudited.removeAll(walked);
        assertEquals(Set.of(), unaudited, "mutating routes this walk does not show writing an event");
        assertTrue(mutating.containsAll(EXEMPT.keySet()), "exempt routes that are no longer routes");

        String log = main.client().get("/v1/Events?PageSize=1000").text()
                + main.client()
                        .get("/v1/Events?PageSize=1000&AccountSid=" + subSid)
                        .text();
        for (String secret : secrets) {
            assertFalse(log.contains(secret), "a secret, token or key secret is in the event log");
        }
    }

    /**
     * The step's event in its account's log, as {@code reader} reads it: of the events of its type and resource, the
     * one in the walk's order ({@code sameEvents}, the walk's steps of that type and resource, oldest first).
     */
    private static void check(ApiClient reader, Expected step, List<Expected> sameEvents) {
        JsonNode events = ok(
                        reader.get("/v1/Events?AccountSid=" + step.logOf() + "&ResourceSid=" + step.resourceSid()
                                + "&EventType=" + step.eventType()),
                        200)
                .get("events");
        assertEquals(sameEvents.size(), events.size(), step.route() + ": " + events);
        // Newest first.
        JsonNode event = events.get(events.size() - 1 - sameEvents.indexOf(step));
        assertEquals(step.logOf(), event.get("account_sid").asText(), step.route());
        assertEquals(
                step.actorSid(),
                event.get("actor_sid").isNull() ? null : event.get("actor_sid").asText(),
                step.route());
        assertEquals(step.actorType(), event.get("actor_type").asText(), step.route());
        assertEquals(step.source(), event.get("source").asText(), step.route());
        assertEquals(LOCAL_IP, event.get("source_ip_address").asText(), step.route());
        assertEquals(
                step.eventType().substring(0, step.eventType().indexOf('.')),
                event.get("resource_type").asText(),
                step.route());
        assertFalse(event.get("description").asText().isBlank(), step.route());
        JsonNode properties = event.get("event_data").get("resource_properties");
        step.previous().forEach((name, value) -> checkProperty(value, properties.path(name), "previous", step));
        step.updated().forEach((name, value) -> checkProperty(value, properties.path(name), "updated", step));
    }

    private static void checkProperty(String expected, JsonNode property, String which, Expected step) {
        String value = property.path(which).asText(null);
        if (expected.equals(ANY)) {
            assertTrue(value != null, step.route() + ": " + which + " " + property);
        } else {
            assertEquals(expected, value, step.route() + ": " + which + " " + property);
        }
    }

    private void expect(
            String route,
            String logOf,
            String eventType,
            String resourceSid,
            String actorSid,
            String actorType,
            String source,
            Map<String, String> previous,
            Map<String, String> updated) {
        walk.add(new Expected(route, logOf, eventType, resourceSid, actorSid, actorType, source, previous, updated));
    }

    /** A delivery that failed its first attempt and waits for its next: a test notification to a failing receiver. */
    private static String failedDelivery(TestAccount account) {
        try (WebhookReceiver receiver = WebhookReceiver.answering(n -> 503, "30")) {
            String alarm = ok(account.client().postJson("/v2/Alarms", """
                    {"friendlyName": "Failing receiver", "queryType": "ALL", "triggerValue": 1,
                     "timeWindow": "FIVE_MINS", "webhook": "%s", "enabled": true}""".formatted(receiver.url("/down"))), 201)
                    .get("sid")
                    .asText();
            ok(account.client().postJson("/v2/Alarms/" + alarm + "/Test", "{}"), 200);
            return Eventually.until(
                            "the test notification's failed first attempt",
                            () -> account.client()
                                    .get("/v1/Deliveries?SourceSid=" + alarm)
                                    .json()
                                    .get("deliveries"),
                            deliveries -> deliveries.size() == 1
                                    && deliveries.get(0).get("attempt_count").asInt() == 1
                                    && !deliveries
                                            .get(0)
                                            .get("next_attempt_date")
                                            .isNull())
                    .get(0)
                    .get("sid")
                    .asText();
        }
    }

    private static JsonNode ok(ApiClient.Response response, int status) {
        assertEquals(status, response.status(), response.text());
        return response.json();
    }

    /** Every route of the api function, as its router has them: {@code POST /v2/Alarms}. */
    private static List<String> routes() {
        ApiSettings settings =
                ApiSettings.from(Environment.of(RunningStack.get().functionEnvironment("ApiFunction")));
        FunctionLog log = FunctionLog.toStdout(ApiGatewayHandler.FUNCTION);
        return ApiFactory.create(settings, new AwsClients(settings.aws()), ApiFactory.CLOCK, log)
                .routes();
    }
}
