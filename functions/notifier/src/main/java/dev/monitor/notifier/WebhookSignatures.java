package dev.monitor.notifier;

import com.standardwebhooks.Webhook;
import com.standardwebhooks.exceptions.WebhookSigningException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** The two ways a webhook is signed: Standard Webhooks, and Twilio's {@code X-Twilio-Signature}. */
public final class WebhookSignatures {
    private WebhookSignatures() {}

    /**
     * The {@code webhook-signature} header: {@code v1,<base64 HMAC-SHA256 of id.timestamp.body>} under
     * each secret, space-separated (two during a rotation's overlap).
     */
    public static String standardWebhook(List<String> secrets, String id, long timestampSeconds, String body) {
        return secrets.stream()
                .map(secret -> {
                    try {
                        return new Webhook(secret).sign(id, timestampSeconds, body);
                    } catch (WebhookSigningException e) {
                        throw new IllegalStateException("Standard Webhooks signing failed", e);
                    }
                })
                .collect(Collectors.joining(" "));
    }

    /**
     * {@code X-Twilio-Signature}: base64 HMAC-SHA1, keyed by the auth token, of the URL followed by
     * each parameter's name and value in name order, which Twilio's {@code RequestValidator} checks.
     */
    public static String twilio(String authToken, String url, Map<String, String> parameters) {
        StringBuilder data = new StringBuilder(url);
        new TreeMap<>(parameters).forEach((name, value) -> data.append(name).append(value));
        try {
            Mac mac = Mac.getInstance("HmacSHA1");
            mac.init(new SecretKeySpec(authToken.getBytes(StandardCharsets.UTF_8), "HmacSHA1"));
            return Base64.getEncoder()
                    .encodeToString(mac.doFinal(data.toString().getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA1 is missing from this JVM", e);
        }
    }
}
