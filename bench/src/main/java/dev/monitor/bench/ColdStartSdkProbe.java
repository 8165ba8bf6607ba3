package dev.monitor.bench;

import java.lang.management.ManagementFactory;
import java.net.URI;
import java.util.Map;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.GetItemResponse;

/**
 * The floor the api's cold start is compared with, run in a fresh JVM from the same jar: a bare SDK client, configured
 * as the api's is (URLConnection HTTP client, explicit region and static credentials), doing one GetItem. Prints the
 * time from JVM start to the client's construction and to the response, in microseconds. Arguments: the item's
 * {@code pk} and {@code sk}.
 */
public final class ColdStartSdkProbe {
    private ColdStartSdkProbe() {}

    public static void main(String[] args) {
        Map<String, String> environment = System.getenv();
        DynamoDbClient dynamoDb = DynamoDbClient.builder()
                .httpClient(UrlConnectionHttpClient.create())
                .region(Region.of(environment.get("AWS_REGION")))
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(
                        environment.get("AWS_ACCESS_KEY_ID"), environment.get("AWS_SECRET_ACCESS_KEY"))))
                .endpointOverride(URI.create(environment.get("AWS_ENDPOINT_URL_DYNAMODB")))
                .build();
        long initialized = System.currentTimeMillis();
        GetItemResponse response = dynamoDb.getItem(GetItemRequest.builder()
                .tableName(environment.get("MONITOR_TABLE"))
                .key(Map.of("pk", AttributeValue.fromS(args[0]), "sk", AttributeValue.fromS(args[1])))
                .build());
        long answered = System.currentTimeMillis();
        long jvmStart = ManagementFactory.getRuntimeMXBean().getStartTime();
        if (!response.hasItem() || response.item().isEmpty()) {
            System.err.println("GetItem found no item at " + args[0] + " / " + args[1]);
            System.exit(1);
        }
        System.out.println((initialized - jvmStart) * 1000 + " " + (answered - jvmStart) * 1000);
    }
}
