package dev.monitor.alerts;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The error codes the platform raises most, with Twilio's short message and the level an alert of
 * the code gets when the client does not say. Codes not listed here are accepted all the same.
 */
public final class ErrorCatalogue {
    public record Entry(String code, String message, LogLevel level) {
        public String moreInfo() {
            return moreInfo(code);
        }

        public static String moreInfo(String code) {
            return "https://www.twilio.com/docs/errors/" + code;
        }
    }

    private static final Map<String, Entry> ENTRIES = new LinkedHashMap<>();

    static {
        // Fetching TwiML and callbacks (11xxx, 12xxx).
        add("11100", "Invalid URL format", LogLevel.ERROR);
        add("11200", "HTTP retrieval failure", LogLevel.ERROR);
        add("11205", "HTTP connection failure", LogLevel.ERROR);
        add("11206", "HTTP protocol violation", LogLevel.ERROR);
        add("11210", "HTTP bad host name", LogLevel.ERROR);
        add("11215", "HTTP too many redirects", LogLevel.ERROR);
        add("11220", "SSL/TLS handshake error", LogLevel.ERROR);
        add("11235", "Certificate invalid: could not find path to certificate", LogLevel.ERROR);
        add("11237", "Certificate invalid: domain mismatch", LogLevel.ERROR);
        add("11750", "TwiML response body too large", LogLevel.ERROR);
        add("12100", "Document parse failure", LogLevel.ERROR);
        add("12200", "Schema validation warning", LogLevel.WARNING);
        add("12300", "Invalid Content-Type", LogLevel.ERROR);
        // TwiML verbs (13xxx).
        add("13223", "Dial: Invalid phone number format", LogLevel.WARNING);
        add("13224", "Dial: Invalid phone number", LogLevel.WARNING);
        add("13225", "Dial: Forbidden phone number", LogLevel.WARNING);
        add("13227", "Dial: No international authorization", LogLevel.WARNING);
        add("13520", "Say: Invalid text", LogLevel.ERROR);
        // REST API requests (21xxx).
        add("21210", "'From' phone number not verified", LogLevel.ERROR);
        add("21211", "Invalid 'To' phone number", LogLevel.ERROR);
        add("21212", "Invalid 'From' phone number", LogLevel.ERROR);
        add("21214", "'To' phone number cannot be reached", LogLevel.ERROR);
        add("21408", "Permission to send an SMS has not been enabled for the region", LogLevel.ERROR);
        add("21602", "Message body is required", LogLevel.ERROR);
        add(
                "21606",
                "The 'From' phone number is not a valid message-capable phone number for this destination",
                LogLevel.ERROR);
        add("21608", "The 'To' number is unverified (trial accounts)", LogLevel.ERROR);
        add("21610", "Attempt to send to an unsubscribed recipient", LogLevel.ERROR);
        add("21611", "The 'From' number has exceeded the maximum number of queued messages", LogLevel.ERROR);
        add("21612", "The 'To' phone number is not currently reachable via SMS", LogLevel.ERROR);
        add("21614", "'To' number is not a valid mobile number", LogLevel.ERROR);
        add("21617", "The concatenated message body exceeds the 1600 character limit", LogLevel.ERROR);
        // Message delivery (30xxx).
        add("30001", "Queue overflow", LogLevel.ERROR);
        add("30002", "Account suspended", LogLevel.ERROR);
        add("30003", "Unreachable destination handset", LogLevel.ERROR);
        add("30004", "Message blocked", LogLevel.ERROR);
        add("30005", "Unknown destination handset", LogLevel.ERROR);
        add("30006", "Landline or unreachable carrier", LogLevel.ERROR);
        add("30007", "Message filtered", LogLevel.ERROR);
        add("30008", "Unknown error", LogLevel.ERROR);
        add("30009", "Missing inbound segment", LogLevel.WARNING);
        add("30010", "Message price exceeds max price", LogLevel.ERROR);
        add("30034", "Message from an unregistered number", LogLevel.ERROR);
    }

    private ErrorCatalogue() {}

    private static void add(String code, String message, LogLevel level) {
        ENTRIES.put(code, new Entry(code, message, level));
    }

    public static Optional<Entry> find(String code) {
        return Optional.ofNullable(ENTRIES.get(code));
    }

    public static Map<String, Entry> all() {
        return Collections.unmodifiableMap(ENTRIES);
    }
}
