package dev.monitor.api;

import dev.monitor.accounts.AccountService;
import dev.monitor.accounts.AuthTokenSealer;
import dev.monitor.accounts.Authenticator;
import dev.monitor.accounts.DynamoAccountStore;
import dev.monitor.aws.AwsClients;
import dev.monitor.config.Settings;
import dev.monitor.events.DynamoEventStore;
import dev.monitor.events.EventService;
import dev.monitor.idempotency.DynamoIdempotencyStore;
import dev.monitor.notify.DeliveryService;
import dev.monitor.notify.DynamoDeliveryStore;
import dev.monitor.notify.DynamoSigningSecretStore;
import dev.monitor.notify.SigningSecrets;
import dev.monitor.notify.SqsNotificationQueue;
import dev.monitor.paging.DynamoServiceKeyStore;
import dev.monitor.paging.PageTokens;
import java.time.Clock;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/** Wires the api function's parts by their constructors, once per function instance. */
public final class ApiFactory {
    private ApiFactory() {
    }

    public static Api create(Settings settings, Clock clock) {
        AwsClients clients = new AwsClients(settings);
        DynamoDbClient dynamo = clients.dynamoDb();
        String table = settings.tableName();
        AccountService accounts = new AccountService(new DynamoAccountStore(dynamo, table), new AuthTokenSealer(clients.secretSealer()), clock);
        Access access = new Access(new Authenticator(accounts, settings.operatorKeySha256()), accounts);
        Paging paging = new Paging(new PageTokens(new DynamoServiceKeyStore(dynamo, table)));
        EventService events = new EventService(new DynamoEventStore(dynamo, table), accounts,
                new DynamoIdempotencyStore(dynamo, table), clock);
        Router router = new Router();
        new AccountsResource(accounts, access, paging).register(router);
        new EventsResource(events, access, paging).register(router);
        DeliveryService deliveries = new DeliveryService(new DynamoDeliveryStore(dynamo, table),
                new SqsNotificationQueue(clients.sqs(), settings.notificationsQueueUrl()
                        .orElseThrow(() -> new IllegalStateException("MONITOR_NOTIFICATIONS_QUEUE_URL is not set"))), clock);
        SigningSecrets signingSecrets = new SigningSecrets(new DynamoSigningSecretStore(dynamo, table), clients.secretSealer(), clock);
        new DeliveriesResource(deliveries, signingSecrets, access, paging).register(router);
        return new Api(router, System.err::println);
    }
}
