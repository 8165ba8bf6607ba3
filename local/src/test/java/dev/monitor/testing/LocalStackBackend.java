package dev.monitor.testing;

import dev.monitor.local.AwsBackend;
import java.net.URI;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.localstack.LocalStackContainer;
import org.testcontainers.containers.localstack.LocalStackContainer.Service;
import org.testcontainers.utility.DockerImageName;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sesv2.SesV2Client;

/**
 * The tests of {@code mvn -Plocalstack}: the local stack's functions on LocalStack's DynamoDB (with Streams), SQS and
 * SES, in a container that Testcontainers starts, in place of the embedded services.
 *
 * <p>As a JUnit condition (the profile turns on extension autodetection, which finds it through
 * {@code META-INF/services}), it reports every test skipped, with {@link #DOCKER_MISSING}, where Docker is not
 * there: before a test class is even initialized, so a class that starts the stack in a static field is skipped
 * too, not failed.
 */
public final class LocalStackBackend implements ExecutionCondition {
    /** The system property or JUnit configuration parameter that chooses the backend. */
    public static final String BACKEND = "monitor.backend";

    public static final String DOCKER_MISSING = "Skipped: LocalStack needs Docker, and Testcontainers found no Docker"
            + " environment here; run mvn -Plocalstack where Docker runs (README, \"Testing on LocalStack\")";

    /**
     * LocalStack 4.x, whose DynamoDB, DynamoDB Streams, SQS and SES v2 the functions use; 4.8, whose standard queues
     * take a MessageGroupId (SQS fair queues), which every notification job carries (4.4 refused it).
     */
    private static final DockerImageName IMAGE = DockerImageName.parse("localstack/localstack:4.8");

    /** The sender the local stack gives the notifier; LocalStack's SES sends only from verified identities. */
    private static final String SENDER = "notifications@monitor.localhost";

    /** Whether this JVM's tests run on LocalStack ({@code -Dmonitor.backend=localstack}, as the profile sets). */
    public static boolean chosen() {
        return "localstack".equals(System.getProperty(BACKEND));
    }

    @Override
    public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
        boolean wanted = context.getConfigurationParameter(BACKEND)
                .or(() -> Optional.ofNullable(System.getProperty(BACKEND)))
                .filter("localstack"::equals)
                .isPresent();
        if (!wanted) {
            return ConditionEvaluationResult.enabled("the embedded backend");
        }
        return dockerAvailable()
                ? ConditionEvaluationResult.enabled("Docker is available for LocalStack")
                : ConditionEvaluationResult.disabled(DOCKER_MISSING);
    }

    static boolean dockerAvailable() {
        return DockerClientFactory.instance().isDockerAvailable();
    }

    /** LocalStack in its container, as the local stack's backend; the stack stops the container when it closes. */
    public record Container(LocalStackContainer container, Map<String, String> environment) implements AwsBackend {
        /** Where every service of the container answers, SES's too. */
        public URI endpoint() {
            return container.getEndpoint();
        }

        @Override
        public void close() {
            container.stop();
        }
    }

    /** Starts LocalStack; where Docker is missing, aborts the calling test with {@link #DOCKER_MISSING}. */
    static Container start() {
        Assumptions.assumeTrue(dockerAvailable(), DOCKER_MISSING);
        LocalStackContainer container =
                new LocalStackContainer(IMAGE).withServices(Service.DYNAMODB, Service.SQS, Service.SES);
        container.start();
        String endpoint = container.getEndpoint().toString();
        Map<String, String> environment = Map.of(
                "AWS_REGION",
                container.getRegion(),
                "AWS_ACCESS_KEY_ID",
                container.getAccessKey(),
                "AWS_SECRET_ACCESS_KEY",
                container.getSecretKey(),
                "AWS_ENDPOINT_URL_DYNAMODB",
                endpoint,
                "AWS_ENDPOINT_URL_DYNAMODB_STREAMS",
                endpoint,
                "AWS_ENDPOINT_URL_SQS",
                endpoint);
        verifySender(environment, container.getEndpoint());
        return new Container(container, environment);
    }

    private static void verifySender(Map<String, String> environment, URI endpoint) {
        try (SesV2Client ses = SesV2Client.builder()
                .httpClient(UrlConnectionHttpClient.create())
                .endpointOverride(endpoint)
                .region(Region.of(environment.get("AWS_REGION")))
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(
                        environment.get("AWS_ACCESS_KEY_ID"), environment.get("AWS_SECRET_ACCESS_KEY"))))
                .build()) {
            ses.createEmailIdentity(request -> request.emailIdentity(SENDER));
        }
    }
}
