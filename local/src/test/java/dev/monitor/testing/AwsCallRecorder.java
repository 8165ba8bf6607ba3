package dev.monitor.testing;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import software.amazon.awssdk.awscore.AwsRequest;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsRequest;

/**
 * Every AWS request of this test JVM as IAM would authorize it: who signed it (the local stack gives each function
 * its logical ID as access key), the IAM action, and the resource by its template name ({@code MonitorTable},
 * {@code MonitorTable/index/gsi1}, {@code NotificationsQueue}). The SDK loads it into every client through
 * {@code software/amazon/awssdk/global/handlers/execution.interceptors} on the test class path.
 */
public final class AwsCallRecorder implements ExecutionInterceptor {
    /** One authorized action: IAM's name of it and the resource it acts on ("*" where the test does not tell). */
    public record Call(String action, String resource) {}

    private static final Map<String, Set<Call>> CALLS = new ConcurrentHashMap<>();
    private static final Pattern ACCESS_KEY = Pattern.compile("Credential=([^/]+)/");
    /** SQS's batch calls are authorized as their single-message action. */
    private static final Map<String, String> SQS_ACTIONS = Map.of(
            "SendMessageBatch", "SendMessage",
            "DeleteMessageBatch", "DeleteMessage",
            "ChangeMessageVisibilityBatch", "ChangeMessageVisibility");

    /** What each signer (a function's logical ID) was seen to call. */
    public static Map<String, Set<Call>> calls() {
        return Map.copyOf(CALLS);
    }

    @Override
    public void beforeTransmission(Context.BeforeTransmission context, ExecutionAttributes attributes) {
        Optional<String> signer = context.httpRequest()
                .firstMatchingHeader("Authorization")
                .map(ACCESS_KEY::matcher)
                .filter(Matcher::find)
                .map(matcher -> matcher.group(1));
        if (signer.isEmpty() || !(context.request() instanceof AwsRequest request)) {
            return;
        }
        String service = attributes.getAttribute(SdkExecutionAttribute.SERVICE_NAME);
        String operation = attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME);
        Set<Call> calls = CALLS.computeIfAbsent(signer.get(), key -> ConcurrentHashMap.newKeySet());
        calls.addAll(authorized(service, operation, request));
    }

    private static List<Call> authorized(String service, String operation, AwsRequest request) {
        List<Call> calls = new ArrayList<>();
        switch (service.toLowerCase(Locale.ROOT)) {
            case "dynamodb" -> {
                if (request instanceof TransactWriteItemsRequest transaction) {
                    for (TransactWriteItem item : transaction.transactItems()) {
                        if (item.put() != null) {
                            calls.add(new Call("dynamodb:PutItem", item.put().tableName()));
                        } else if (item.update() != null) {
                            calls.add(new Call(
                                    "dynamodb:UpdateItem", item.update().tableName()));
                        } else if (item.delete() != null) {
                            calls.add(new Call(
                                    "dynamodb:DeleteItem", item.delete().tableName()));
                        } else if (item.conditionCheck() != null) {
                            calls.add(new Call(
                                    "dynamodb:ConditionCheckItem",
                                    item.conditionCheck().tableName()));
                        }
                    }
                } else if (request instanceof BatchWriteItemRequest batch) {
                    batch.requestItems().keySet().forEach(table -> calls.add(new Call("dynamodb:" + operation, table)));
                } else if (request instanceof BatchGetItemRequest batch) {
                    batch.requestItems().keySet().forEach(table -> calls.add(new Call("dynamodb:" + operation, table)));
                } else {
                    String table =
                            request.getValueForField("TableName", String.class).orElse("*");
                    String resource = request.getValueForField("IndexName", String.class)
                            .map(index -> table + "/index/" + index)
                            .orElse(table);
                    calls.add(new Call("dynamodb:" + operation, resource));
                }
            }
            case "sqs" -> {
                String queueUrl =
                        request.getValueForField("QueueUrl", String.class).orElse("*");
                calls.add(new Call(
                        "sqs:" + SQS_ACTIONS.getOrDefault(operation, operation),
                        queueUrl.substring(queueUrl.lastIndexOf('/') + 1)));
            }
            case "sesv2" -> calls.add(new Call("ses:" + operation, "*"));
            case "kms" -> calls.add(new Call("kms:" + operation, "*"));
            default -> calls.add(new Call(service + ":" + operation, "*"));
        }
        return calls;
    }
}
