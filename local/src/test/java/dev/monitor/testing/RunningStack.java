package dev.monitor.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import dev.monitor.local.LocalStack;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One local stack, started from template.yaml as a user starts it, with the SES emulator, shared by
 * every test class of this JVM; each test makes its own accounts, so tests never see each other's data.
 * With {@code -Dmonitor.backend=localstack} (mvn -Plocalstack) its services are LocalStack's
 * ({@link LocalStackBackend}).
 */
public final class RunningStack {
    private static final AtomicInteger ACCOUNTS = new AtomicInteger();
    /**
     * The lock (JUnit's {@code @ResourceLock}) on what all accounts share: the whole table, the api's instances, whole
     * invocations. A test class that looks at or acts on it holds it alone; a class that runs beside the others on this
     * stack holds it to read.
     */
    public static final String ALL_ACCOUNTS = "the running stack's work for all accounts";
    /**
     * Three attempts a second apart: the retry tests see recovery and the dead-letter queue in
     * seconds (SQS hides messages to whole seconds).
     */
    public static final String RETRY_SCHEDULE = "0s,1s,1s";

    /** Counted reads are written this often, not every 10 s: a test of them waits that long. */
    private static final Duration READS_FLUSH_INTERVAL = Duration.ofSeconds(2);

    private static LocalStack stack;
    private static SesEmulator ses;

    private RunningStack() {}

    public static synchronized LocalStack get() {
        if (stack == null) {
            if (LocalStackBackend.chosen()) {
                LocalStackBackend.Container backend = LocalStackBackend.start();
                ses = SesEmulator.localStack(backend.endpoint());
                stack = LocalStack.start(options(ses), () -> backend);
            } else {
                ses = SesEmulator.start();
                stack = LocalStack.start(options(ses));
            }
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                stack.close();
                ses.close();
            }));
        }
        return stack;
    }

    private static LocalStack.Options options(SesEmulator ses) {
        LocalStack.Options defaults = LocalStack.Options.forTests();
        return new LocalStack.Options(
                defaults.port(),
                defaults.operatorKey(),
                defaults.dataDir(),
                defaults.template(),
                ses.endpoint(),
                defaults.pollInterval(),
                Map.of(
                        "MONITOR_NOTIFICATION_RETRY_SCHEDULE",
                        RETRY_SCHEDULE,
                        "MONITOR_USAGE_READS_FLUSH_SECONDS",
                        String.valueOf(READS_FLUSH_INTERVAL.toSeconds())));
    }

    public static SesEmulator ses() {
        get();
        return ses;
    }

    public static String baseUrl() {
        return get().baseUrl();
    }

    public static ApiClient operator() {
        return ApiClient.operator(baseUrl(), get().operatorKey());
    }

    public static TestAccount newAccount() {
        ApiClient.Response response = operator()
                .postJson("/v1/Accounts", "{\"friendly_name\": \"Test account " + ACCOUNTS.incrementAndGet() + "\"}");
        assertEquals(201, response.status(), response.text());
        JsonNode json = response.json();
        return account(json.get("sid").asText(), json.get("auth_token").asText());
    }

    public static TestAccount newSubaccount(TestAccount owner) {
        ApiClient.Response response =
                owner.client().postForm("/2010-04-01/Accounts.json", "FriendlyName=Sub+" + ACCOUNTS.incrementAndGet());
        assertEquals(201, response.status(), response.text());
        JsonNode json = response.json();
        return account(json.get("sid").asText(), json.get("auth_token").asText());
    }

    private static TestAccount account(String sid, String token) {
        return new TestAccount(sid, token, ApiClient.account(baseUrl(), sid, token));
    }
}
