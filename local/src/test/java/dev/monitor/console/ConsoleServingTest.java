package dev.monitor.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.monitor.testing.ApiClient;
import dev.monitor.testing.RunningStack;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The console as the local stack serves it over HTTP, as the api function answers on AWS: no browser needed. */
class ConsoleServingTest {
    private static final ApiClient ANONYMOUS = ApiClient.anonymous(RunningStack.baseUrl());

    private static void assertSecurityHeaders(ApiClient.Response response) {
        String policy = response.headers().get("content-security-policy").get(0);
        assertTrue(policy.contains("default-src 'self'") && policy.contains("frame-ancestors 'none'"), policy);
        assertEquals(List.of("nosniff"), response.headers().get("x-content-type-options"));
        assertEquals(List.of("no-referrer"), response.headers().get("referrer-policy"));
    }

    @Test
    void servesTheConsoleAndItsBundleWithTheirSecurityHeadersAndNoCredentials() {
        ApiClient.Response index = ANONYMOUS.get("/console/");
        assertEquals(200, index.status());
        assertEquals(List.of("text/html; charset=utf-8"), index.headers().get("content-type"));
        assertSecurityHeaders(index);
        Matcher script =
                Pattern.compile("src=\"(/console/app-[A-Z0-9]+\\.js)\"").matcher(index.text());
        assertTrue(script.find(), index.text());
        ApiClient.Response bundle = ANONYMOUS.get(script.group(1));
        assertEquals(200, bundle.status());
        assertEquals(List.of("text/javascript; charset=utf-8"), bundle.headers().get("content-type"));
        assertEquals(
                List.of("public, max-age=31536000, immutable"), bundle.headers().get("cache-control"));
        assertSecurityHeaders(bundle);
        // A bookmarked screen is the console too.
        assertEquals(
                index.text(),
                ANONYMOUS.get("/console/events?EventType=user.login").text());
        // So is a detail page whose Sid was edited, which the console then refuses, saying why.
        assertEquals(
                index.text(),
                ANONYMOUS
                        .get("/console/triggers/alarms/..%2F..%2Fv1%2FSigningSecret%2FRotate%23")
                        .text());
    }

    @Test
    void aMissingFileIsTwiliosNotFoundWithTheSecurityHeaders() {
        ApiClient.Response missing = ANONYMOUS.get("/console/app-NOTTHERE.js");
        assertEquals(404, missing.status());
        assertEquals(20404, missing.json().get("code").asInt());
        assertSecurityHeaders(missing);
    }
}
