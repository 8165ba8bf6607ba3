package dev.monitor.local;

import static dev.monitor.local.TemplateMaps.at;
import static dev.monitor.local.TemplateMaps.list;
import static dev.monitor.local.TemplateMaps.map;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * What an operator relies on in template.yaml: SnapStart, JSON logs kept for a set time, an alarm on every
 * failure queue and function, a dashboard, and each function's permissions no wider than the code's calls.
 */
class TemplateOperationsTest {
    private static final Path ROOT = Path.of("..");
    private static final Map<String, Object> TEMPLATE = CloudFormationYaml.parse(read(ROOT.resolve("template.yaml")));
    private static final Map<String, Object> RESOURCES = map(TEMPLATE.get("Resources"));
    private static final String TOPIC = "OperatorAlertsTopic";
    /** The DynamoDbClient calls that need each IAM action; TransactWriteItems needs those of its items. */
    private static final Map<String, String> DYNAMODB_ACTIONS = Map.of(
            "getItem", "dynamodb:GetItem",
            "putItem", "dynamodb:PutItem",
            "updateItem", "dynamodb:UpdateItem",
            "deleteItem", "dynamodb:DeleteItem",
            "query", "dynamodb:Query",
            "queryPaginator", "dynamodb:Query",
            "scan", "dynamodb:Scan",
            "scanPaginator", "dynamodb:Scan",
            "batchGetItem", "dynamodb:BatchGetItem",
            "batchWriteItem", "dynamodb:BatchWriteItem");

    private static final Pattern DYNAMODB_CALL = Pattern.compile("\\bdynamo\\.(\\w+)\\(");

    @Test
    void everyFunctionRunsWithSnapStartOnItsAliasAndLogsJsonToItsOwnLogGroupWithRetention() {
        assertEquals("INFO", at(TEMPLATE, "Parameters", "ApplicationLogLevel", "Default"));
        assertEquals(30, at(TEMPLATE, "Parameters", "LogRetentionInDays", "Default"));
        assertFalse(functions().isEmpty());
        Set<String> logGroups = new LinkedHashSet<>();
        functions().forEach((name, properties) -> {
            assertEquals("PublishedVersions", at(properties, "SnapStart", "ApplyOn"), name);
            assertTrue(
                    properties.get("AutoPublishAlias") instanceof String alias && alias.matches("[A-Za-z0-9]+"),
                    name + " publishes no alias for its event sources to invoke");
            Map<String, Object> logging = map(properties.get("LoggingConfig"));
            assertEquals("JSON", logging.get("LogFormat"), name);
            assertEquals(Map.of("Ref", "ApplicationLogLevel"), logging.get("ApplicationLogLevel"), name);
            assertEquals(Map.of("Ref", "SystemLogLevel"), logging.get("SystemLogLevel"), name);
            String logGroup = String.valueOf(map(logging.get("LogGroup")).get("Ref"));
            assertEquals("AWS::Logs::LogGroup", at(RESOURCES, logGroup, "Type"), name + "'s log group");
            assertEquals(
                    Map.of("Ref", "LogRetentionInDays"),
                    at(RESOURCES, logGroup, "Properties", "RetentionInDays"),
                    name + "'s log group");
            assertTrue(logGroups.add(logGroup), logGroup + " is shared");
        });
    }

    @Test
    void everyDeadLetterAndOnFailureQueueHasAnAlarmThatNotifiesTheOperators() {
        Set<String> failureQueues = failureQueues();
        assertTrue(
                failureQueues.containsAll(
                        Set.of("NotificationsDeadLetterQueue", "AlertCounterFailuresQueue", "UsageMeterFailuresQueue")),
                failureQueues.toString());
        for (String queue : failureQueues) {
            assertTrue(
                    alarms().anyMatch(alarm -> "AWS/SQS".equals(alarm.get("Namespace"))
                            && "ApproximateNumberOfMessagesVisible".equals(alarm.get("MetricName"))
                            && dimension(alarm, "QueueName").equals(Map.of("Fn::GetAtt", queue + ".QueueName"))
                            && alarm.get("Threshold").toString().equals("1")),
                    queue + " has no alarm on its messages");
        }
    }

    @Test
    void everyFunctionHasErrorAndThrottleAlarmsAndEveryStreamFunctionAnIteratorAgeAlarm() {
        functions().forEach((name, properties) -> {
            for (String metric : List.of("Errors", "Throttles")) {
                assertTrue(
                        alarms().anyMatch(alarm -> "AWS/Lambda".equals(alarm.get("Namespace"))
                                && metric.equals(alarm.get("MetricName"))
                                && dimension(alarm, "FunctionName").equals(Map.of("Ref", name))),
                        name + " has no " + metric + " alarm");
            }
            boolean streamTriggered = map(properties.get("Events")).values().stream()
                    .anyMatch(event -> "DynamoDB".equals(map(event).get("Type")));
            if (streamTriggered) {
                assertTrue(
                        alarms().anyMatch(alarm -> "IteratorAge".equals(alarm.get("MetricName"))
                                && dimension(alarm, "FunctionName").equals(Map.of("Ref", name))
                                && "GreaterThanThreshold".equals(alarm.get("ComparisonOperator"))
                                && alarm.get("Threshold").toString().equals("60000")),
                        name + " has no alarm on its stream's iterator age over 60 s");
            }
        });
    }

    @Test
    void theApisServerErrorsAndTheNotifiersFailuresAreAlarmedAsRates() {
        assertTrue(
                alarms().anyMatch(alarm -> metricsOf(alarm).contains("AWS/ApiGateway 5xx")
                        && metricsOf(alarm).contains("AWS/ApiGateway Count")),
                "no alarm on the API's 5xx rate");
        assertTrue(
                alarms().anyMatch(alarm -> metricsOf(alarm).contains("Monitor NotificationsFailed")
                        && metricsOf(alarm).contains("Monitor NotificationsDelivered")),
                "no alarm on the notifier's failure rate");
    }

    @Test
    void everyAlarmNotifiesTheOperatorsTopicWhichTheOptionalEmailSubscribesTo() {
        assertEquals("AWS::SNS::Topic", at(RESOURCES, TOPIC, "Type"));
        assertTrue(
                alarms().count() >= 3 + 2 * functions().size() + 2 + 2,
                "fewer alarms than failure queues, functions' errors and throttles, stream ages and two rates");
        alarms().forEach(alarm -> assertTrue(
                list(alarm.get("AlarmActions")).contains(Map.of("Ref", TOPIC)), alarm.get("AlarmDescription") + ""));
        Map<String, Object> subscription = resourcesOfType("AWS::SNS::Subscription")
                .findFirst()
                .orElseThrow(() -> new AssertionError("no subscription to the operators' topic"));
        assertEquals(Map.of("Ref", TOPIC), at(subscription, "Properties", "TopicArn"));
        assertEquals(Map.of("Ref", "OperatorAlertEmail"), at(subscription, "Properties", "Endpoint"));
        assertEquals("", at(TEMPLATE, "Parameters", "OperatorAlertEmail", "Default"));
        assertNotNull(
                map(TEMPLATE.get("Conditions")).get(subscription.get("Condition")),
                "the subscription exists only when OperatorAlertEmail is given");
    }

    @Test
    void theDashboardShowsTheAlarmsMetrics() {
        String body = resourcesOfType("AWS::CloudWatch::Dashboard")
                .map(dashboard -> String.valueOf(at(dashboard, "Properties", "DashboardBody", "Fn::Sub")))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no dashboard"));
        List<String> expected = new ArrayList<>(List.of(
                "\"Errors\"",
                "\"Throttles\"",
                "\"IteratorAge\"",
                "\"ApproximateNumberOfMessagesVisible\"",
                "\"5xx\"",
                "\"NotificationsFailed\"",
                "\"NotificationsDelivered\""));
        functions().keySet().forEach(function -> expected.add("${" + function + "}"));
        failureQueues().forEach(queue -> expected.add("${" + queue + ".QueueName}"));
        expected.forEach(part -> assertTrue(body.contains(part), "the dashboard lacks " + part));
    }

    @Test
    void policiesAreInlineStatementsWithoutWildcardsOrSamPolicyTemplates() {
        functions().forEach((name, properties) -> {
            for (Object policy : list(properties.get("Policies"))) {
                assertEquals(Set.of("Statement"), map(policy).keySet(), name + " uses a policy template: " + policy);
            }
            for (Map<String, Object> statement : statements(properties)) {
                for (String action : actions(statement)) {
                    assertFalse(action.contains("*"), name + " is granted " + action);
                }
                assertFalse(list(statement.get("Resource")).contains("*") || "*".equals(statement.get("Resource")));
                if (actions(statement).stream().anyMatch(action -> action.startsWith("kms:"))) {
                    assertEquals(
                            "AC*",
                            at(statement, "Condition", "StringLike", "kms:EncryptionContext:account_sid"),
                            name + ": KMS only for a secret bound to an account (KmsSecretSealer's context)");
                }
                if (actions(statement).contains("ses:SendEmail")) {
                    assertTrue(
                            String.valueOf(statement.get("Resource")).contains(":identity/${NotificationSenderEmail}"),
                            name + " sends email from the sender identity only");
                }
            }
        });
    }

    @Test
    void everyDynamoDbActionGrantedIsOneTheCodeCallsAndEveryCallIsGranted() throws IOException {
        Set<String> called = dynamoDbActionsCalled();
        assertTrue(
                called.containsAll(Set.of("dynamodb:GetItem", "dynamodb:Query", "dynamodb:BatchWriteItem")),
                called + "");
        Set<String> granted = new TreeSet<>();
        functions()
                .values()
                .forEach(properties -> statements(properties)
                        .forEach(statement -> actions(statement).stream()
                                .filter(action -> action.startsWith("dynamodb:"))
                                .forEach(granted::add)));
        Set<String> unused = new TreeSet<>(granted);
        unused.removeAll(called);
        assertEquals(Set.of(), unused, "granted, but no code calls them");
        Set<String> ungranted = new TreeSet<>(called);
        ungranted.removeAll(granted);
        assertEquals(Set.of(), ungranted, "called, but granted to no function");
        if (!called.contains("dynamodb:Scan")) {
            assertFalse(granted.contains("dynamodb:Scan"));
        }
    }

    /** Functions' properties over Globals.Function, merged map by map as SAM merges them. */
    private static Map<String, Map<String, Object>> functions() {
        Map<String, Object> globals = map(at(TEMPLATE, "Globals", "Function"));
        Map<String, Map<String, Object>> functions = new LinkedHashMap<>();
        RESOURCES.forEach((name, resource) -> {
            if ("AWS::Serverless::Function".equals(map(resource).get("Type"))) {
                functions.put(name, merge(globals, map(map(resource).get("Properties"))));
            }
        });
        return functions;
    }

    private static Map<String, Object> merge(Map<String, Object> base, Map<String, Object> over) {
        Map<String, Object> merged = new LinkedHashMap<>(base);
        over.forEach((key, value) -> merged.merge(
                key,
                value,
                (old, next) -> old instanceof Map<?, ?> && next instanceof Map<?, ?> && !isIntrinsic(map(next))
                        ? merge(map(old), map(next))
                        : next));
        return merged;
    }

    private static boolean isIntrinsic(Map<String, Object> value) {
        return value.size() == 1
                && value.keySet().stream().allMatch(key -> key.equals("Ref") || key.startsWith("Fn::"));
    }

    /** Queues that redrive policies, stream destinations or functions' DeadLetterQueue send failures to. */
    private static Set<String> failureQueues() {
        Set<String> queues = new TreeSet<>();
        resourcesOfType("AWS::SQS::Queue")
                .forEach(queue -> arnTarget(at(queue, "Properties", "RedrivePolicy", "deadLetterTargetArn"))
                        .ifPresent(queues::add));
        functions().values().forEach(properties -> {
            arnTarget(at(properties, "DeadLetterQueue", "TargetArn")).ifPresent(queues::add);
            map(properties.get("Events"))
                    .values()
                    .forEach(event -> arnTarget(
                                    at(map(event), "Properties", "DestinationConfig", "OnFailure", "Destination"))
                            .ifPresent(queues::add));
        });
        return queues;
    }

    private static Optional<String> arnTarget(Object value) {
        Object getAtt = map(value).get("Fn::GetAtt");
        return getAtt == null
                ? Optional.empty()
                : Optional.of(String.valueOf(getAtt).replaceAll("\\.Arn$", ""));
    }

    private static Stream<Map<String, Object>> alarms() {
        return resourcesOfType("AWS::CloudWatch::Alarm").map(alarm -> map(alarm.get("Properties")));
    }

    private static Stream<Map<String, Object>> resourcesOfType(String type) {
        return RESOURCES.values().stream().map(TemplateMaps::map).filter(resource -> type.equals(resource.get("Type")));
    }

    private static Object dimension(Map<String, Object> metric, String name) {
        return list(metric.get("Dimensions")).stream()
                .map(TemplateMaps::map)
                .filter(dimension -> name.equals(dimension.get("Name")))
                .map(dimension -> dimension.get("Value"))
                .findFirst()
                .orElse(Map.of());
    }

    /** "namespace name" of each metric a metric-math alarm reads. */
    private static Set<String> metricsOf(Map<String, Object> alarm) {
        Set<String> metrics = new TreeSet<>();
        list(alarm.get("Metrics")).forEach(query -> {
            Map<String, Object> metric = map(at(map(query), "MetricStat", "Metric"));
            if (!metric.isEmpty()) {
                metrics.add(metric.get("Namespace") + " " + metric.get("MetricName"));
            }
        });
        return metrics;
    }

    private static List<Map<String, Object>> statements(Map<String, Object> function) {
        List<Map<String, Object>> statements = new ArrayList<>();
        list(function.get("Policies"))
                .forEach(policy ->
                        list(map(policy).get("Statement")).forEach(statement -> statements.add(map(statement))));
        return statements;
    }

    private static List<String> actions(Map<String, Object> statement) {
        Object action = statement.get("Action");
        return action instanceof String single
                ? List.of(single)
                : list(action).stream().map(String::valueOf).toList();
    }

    private static Set<String> dynamoDbActionsCalled() throws IOException {
        Set<String> actions = new TreeSet<>();
        List<Path> sources = new ArrayList<>();
        for (String modules : List.of("shared", "functions")) {
            try (Stream<Path> each = Files.list(ROOT.resolve(modules))) {
                each.map(module -> module.resolve("src/main/java"))
                        .filter(Files::isDirectory)
                        .forEach(sources::add);
            }
        }
        for (Path source : sources) {
            try (Stream<Path> files = Files.walk(source)) {
                for (Path file :
                        files.filter(path -> path.toString().endsWith(".java")).toList()) {
                    Matcher call = DYNAMODB_CALL.matcher(Files.readString(file));
                    while (call.find()) {
                        Optional.ofNullable(DYNAMODB_ACTIONS.get(call.group(1))).ifPresent(actions::add);
                    }
                }
            }
        }
        return actions;
    }

    private static String read(Path path) {
        try {
            return Files.readString(path);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
