package dev.monitor.notify;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;
import org.junit.jupiter.api.Test;

class TwilioSignatureTest {
    /** The example of Twilio's security documentation ("Validating requests"). */
    @Test
    void signsTwilioDocumentedExample() {
        Map<String, String> parameters = Map.of("CallSid", "CA1234567890ABCDE", "Caller", "+12349013030", "Digits", "1234",
                "From", "+12349013030", "To", "+18005551212");
        assertEquals("0/KCTR6DLpKmkAf8muzZqo1nDgQ=",
                TwilioSignature.sign("12345", "https://mycompany.com/myapp.php?foo=1&bar=2", parameters));
    }
}
