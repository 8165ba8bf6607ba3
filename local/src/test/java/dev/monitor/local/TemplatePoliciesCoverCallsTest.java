package dev.monitor.local;

import static dev.monitor.local.TemplateMaps.list;
import static dev.monitor.local.TemplateMaps.map;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.monitor.testing.ApiClient;
import dev.monitor.testing.AwsCallRecorder;
import dev.monitor.testing.AwsCallRecorder.Call;
import dev.monitor.testing.Eventually;
import dev.monitor.testing.RunningStack;
import dev.monitor.testing.TestAccount;
import dev.monitor.testing.WebhookReceiver;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * What IAM would refuse on AWS: every function of the local stack signs with its own access key, every AWS request
 * of this JVM is recorded as the IAM action and resource it needs ({@link AwsCallRecorder}), and each must be one
 * that template.yaml grants that function. A scenario here reaches every function; whatever other tests of the
 * same run made the functions call is checked too.
 */
class TemplatePoliciesCoverCallsTest {
    private static final Pattern GET_ATT_ARN = Pattern.compile("(\\w+)\\.Arn");
    private static final Pattern SUB_ARN = Pattern.compile("\\$\\{(\\w+)\\.Arn}(/index/\\w+)");

    @Test
    void everyCallEachFunctionMakesIsGrantedToItByTheTemplate() throws Exception {
        exerciseEveryFunction();

        Map<String, Set<Call>> granted = grantedByTemplate();
        Map<String, Set<Call>> calls = new TreeMap<>(AwsCallRecorder.calls());
        calls.keySet().retainAll(granted.keySet());
        assertEquals(granted.keySet(), calls.keySet(), "functions seen calling AWS: " + calls);
        Map<String, Set<Call>> refused = new TreeMap<>();
        calls.forEach((function, made) -> made.stream()
                .filter(call -> !allowed(granted.get(function), call))
                .forEach(call -> refused.computeIfAbsent(
                                function,
                                key -> new TreeSet<>(
                                        (a, b) -> (a.action() + a.resource()).compareTo(b.action() + b.resource())))
                        .add(call)));
        assertEquals(Map.of(), refused, "calls the template does not grant; all calls: " + calls);
    }

    private static boolean allowed(Set<Call> grants, Call call) {
        return grants.contains(call)
                || grants.contains(new Call(call.action(), "*"))
                || (call.resource().equals("*")
                        && grants.stream().anyMatch(grant -> grant.action().equals(call.action())));
    }

    /** The api with each kind of query, the alert counter and notifier through an alarm, the meter, both schedules. */
    private static void exerciseEveryFunction() throws Exception {
        TestAccount account = RunningStack.newAccount();
        ApiClient client = account.client();
        RunningStack.newSubaccount(account);
        String actor = "US" + "0".repeat(31) + "1";
        String resource = "PN" + "0".repeat(31) + "2";
        assertEquals(
                201,
                client.postJson("/v1/Events", """
                        {"event_type": "phone-number.created", "actor_sid": "%s", "resource_sid": "%s",
                         "source": "api", "source_ip_address": "203.0.113.9"}""".formatted(actor, resource)).status());
        for (String query : new String[] {
            "ActorSid=" + actor,
            "EventType=phone-number.created",
            "ResourceSid=" + resource,
            "SourceIpAddress=203.0.113.9"
        }) {
            assertEquals(200, client.get("/v1/Events?" + query).status(), query);
        }
        assertEquals(200, client.get("/2010-04-01/Accounts.json").status());
        assertEquals(200, client.get("/v1/SigningSecret").status());
        String email = "oncall+" + account.sid() + "@example.com";
        try (WebhookReceiver receiver = WebhookReceiver.ok()) {
            assertEquals(
                    201,
                    client.postJson("/v2/Alarms", """
                            {"friendlyName": "any 11200", "queryType": "ERROR_CODE", "query": "11200", "triggerValue": 1,
                             "timeWindow": "FIVE_MINS", "sendResolved": true, "webhook": "%s", "email": ["%s"]}""".formatted(receiver.url("/alarm"), email))
                            .status());
            assertEquals(
                    201,
                    client.postForm(
                                    "/2010-04-01/Accounts/" + account.sid() + "/Usage/Triggers.json",
                                    "UsageCategory=monitor-writes&TriggerValue=1&Recurring=daily&TriggerBy=count&CallbackUrl="
                                            + URLEncoder.encode(receiver.url("/usage"), StandardCharsets.UTF_8))
                            .status());
            Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
            assertEquals(201, client.postJson("/v1/Alerts", """
                            {"error_code": "11200", "date_generated": "%s"}""".formatted(now)).status());
            assertEquals(200, client.get("/v1/Alerts?ErrorCode=11200").status());
            assertEquals(
                    200,
                    client.get("/v1/AlertCounts?ErrorCode=11200&Interval=minute")
                            .status());
            Eventually.until(
                    "the alarm's webhook and email",
                    () -> receiver.received().stream()
                                    .anyMatch(received -> received.uri().endsWith("/alarm"))
                            && RunningStack.ses().store().toString().contains(email),
                    done -> done);
            Eventually.until(
                    "the usage meter's calls",
                    () -> AwsCallRecorder.calls().containsKey("UsageMeterFunction"),
                    done -> done);
            Eventually.until(
                    "the usage trigger's callback",
                    () -> {
                        try {
                            RunningStack.get().runScheduled("UsageCheckFunction");
                        } catch (Exception e) {
                            throw new IllegalStateException(e);
                        }
                        return receiver.received().stream()
                                .anyMatch(received -> received.uri().endsWith("/usage"));
                    },
                    done -> done);
            RunningStack.get().runScheduled("AlarmResolutionFunction");
        }
        assertEquals(200, client.get("/v1/Deliveries").status());
    }

    /** Each function's grants: IAM action and resource by template name, or "*" where it names none locally. */
    private static Map<String, Set<Call>> grantedByTemplate() throws IOException {
        Map<String, Object> template = CloudFormationYaml.parse(Files.readString(Path.of("../template.yaml")));
        Map<String, Set<Call>> granted = new LinkedHashMap<>();
        map(template.get("Resources")).forEach((name, resource) -> {
            if (!"AWS::Serverless::Function".equals(map(resource).get("Type"))) {
                return;
            }
            Set<Call> calls = new HashSet<>();
            for (Object policy : list(map(map(resource).get("Properties")).get("Policies"))) {
                for (Object statement : list(map(policy).get("Statement"))) {
                    Object actions = map(statement).get("Action");
                    Object resources = map(statement).get("Resource");
                    for (Object action : actions instanceof String ? List.of(actions) : list(actions)) {
                        for (Object target : resources instanceof List<?> ? list(resources) : List.of(resources)) {
                            calls.add(new Call(String.valueOf(action), resourceName(target)));
                        }
                    }
                }
            }
            granted.put(name, calls);
        });
        return granted;
    }

    private static String resourceName(Object target) {
        Map<String, Object> function = map(target);
        Matcher getAtt = GET_ATT_ARN.matcher(String.valueOf(function.get("Fn::GetAtt")));
        if (getAtt.matches()) {
            return getAtt.group(1);
        }
        Matcher sub = SUB_ARN.matcher(String.valueOf(function.get("Fn::Sub")));
        return sub.matches() ? sub.group(1) + sub.group(2) : "*";
    }
}
