package dev.monitor.api;

import dev.monitor.accounts.AccountService;
import dev.monitor.accounts.ApiKeyService;
import dev.monitor.accounts.AuthTokenSealer;
import dev.monitor.accounts.Authenticator;
import dev.monitor.alarms.AlarmCounts;
import dev.monitor.alarms.AlarmNotifications;
import dev.monitor.alarms.AlarmService;
import dev.monitor.alarms.AlarmStore;
import dev.monitor.alerts.AlertCountService;
import dev.monitor.alerts.AlertService;
import dev.monitor.alerts.CounterStore;
import dev.monitor.audit.AuditTrail;
import dev.monitor.aws.AwsClients;
import dev.monitor.cloudwatch.FunctionLog;
import dev.monitor.connect.ConnectAppUrls;
import dev.monitor.connect.ConnectApps;
import dev.monitor.crypto.SecretSealer;
import dev.monitor.crypto.Secrets;
import dev.monitor.dynamo.accounts.DynamoAccountStore;
import dev.monitor.dynamo.accounts.DynamoApiKeyStore;
import dev.monitor.dynamo.alarms.DynamoAlarmStore;
import dev.monitor.dynamo.alerts.DynamoAlertStore;
import dev.monitor.dynamo.alerts.DynamoCounterStore;
import dev.monitor.dynamo.connect.DynamoConnectAppStore;
import dev.monitor.dynamo.events.DynamoEventStore;
import dev.monitor.dynamo.idempotency.DynamoIdempotencyStore;
import dev.monitor.dynamo.limits.DynamoLimitStore;
import dev.monitor.dynamo.notify.DynamoDeliveryStore;
import dev.monitor.dynamo.notify.DynamoSigningSecretStore;
import dev.monitor.dynamo.paging.DynamoServiceKeyStore;
import dev.monitor.dynamo.usage.DynamoTriggerStore;
import dev.monitor.dynamo.usage.DynamoUsageStore;
import dev.monitor.events.ConfiguredRetention;
import dev.monitor.events.Event;
import dev.monitor.events.EventService;
import dev.monitor.limits.RequestLimiter;
import dev.monitor.notify.DeliveryService;
import dev.monitor.notify.NotificationQueue;
import dev.monitor.notify.SigningSecretRotation;
import dev.monitor.notify.SigningSecrets;
import dev.monitor.notify.WebhookTargets;
import dev.monitor.paging.PageTokens;
import dev.monitor.sqs.SqsNotificationQueue;
import dev.monitor.usage.UsageRecords;
import dev.monitor.usage.UsageTriggers;
import java.time.Clock;
import java.time.Duration;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/** Wires the api function's parts by their constructors, once per function instance. */
public final class ApiFactory {
    /** Milliseconds are what Sids and dates carry, so the clock ticks in them. */
    public static final Clock CLOCK = Clock.tick(Clock.systemUTC(), Duration.ofMillis(1));
    /** The console's files, read from the jar once per JVM however many Apis it builds. */
    private static final ConsoleAssets CONSOLE = ConsoleAssets.fromClassPath();

    private ApiFactory() {}

    public static Api create(ApiSettings settings, Clock clock, FunctionLog log) {
        return create(settings, new AwsClients(settings.aws()), clock, log);
    }

    /** With clients built elsewhere, such as a benchmark's, which count what the api asks of DynamoDB. */
    public static Api create(ApiSettings settings, AwsClients clients, Clock clock, FunctionLog log) {
        DynamoDbClient dynamo = clients.dynamoDb();
        String table = settings.table();
        SecretSealer sealer = clients.secretSealer(settings.sealingKey());
        DynamoEventStore eventStore = new DynamoEventStore(dynamo, table);
        AuditTrail audit = new AuditTrail(new ConfiguredRetention(eventStore), Event.SIDS);
        DynamoAccountStore accountStore = new DynamoAccountStore(dynamo, table);
        AccountService accounts = new AccountService(accountStore, new AuthTokenSealer(sealer), audit, clock);
        ApiKeyService apiKeys = new ApiKeyService(new DynamoApiKeyStore(dynamo, table), accountStore, audit, clock);
        RequestLimiter limiter =
                new RequestLimiter(new DynamoLimitStore(dynamo, table), settings.accountLimits(), clock);
        WebhookTargets webhookTargets = WebhookTargets.withDns(settings.allowPrivateWebhookTargets());
        DynamoDeliveryStore deliveryStore = new DynamoDeliveryStore(dynamo, table);
        NotificationQueue queue = new SqsNotificationQueue(clients.sqs(), settings.notificationsQueueUrl());
        ConnectAppUrls connectAppUrls = new ConnectAppUrls(webhookTargets, settings.allowPrivateWebhookTargets());
        ConnectApps connectApps = new ConnectApps(
                new DynamoConnectAppStore(dynamo, table), accounts, connectAppUrls, queue, deliveryStore, audit, clock);
        Access access = new Access(
                new Authenticator(accounts, apiKeys, settings.operatorKeySha256()),
                accounts,
                connectApps,
                limiter,
                log);
        Paging paging = new Paging(new PageTokens(new DynamoServiceKeyStore(dynamo, table)).withKeyLoaded());
        EventService events =
                new EventService(eventStore, accounts, new DynamoIdempotencyStore(dynamo, table), audit, clock);
        DynamoUsageStore usageStore = new DynamoUsageStore(dynamo, table);
        ReadMeter reads = new ReadMeter(usageStore, clock, settings.usageReadsFlushInterval());
        UsageRecords usage = new UsageRecords(usageStore, settings.pricing(), clock);
        UsageTriggers triggers = new UsageTriggers(
                new DynamoTriggerStore(dynamo, table), usage, webhookTargets, deliveryStore, audit, clock);
        AlertService alerts = new AlertService(
                new DynamoAlertStore(dynamo, table), accounts, new DynamoIdempotencyStore(dynamo, table), audit, clock);
        CounterStore counters = new DynamoCounterStore(dynamo, table);
        AlarmStore alarmStore = new DynamoAlarmStore(dynamo, table);
        AlarmNotifications notifications = new AlarmNotifications(settings.publicApiUrl());
        AlarmService alarms = new AlarmService(
                alarmStore, new AlarmCounts(counters), notifications, queue, deliveryStore, audit, clock);
        DeliveryService deliveries = new DeliveryService(deliveryStore, queue, audit, clock);
        SigningSecrets signingSecrets = new SigningSecrets(new DynamoSigningSecretStore(dynamo, table), sealer, clock);
        Router router = new Router();
        new AccountsResource(accounts, access, paging).register(router);
        new ApiKeysResource(apiKeys, accounts, access, paging).register(router);
        EventsResource eventsResource = new EventsResource(events, access, paging, reads, log);
        eventsResource.register(router);
        new AlertsResource(alerts, new AlertCountService(counters, clock), access, paging, log).register(router);
        new AlarmsResource(alarms, new AlarmParser(webhookTargets), access, paging).register(router);
        new UsageResource(usage, triggers, access, paging, clock).register(router);
        new DeliveriesResource(
                        deliveries,
                        signingSecrets,
                        new SigningSecretRotation(signingSecrets, audit, clock),
                        access,
                        paging,
                        clock)
                .register(router);
        new ConnectAppsResource(connectApps, new ConnectAppParser(connectAppUrls), accounts, access, paging)
                .register(router);
        Runnable primeReads = () -> {
            eventsResource.primeList();
            // The sealing's classes and code, with a key that seals nothing anyone will see.
            byte[] throwawayKey = Secrets.randomBytes(32);
            PageTokens throwaway = new PageTokens(name -> throwawayKey);
            throwaway.open(throwaway.seal("priming", "priming"), "priming");
        };
        return new Api(router, CONSOLE, log, access, reads::flushIfDue, primeReads);
    }
}
