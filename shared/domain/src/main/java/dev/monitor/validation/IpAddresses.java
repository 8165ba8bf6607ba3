package dev.monitor.validation;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Optional;
import java.util.regex.Pattern;

/** IP address literals, checked without any DNS lookup and written in one canonical form so filters match. */
public final class IpAddresses {
    private static final Pattern IPV4 =
            Pattern.compile("(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)(\\.(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)){3}");
    private static final Pattern IPV6_CHARACTERS = Pattern.compile("[0-9a-fA-F:.]{2,45}");

    private IpAddresses() {}

    /** RFC 5952's form: lowercase, no leading zeros, the longest run of two or more zero groups as {@code ::}. */
    static String compress(byte[] address) {
        int[] groups = new int[8];
        for (int i = 0; i < 8; i++) {
            groups[i] = ((address[2 * i] & 0xff) << 8) | (address[2 * i + 1] & 0xff);
        }
        int bestStart = -1;
        int bestLength = 1;
        for (int i = 0; i < 8; ) {
            int j = i;
            while (j < 8 && groups[j] == 0) {
                j++;
            }
            if (j - i > bestLength) {
                bestStart = i;
                bestLength = j - i;
            }
            i = j == i ? i + 1 : j;
        }
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < 8; i++) {
            if (i == bestStart) {
                text.append("::");
                i += bestLength - 1;
                continue;
            }
            if (text.length() > 0 && text.charAt(text.length() - 1) != ':') {
                text.append(':');
            }
            text.append(Integer.toHexString(groups[i]));
        }
        return text.toString();
    }

    public static Optional<String> canonical(String text) {
        if (text == null) {
            return Optional.empty();
        }
        if (IPV4.matcher(text).matches()) {
            return Optional.of(text);
        }
        if (!text.contains(":") || !IPV6_CHARACTERS.matcher(text).matches()) {
            return Optional.empty();
        }
        try {
            // A literal with a colon is parsed, never resolved.
            InetAddress address = InetAddress.getByName("[" + text + "]");
            return Optional.of(
                    address instanceof Inet6Address ? compress(address.getAddress()) : address.getHostAddress());
        } catch (UnknownHostException e) {
            return Optional.empty();
        }
    }
}
