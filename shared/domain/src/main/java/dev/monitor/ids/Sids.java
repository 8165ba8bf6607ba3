package dev.monitor.ids;

import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.regex.Pattern;

/** Twilio-style identifiers: a two-letter prefix and 32 lowercase hex digits. */
public final class Sids {
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Pattern ANY_SID = Pattern.compile("[A-Z]{2}[0-9a-f]{32}");
    private static final HexFormat HEX = HexFormat.of();

    private Sids() {}

    public static String random(String prefix) {
        byte[] bytes = new byte[16];
        RANDOM.nextBytes(bytes);
        return prefix + HEX.formatHex(bytes);
    }

    public static boolean isSid(String value) {
        return value != null && ANY_SID.matcher(value).matches();
    }

    public static boolean isSid(String prefix, String value) {
        return isSid(value) && value.startsWith(prefix);
    }
}
