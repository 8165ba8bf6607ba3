package dev.monitor.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;

/** Asserts a response is the error a Twilio client expects: the status, and Twilio's error body. */
public final class TwilioErrors {
    private TwilioErrors() {}

    public static JsonNode assertError(ApiClient.Response response, int status) {
        assertEquals(status, response.status(), response.text());
        JsonNode body = response.json();
        assertEquals(status, body.path("status").asInt(), response.text());
        assertTrue(body.path("code").isInt(), response.text());
        assertTrue(
                body.path("message").isTextual()
                        && !body.path("message").asText().isBlank(),
                response.text());
        assertEquals(
                "https://www.twilio.com/docs/errors/" + body.path("code").asInt(),
                body.path("more_info").asText());
        assertTrue(
                !response.text().contains("Exception") && !response.text().contains("\tat "),
                "no stack trace: " + response.text());
        return body;
    }

    public static void assertErrorMentions(ApiClient.Response response, int status, String... words) {
        String message = assertError(response, status).path("message").asText();
        for (String word : words) {
            assertTrue(message.contains(word), "'" + message + "' names " + word);
        }
    }
}
