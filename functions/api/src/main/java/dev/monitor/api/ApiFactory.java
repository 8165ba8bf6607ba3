package dev.monitor.api;

import dev.monitor.accounts.AccountService;
import dev.monitor.accounts.AuthTokenSealer;
import dev.monitor.accounts.Authenticator;
import dev.monitor.accounts.DynamoAccountStore;
import dev.monitor.accounts.KmsAuthTokenSealer;
import dev.monitor.accounts.LocalKeyAuthTokenSealer;
import dev.monitor.aws.AwsClients;
import dev.monitor.config.Settings;
import dev.monitor.events.DynamoEventStore;
import dev.monitor.events.EventService;
import dev.monitor.idempotency.DynamoIdempotencyStore;
import dev.monitor.paging.DynamoServiceKeyStore;
import dev.monitor.paging.PageTokens;
import java.time.Clock;
import java.util.Base64;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/** Wires the api function's parts by their constructors, once per function instance. */
public final class ApiFactory {
    private ApiFactory() {
    }

    public static Api create(Settings settings, Clock clock) {
        return create(settings, new AwsClients(settings), clock);
    }

    /** With clients built elsewhere, such as a benchmark's, which count what the api asks of DynamoDB. */
    public static Api create(Settings settings, AwsClients clients, Clock clock) {
        DynamoDbClient dynamo = clients.dynamoDb();
        String table = settings.tableName();
        AccountService accounts = new AccountService(new DynamoAccountStore(dynamo, table), sealer(settings, clients), clock);
        Access access = new Access(new Authenticator(accounts, settings.operatorKeySha256()), accounts);
        Paging paging = new Paging(new PageTokens(new DynamoServiceKeyStore(dynamo, table)));
        EventService events = new EventService(new DynamoEventStore(dynamo, table), accounts,
                new DynamoIdempotencyStore(dynamo, table), clock);
        Router router = new Router();
        new AccountsResource(accounts, access, paging).register(router);
        new EventsResource(events, access, paging).register(router);
        return new Api(router, System.err::println);
    }

    private static AuthTokenSealer sealer(Settings settings, AwsClients clients) {
        if (settings.authTokenKmsKeyId().isPresent()) {
            return new KmsAuthTokenSealer(clients.kms(), settings.authTokenKmsKeyId().get());
        }
        return new LocalKeyAuthTokenSealer(Base64.getDecoder().decode(settings.authTokenSealingKey()
                .orElseThrow(() -> new IllegalStateException("Set MONITOR_AUTH_TOKEN_KMS_KEY_ID, or MONITOR_AUTH_TOKEN_SEALING_KEY on the local stack"))));
    }
}
