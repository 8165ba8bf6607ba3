package dev.monitor.aws;

import dev.monitor.config.Settings;
import dev.monitor.crypto.KmsSecretSealer;
import dev.monitor.crypto.LocalKeySecretSealer;
import dev.monitor.crypto.SecretSealer;
import java.util.Base64;
import java.time.Duration;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
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
    private final Settings settings;
    private final SdkHttpClient httpClient;
    private final AwsCredentialsProvider credentials;

    public AwsClients(Settings settings) {
        this.settings = settings;
        // The JDK's HttpURLConnection: no Apache or Netty client to load, the fastest SDK cold start.
        this.httpClient = UrlConnectionHttpClient.builder()
                .connectionTimeout(Duration.ofSeconds(2))
                .socketTimeout(Duration.ofSeconds(10))
                .build();
        this.credentials = credentialsFrom(settings);
    }

    public DynamoDbClient dynamoDb() {
        var builder = DynamoDbClient.builder()
                .httpClient(httpClient)
                .region(Region.of(settings.region()))
                .credentialsProvider(credentials);
        settings.dynamoDbEndpoint().ifPresent(builder::endpointOverride);
        return builder.build();
    }

    public SqsClient sqs() {
        var builder = SqsClient.builder()
                .httpClient(httpClient)
                .region(Region.of(settings.region()))
                .credentialsProvider(credentials);
        settings.sqsEndpoint().ifPresent(builder::endpointOverride);
        return builder.build();
    }

    public KmsClient kms() {
        return KmsClient.builder()
                .httpClient(httpClient)
                .region(Region.of(settings.region()))
                .credentialsProvider(credentials)
                .build();
    }

    /** Only the notifier sends mail; the other functions do not carry the SES client classes. */
    public SesV2Client sesV2() {
        var builder = SesV2Client.builder()
                .httpClient(httpClient)
                .region(Region.of(settings.region()))
                .credentialsProvider(credentials);
        settings.sesV2Endpoint().ifPresent(builder::endpointOverride);
        return builder.build();
    }

    /** KMS on AWS; on the local stack, which has no KMS, the AES key it generates. */
    public SecretSealer secretSealer() {
        if (settings.authTokenKmsKeyId().isPresent()) {
            return new KmsSecretSealer(kms(), settings.authTokenKmsKeyId().get());
        }
        return new LocalKeySecretSealer(Base64.getDecoder().decode(settings.authTokenSealingKey()
                .orElseThrow(() -> new IllegalStateException("Set MONITOR_AUTH_TOKEN_KMS_KEY_ID, or MONITOR_AUTH_TOKEN_SEALING_KEY on the local stack"))));
    }

    /** Lambda puts the function role's credentials in the environment; so does the local stack. */
    private static AwsCredentialsProvider credentialsFrom(Settings settings) {
        String keyId = settings.accessKeyId().orElseThrow(() -> new IllegalStateException("AWS_ACCESS_KEY_ID is not set"));
        String secret = settings.secretAccessKey().orElseThrow(() -> new IllegalStateException("AWS_SECRET_ACCESS_KEY is not set"));
        return StaticCredentialsProvider.create(settings.sessionToken()
                .<software.amazon.awssdk.auth.credentials.AwsCredentials>map(token -> AwsSessionCredentials.create(keyId, secret, token))
                .orElseGet(() -> AwsBasicCredentials.create(keyId, secret)));
    }
}
