package dev.monitor.usage;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.monitor.aws.AwsClients;
import dev.monitor.config.AwsSettings;
import dev.monitor.config.Environment;
import dev.monitor.config.SharedVariables;
import dev.monitor.dynamo.accounts.DynamoAccountStore;
import dev.monitor.dynamo.events.EventCodec;
import dev.monitor.dynamo.usage.DynamoTriggerStore;
import dev.monitor.dynamo.usage.DynamoUsageStore;
import dev.monitor.logging.Log;
import dev.monitor.notify.ConsoleLinks;
import dev.monitor.notify.NotificationJob;
import dev.monitor.testing.Eventually;
import dev.monitor.testing.RunningStack;
import dev.monitor.testing.TestAccount;
import dev.monitor.usagemeter.StreamChange;
import dev.monitor.usagemeter.UsageMeter;
import java.math.BigInteger;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;

/**
 * The meter and the check of the running stack's table, built with a clock a test sets: how tests
 * reach the turn of a day, a month or a year. The meter is given stream records as Lambda would give them.
 */
final class UsageFixtures {
    private static final AtomicLong SEQUENCE = new AtomicLong(System.currentTimeMillis() * 1000);

    private UsageFixtures() {}

    /**
     * Polls the first usage record at {@code path} until its count is {@code expected}: the meter counts from the
     * table's stream.
     */
    static void awaitRecordCount(TestAccount account, String path, String expected) {
        Eventually.until(
                path + " to count " + expected,
                () -> account.client()
                        .get(path)
                        .json()
                        .get("usage_records")
                        .get(0)
                        .get("count")
                        .asText(),
                expected::equals);
    }

    /** Polls the account's usage record of today's writes until the meter has counted {@code expected}. */
    static void awaitTodaysWrites(TestAccount account, int expected) {
        awaitRecordCount(
                account,
                "/2010-04-01/Accounts/" + account.sid() + "/Usage/Records/Today.json?Category=monitor-writes",
                Integer.toString(expected));
    }

    static Environment environment() {
        Map<String, String> environment = new HashMap<>(RunningStack.get().awsEnvironment());
        environment.put("MONITOR_TABLE", "MonitorTable");
        return Environment.of(environment);
    }

    static UsageMeter meter(Instant now) {
        Environment env = environment();
        var dynamo = new AwsClients(AwsSettings.from(env)).dynamoDb();
        String table = SharedVariables.table(env);
        return new UsageMeter(
                new DynamoUsageStore(dynamo, table),
                new DynamoAccountStore(dynamo, table),
                SharedVariables.pricing(env),
                Clock.fixed(now, ZoneOffset.UTC),
                Log.NONE);
    }

    /** A check at {@code now} whose jobs go to {@code jobs}. */
    static UsageCheck check(Instant now, List<NotificationJob> jobs) {
        Environment env = environment();
        var dynamo = new AwsClients(AwsSettings.from(env)).dynamoDb();
        String table = SharedVariables.table(env);
        DynamoUsageStore store = new DynamoUsageStore(dynamo, table);
        Clock clock = Clock.fixed(now, ZoneOffset.UTC);
        return new UsageCheck(
                store,
                new DynamoTriggerStore(dynamo, table),
                new UsageRecords(store, SharedVariables.pricing(env), clock),
                jobs::addAll,
                new ConsoleLinks(Optional.of(RunningStack.baseUrl())),
                clock,
                Log.NONE);
    }

    /** {@code count} events of the account written at {@code at}, as stream records. */
    static List<StreamChange> written(TestAccount account, int count, Instant at) {
        List<StreamChange> changes = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            changes.add(new StreamChange(
                    BigInteger.valueOf(SEQUENCE.incrementAndGet()).toString(),
                    true,
                    EventCodec.KEYS.partitionKey(account.sid(), i % 4),
                    Optional.of(account.sid()),
                    at));
        }
        return changes;
    }

    static void meter(TestAccount account, int events, Instant at) {
        assertEquals(Optional.empty(), meter(at).apply(written(account, events, at)));
    }

    /** Creates a trigger through the API and returns its Sid. */
    static String createTrigger(TestAccount account, Map<String, String> form) {
        var response =
                account.client().postForm("/2010-04-01/Accounts/" + account.sid() + "/Usage/Triggers.json", form(form));
        assertEquals(201, response.status(), response.text());
        return response.json().get("sid").asText();
    }

    static String form(Map<String, String> parameters) {
        return parameters.entrySet().stream()
                .map(entry -> URLEncoder.encode(entry.getKey(), StandardCharsets.UTF_8) + "="
                        + URLEncoder.encode(entry.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
    }

    static List<NotificationJob> jobsOf(List<NotificationJob> jobs, String triggerSid) {
        return jobs.stream()
                .filter(job -> job.source().sid().equals(triggerSid))
                .toList();
    }

    static Map<String, String> parameters(NotificationJob job) {
        return ((NotificationJob.TwilioCallback) job.content()).parameters();
    }
}
