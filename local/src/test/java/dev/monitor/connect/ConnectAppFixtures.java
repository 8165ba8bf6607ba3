package dev.monitor.connect;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import dev.monitor.testing.ApiClient;
import dev.monitor.testing.TestAccount;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** Connect apps made and authorized through the API, as their owners and users do. */
final class ConnectAppFixtures {
    static final String REDIRECT = "https://app.example.com/twilio/authorize";

    private ConnectAppFixtures() {}

    static String apps(TestAccount owner) {
        return "/2010-04-01/Accounts/" + owner.sid() + "/ConnectApps";
    }

    static String authorized(TestAccount user) {
        return "/2010-04-01/Accounts/" + user.sid() + "/AuthorizedConnectApps";
    }

    /** Form fields, a list's values repeated as Twilio's libraries send them. */
    static String form(Map<String, ?> fields) {
        return fields.entrySet().stream()
                .flatMap(field -> (field.getValue() instanceof List<?> values ? values : List.of(field.getValue()))
                        .stream().map(value -> encode(field.getKey()) + "=" + encode(String.valueOf(value))))
                .collect(Collectors.joining("&"));
    }

    static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    /** An app of the owner's asking for {@code permissions}, its deauthorize callback {@code callback} (or none). */
    static JsonNode createApp(TestAccount owner, String name, String callback, String... permissions) {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("FriendlyName", name);
        fields.put("CompanyName", "Rossum Inc");
        fields.put("Description", "Call analytics for your Monitor events");
        fields.put("HomepageUrl", "https://rossum.example.com");
        fields.put("AuthorizeRedirectUrl", REDIRECT);
        if (callback != null) {
            fields.put("DeauthorizeCallbackUrl", callback);
        }
        fields.put("Permissions", List.of(permissions));
        ApiClient.Response response = owner.client().postForm(apps(owner) + ".json", form(fields));
        assertEquals(201, response.status(), response.text());
        return response.json();
    }

    /** The user's authorization of the app: the answer of its one call. */
    static JsonNode authorize(TestAccount user, String connectAppSid) {
        ApiClient.Response response =
                user.client().postForm(authorized(user) + ".json", "ConnectAppSid=" + connectAppSid);
        assertEquals(201, response.status(), response.text());
        return response.json();
    }

    /** The account the user's authorization made for the app. */
    static String authorizeForAccount(TestAccount user, String connectAppSid) {
        return authorize(user, connectAppSid).get("connect_app_account_sid").asText();
    }
}
