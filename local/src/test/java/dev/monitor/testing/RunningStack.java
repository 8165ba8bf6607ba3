package dev.monitor.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import dev.monitor.local.LocalStack;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One local stack, started from template.yaml as a user starts it, shared by every test class of
 * this JVM; each test makes its own accounts, so tests never see each other's data.
 */
public final class RunningStack {
    private static final AtomicInteger ACCOUNTS = new AtomicInteger();
    private static LocalStack stack;

    private RunningStack() {
    }

    public static synchronized LocalStack get() {
        if (stack == null) {
            stack = LocalStack.start(LocalStack.Options.forTests());
            Runtime.getRuntime().addShutdownHook(new Thread(stack::close));
        }
        return stack;
    }

    public static String baseUrl() {
        return get().baseUrl();
    }

    public static ApiClient operator() {
        return ApiClient.operator(baseUrl(), get().operatorKey());
    }

    public static TestAccount newAccount() {
        ApiClient.Response response = operator().postJson("/v1/Accounts",
                "{\"friendly_name\": \"Test account " + ACCOUNTS.incrementAndGet() + "\"}");
        assertEquals(201, response.status(), response.text());
        JsonNode json = response.json();
        return account(json.get("sid").asText(), json.get("auth_token").asText());
    }

    public static TestAccount newSubaccount(TestAccount owner) {
        ApiClient.Response response = owner.client().postForm("/2010-04-01/Accounts.json", "FriendlyName=Sub+" + ACCOUNTS.incrementAndGet());
        assertEquals(201, response.status(), response.text());
        JsonNode json = response.json();
        return account(json.get("sid").asText(), json.get("auth_token").asText());
    }

    private static TestAccount account(String sid, String token) {
        return new TestAccount(sid, token, ApiClient.account(baseUrl(), sid, token));
    }
}
