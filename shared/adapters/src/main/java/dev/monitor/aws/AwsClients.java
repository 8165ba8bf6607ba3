package dev.monitor.aws;

import dev.monitor.config.AwsSettings;
import dev.monitor.config.SealingKey;
import dev.monitor.crypto.LocalKeySecretSealer;
import dev.monitor.crypto.SecretSealer;
import dev.monitor.kms.KmsSecretSealer;
import java.net.URI;
import java.time.Duration;
import java.util.Optional;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.ContainerCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.awscore.client.builder.AwsSyncClientBuilder;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.services.sesv2.SesV2Client;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * Builds the SDK clients a function uses, once, with the region, credentials and HTTP client set
 * explicitly so the SDK does not walk its default provider chains at cold start.
 */
public final class AwsClients {
    private final AwsSettings settings;
    private final SdkHttpClient httpClient;
    private final AwsCredentialsProvider credentials;
    private final ClientOverrideConfiguration overrides;

    public AwsClients(AwsSettings settings) {
        this(settings, ClientOverrideConfiguration.builder().build());
    }

    /** With SDK overrides for every client, such as the execution interceptors a benchmark counts requests with. */
    public AwsClients(AwsSettings settings, ClientOverrideConfiguration overrides) {
        this.settings = settings;
        this.overrides = SdkTimeouts.applyTo(overrides).toBuilder()
                .addExecutionInterceptor(new ItemsRead())
                .build();
        // The JDK's HttpURLConnection: no Apache or Netty client to load, the fastest SDK cold start.
        this.httpClient = UrlConnectionHttpClient.builder()
                .connectionTimeout(Duration.ofSeconds(2))
                .socketTimeout(SdkTimeouts.ATTEMPT)
                .build();
        this.credentials = credentialsFrom(settings);
    }

    public DynamoDbClient dynamoDb() {
        return configured(DynamoDbClient.builder(), settings.dynamoDbEndpoint());
    }

    public SqsClient sqs() {
        return configured(SqsClient.builder(), settings.sqsEndpoint());
    }

    public KmsClient kms() {
        return configured(KmsClient.builder(), Optional.empty());
    }

    /** Every client alike: the one HTTP client, the region, the credentials, the overrides, a local endpoint if set. */
    private <B extends AwsClientBuilder<B, C> & AwsSyncClientBuilder<B, C>, C> C configured(
            B builder, Optional<URI> endpoint) {
        builder.httpClient(httpClient)
                .region(Region.of(settings.region()))
                .credentialsProvider(credentials)
                .overrideConfiguration(overrides);
        endpoint.ifPresent(builder::endpointOverride);
        return builder.build();
    }

    /** Only the notifier sends mail; the other functions do not carry the SES client classes. */
    public SesV2Client sesV2() {
        return configured(SesV2Client.builder(), settings.sesV2Endpoint());
    }

    /** KMS on AWS; on the local stack, which has no KMS, the AES key it generates. */
    public SecretSealer secretSealer(SealingKey key) {
        if (key instanceof SealingKey.Kms kms) {
            return new KmsSecretSealer(kms(), kms.keyId());
        }
        return new LocalKeySecretSealer(((SealingKey.Local) key).aesKey());
    }

    /**
     * Lambda puts the function role's credentials in the environment, and so does the local stack; under SnapStart it
     * gives an endpoint instead, whose credentials the SDK caches and renews when they near their expiry.
     */
    private static AwsCredentialsProvider credentialsFrom(AwsSettings settings) {
        if (settings.keys().isEmpty()) {
            return ContainerCredentialsProvider.builder().build();
        }
        AwsSettings.Keys keys = settings.keys().get();
        AwsCredentials credentials = keys.sessionToken()
                .<AwsCredentials>map(
                        token -> AwsSessionCredentials.create(keys.accessKeyId(), keys.secretAccessKey(), token))
                .orElseGet(() -> AwsBasicCredentials.create(keys.accessKeyId(), keys.secretAccessKey()));
        return StaticCredentialsProvider.create(credentials);
    }
}
