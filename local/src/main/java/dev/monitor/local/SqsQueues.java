package dev.monitor.local;

import static dev.monitor.local.TemplateMaps.map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/** Creates the template's queues in ElasticMQ, each dead-letter queue before the queues that send to it. */
final class SqsQueues {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** The queue properties that are plain SQS attributes and that ElasticMQ honours. */
    private static final List<String> ATTRIBUTES = List.of(
            "VisibilityTimeout",
            "MessageRetentionPeriod",
            "DelaySeconds",
            "ReceiveMessageWaitTimeSeconds",
            "MaximumMessageSize",
            "FifoQueue",
            "ContentBasedDeduplication");

    private final SqsClient sqs;

    SqsQueues(SqsClient sqs) {
        this.sqs = sqs;
    }

    void createAll(Template template, Intrinsics intrinsics, LocalResources resources) {
        List<Template.Resource> waiting = new ArrayList<>(template.resourcesOfType(Template.QUEUE));
        while (!waiting.isEmpty()) {
            // A queue whose dead-letter queue does not exist yet waits for a later round.
            List<Template.Resource> ready = waiting.stream()
                    .filter(queue -> redrivePolicy(queue, intrinsics).isPresent()
                            || !queue.properties().containsKey("RedrivePolicy"))
                    .toList();
            if (ready.isEmpty()) {
                throw new IllegalArgumentException("The dead-letter queues of "
                        + waiting.stream().map(Template.Resource::logicalId).toList()
                        + " are not queues of this template");
            }
            ready.forEach(queue -> create(queue, intrinsics, resources));
            waiting.removeAll(ready);
        }
    }

    private void create(Template.Resource queue, Intrinsics intrinsics, LocalResources resources) {
        Map<String, Object> properties = queue.properties();
        boolean fifo = Boolean.parseBoolean(
                intrinsics.text(properties.get("FifoQueue")).orElse("false"));
        // CloudFormation names a FIFO queue with the .fifo suffix SQS requires; so must the logical ID that stands in.
        String name = intrinsics.text(properties.get("QueueName")).orElse(queue.logicalId() + (fifo ? ".fifo" : ""));
        Map<String, String> attributes = new LinkedHashMap<>();
        for (String attribute : ATTRIBUTES) {
            intrinsics.text(properties.get(attribute)).ifPresent(value -> attributes.put(attribute, value));
        }
        redrivePolicy(queue, intrinsics).ifPresent(policy -> attributes.put("RedrivePolicy", policy));
        String url = sqs.createQueue(request -> request.queueName(name).attributesWithStrings(attributes))
                .queueUrl();
        String arn = sqs.getQueueAttributes(
                        request -> request.queueUrl(url).attributeNames(QueueAttributeName.QUEUE_ARN))
                .attributes()
                .get(QueueAttributeName.QUEUE_ARN);
        resources.addQueue(queue.logicalId(), new LocalResources.Queue(name, url, arn));
    }

    private static Optional<String> redrivePolicy(Template.Resource queue, Intrinsics intrinsics) {
        if (queue.properties().get("RedrivePolicy") instanceof String json) {
            return Optional.of(json);
        }
        Map<String, Object> policy = map(queue.properties().get("RedrivePolicy"));
        Optional<String> deadLetterQueueArn = intrinsics.text(policy.get("deadLetterTargetArn"));
        Optional<String> maxReceiveCount = intrinsics.text(policy.get("maxReceiveCount"));
        if (deadLetterQueueArn.isEmpty() || maxReceiveCount.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(JSON.writeValueAsString(Map.of(
                    "deadLetterTargetArn",
                    deadLetterQueueArn.get(),
                    "maxReceiveCount",
                    Integer.parseInt(maxReceiveCount.get()))));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
