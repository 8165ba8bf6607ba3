package dev.monitor.config;

import java.net.URI;
import java.util.Optional;

/**
 * Where and as whom a function calls AWS: the region and credentials Lambda puts in every function's environment, and
 * the endpoints the local stack and tests point at their stand-ins.
 *
 * @param keys the role's keys from the environment; empty under SnapStart, where Lambda gives a function no keys but
 *     an endpoint of its own that hands them out ({@code AWS_CONTAINER_CREDENTIALS_FULL_URI}), so that a restored
 *     snapshot fetches current ones rather than keeping those of the hour it was taken
 */
public record AwsSettings(
        String region,
        Optional<Keys> keys,
        Optional<URI> dynamoDbEndpoint,
        Optional<URI> sqsEndpoint,
        Optional<URI> sesV2Endpoint) {

    public record Keys(String accessKeyId, String secretAccessKey, Optional<String> sessionToken) {
        @Override
        public String toString() {
            return "Keys[...]";
        }
    }

    public static AwsSettings from(Environment env) {
        boolean fromEndpoint = env.optional("AWS_ACCESS_KEY_ID").isEmpty()
                && env.optional("AWS_CONTAINER_CREDENTIALS_FULL_URI").isPresent();
        return new AwsSettings(
                env.optional("AWS_REGION")
                        .or(() -> env.optional("AWS_DEFAULT_REGION"))
                        .orElse("us-east-1"),
                fromEndpoint
                        ? Optional.empty()
                        : Optional.of(new Keys(
                                env.required("AWS_ACCESS_KEY_ID"),
                                env.required("AWS_SECRET_ACCESS_KEY"),
                                env.optional("AWS_SESSION_TOKEN"))),
                env.optionalParsed("AWS_ENDPOINT_URL_DYNAMODB", URI::create),
                env.optionalParsed("AWS_ENDPOINT_URL_SQS", URI::create),
                env.optionalParsed("AWS_ENDPOINT_URL_SESV2", URI::create));
    }

    /** Keeps the credentials out of logs. */
    @Override
    public String toString() {
        return "AwsSettings[region=" + region + ", dynamoDbEndpoint=" + dynamoDbEndpoint.orElse(null) + "]";
    }
}
