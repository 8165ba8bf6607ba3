package dev.monitor.local;

import java.net.URI;
import java.util.Map;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.awscore.client.builder.AwsSyncClientBuilder;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;
import software.amazon.awssdk.services.sqs.SqsClient;

/** The runner's own SDK clients, pointed at the backend by its environment, as the functions' clients are. */
final class BackendClients implements AutoCloseable {
    private final SdkHttpClient http = UrlConnectionHttpClient.create();
    private final Map<String, String> environment;
    private final DynamoDbClient dynamoDb;
    private final DynamoDbStreamsClient streams;
    private final SqsClient sqs;

    BackendClients(Map<String, String> environment) {
        this.environment = environment;
        this.dynamoDb = configure(DynamoDbClient.builder(), "AWS_ENDPOINT_URL_DYNAMODB");
        this.streams = configure(DynamoDbStreamsClient.builder(), "AWS_ENDPOINT_URL_DYNAMODB_STREAMS");
        this.sqs = configure(SqsClient.builder(), "AWS_ENDPOINT_URL_SQS");
    }

    DynamoDbClient dynamoDb() {
        return dynamoDb;
    }

    DynamoDbStreamsClient streams() {
        return streams;
    }

    SqsClient sqs() {
        return sqs;
    }

    @Override
    public void close() {
        dynamoDb.close();
        streams.close();
        sqs.close();
        http.close();
    }

    private <B extends AwsClientBuilder<B, C> & AwsSyncClientBuilder<B, C>, C> C configure(
            B builder, String endpointVariable) {
        builder.httpClient(http)
                .region(Region.of(environment.get("AWS_REGION")))
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(
                        environment.get("AWS_ACCESS_KEY_ID"), environment.get("AWS_SECRET_ACCESS_KEY"))));
        if (environment.containsKey(endpointVariable)) {
            builder.endpointOverride(URI.create(environment.get(endpointVariable)));
        }
        return builder.build();
    }
}
