package dev.monitor.notifier;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class WebhookSignaturesTest {
    /** The test vector the Standard Webhooks specification's libraries publish. */
    @Test
    void standardWebhooksSignatureMatchesTheSpecificationsTestVector() {
        assertEquals(
                "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=",
                WebhookSignatures.standardWebhook(
                        List.of("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"),
                        "msg_p5jXN8AQM9LWM0D4loKWxJek",
                        1614265330,
                        "{\"test\": 2432232314}"));
    }

    @Test
    void duringARotationEachSecretSignsSpaceSeparated() {
        String header = WebhookSignatures.standardWebhook(
                List.of("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw", "whsec_" + "A".repeat(43) + "="),
                "msg_p5jXN8AQM9LWM0D4loKWxJek",
                1614265330,
                "{\"test\": 2432232314}");
        String[] signatures = header.split(" ");
        assertEquals(2, signatures.length);
        assertEquals("v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=", signatures[0]);
    }

    /** The example of Twilio's security documentation ("Validating requests"). */
    @Test
    void twilioSignatureMatchesTwiliosDocumentedExample() {
        Map<String, String> parameters = Map.of(
                "CallSid",
                "CA1234567890ABCDE",
                "Caller",
                "+12349013030",
                "Digits",
                "1234",
                "From",
                "+12349013030",
                "To",
                "+18005551212");
        assertEquals(
                "0/KCTR6DLpKmkAf8muzZqo1nDgQ=",
                WebhookSignatures.twilio("12345", "https://mycompany.com/myapp.php?foo=1&bar=2", parameters));
    }
}
