package dev.monitor.notify;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Decides whether a webhook URL may be called, against server-side request forgery: only http and
 * https, no credentials in the URL, a host that is a DNS name or a plain IP literal (no decimal, hex
 * or octal tricks), and every address it resolves to public. The notifier then connects only to the
 * addresses checked here, so a DNS answer that changes later (rebinding) cannot get around it.
 */
public final class WebhookTargets {
    /** Resolves a host name; DNS in production, a fixed table in tests. */
    public interface Resolver {
        List<InetAddress> resolve(String host) throws UnknownHostException;
    }

    /** A URL that may be called, and the addresses it may be called at. */
    public record Target(URI uri, String host, int port, List<InetAddress> addresses) {}

    /** Why a URL may not be called; the message is fit for a 400 or a delivery record. */
    public static final class RefusedTarget extends Exception {
        public RefusedTarget(String reason) {
            super(reason, null, false, false);
        }
    }

    public static final int MAX_URL_LENGTH = 2048;
    private static final Pattern DOTTED_QUAD =
            Pattern.compile("(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)(\\.(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)){3}");
    private static final Pattern LABEL = Pattern.compile("[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?");
    private static final Pattern NUMERIC_LOOKING = Pattern.compile("(0x[0-9a-f]*|[0-9]+)(\\.(0x[0-9a-f]*|[0-9]*))*");

    private final boolean allowPrivateTargets;
    private final Resolver resolver;

    public WebhookTargets(boolean allowPrivateTargets, Resolver resolver) {
        this.allowPrivateTargets = allowPrivateTargets;
        this.resolver = resolver;
    }

    public static WebhookTargets withDns(boolean allowPrivateTargets) {
        return new WebhookTargets(allowPrivateTargets, host -> List.of(InetAddress.getAllByName(host)));
    }

    /** Checks the URL's form only, without resolving it. */
    public URI checkForm(String url) throws RefusedTarget {
        if (url == null || url.isBlank() || url.length() > MAX_URL_LENGTH) {
            throw new RefusedTarget("must be an http or https URL of at most " + MAX_URL_LENGTH + " characters");
        }
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            throw new RefusedTarget("is not a valid URL");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw new RefusedTarget("must use http or https");
        }
        if (uri.getRawUserInfo() != null
                || (uri.getRawAuthority() != null && uri.getRawAuthority().contains("@"))) {
            throw new RefusedTarget("must not carry credentials");
        }
        if (uri.getHost() == null || uri.getHost().isEmpty()) {
            throw new RefusedTarget("must name a host");
        }
        literalOrName(uri.getHost());
        return uri;
    }

    /** Checks the form, resolves the host and checks every address. */
    public Target check(String url) throws RefusedTarget {
        URI uri = checkForm(url);
        String host = uri.getHost();
        List<InetAddress> addresses;
        try {
            addresses = resolve(host);
        } catch (UnknownHostException e) {
            throw new RefusedTarget("names a host that does not resolve: " + host);
        }
        int port = uri.getPort() != -1 ? uri.getPort() : uri.getScheme().equalsIgnoreCase("https") ? 443 : 80;
        return new Target(uri, host, port, List.copyOf(addresses));
    }

    /**
     * The addresses of a host (a DNS name, or an IP literal as a URL writes it), each checked: what
     * the notifier's HTTP client connects to, so that it connects only to addresses checked here.
     *
     * @throws UnknownHostException when the name does not resolve, which may pass
     */
    public List<InetAddress> resolve(String host) throws RefusedTarget, UnknownHostException {
        InetAddress literal = literalOrName(host);
        List<InetAddress> addresses = literal != null ? List.of(literal) : resolver.resolve(host);
        if (addresses.isEmpty()) {
            throw new UnknownHostException(host);
        }
        for (InetAddress address : addresses) {
            String problem = forbidden(address);
            if (problem != null && !allowPrivateTargets) {
                throw new RefusedTarget(
                        "resolves to " + problem + " (" + address.getHostAddress() + "), which webhooks may not reach");
            }
        }
        return List.copyOf(addresses);
    }

    /** The address of an IP literal host, null for a DNS name; refuses anything in between. */
    private static InetAddress literalOrName(String host) throws RefusedTarget {
        String lower = host.toLowerCase(Locale.ROOT);
        try {
            if (lower.startsWith("[") && lower.endsWith("]")) {
                return InetAddress.getByName(lower);
            }
            if (DOTTED_QUAD.matcher(lower).matches()) {
                return InetAddress.getByName(lower);
            }
        } catch (UnknownHostException e) {
            throw new RefusedTarget("has an invalid IP address");
        }
        if (NUMERIC_LOOKING.matcher(lower).matches()) {
            throw new RefusedTarget(
                    "has a host that is a number in disguise (" + host + "): write IP addresses as a.b.c.d");
        }
        String name = lower.endsWith(".") ? lower.substring(0, lower.length() - 1) : lower;
        String[] labels = name.split("\\.", -1);
        for (String label : labels) {
            if (!LABEL.matcher(label).matches()) {
                throw new RefusedTarget("has an invalid host name: " + host);
            }
        }
        return null;
    }

    /** What kind of non-public address this is, or null for a public one. */
    static String forbidden(InetAddress address) {
        byte[] bytes = address.getAddress();
        if (address instanceof Inet4Address) {
            return forbiddenIpv4(bytes, 0);
        }
        if (address instanceof Inet6Address) {
            return forbiddenIpv6(bytes);
        }
        return "an unknown kind of address";
    }

    private static String forbiddenIpv4(byte[] bytes, int offset) {
        int a = bytes[offset] & 0xff;
        int b = bytes[offset + 1] & 0xff;
        int c = bytes[offset + 2] & 0xff;
        int d = bytes[offset + 3] & 0xff;
        if (a == 0) {
            return "the 'this network' range 0.0.0.0/8";
        }
        if (a == 10 || (a == 172 && (b & 0xf0) == 16) || (a == 192 && b == 168)) {
            return "a private address";
        }
        if (a == 127) {
            return "a loopback address";
        }
        if (a == 169 && b == 254) {
            return "a link-local address (cloud metadata lives at 169.254.169.254)";
        }
        if (a == 100 && (b & 0xc0) == 64) {
            return "a carrier-grade NAT address";
        }
        if (a == 192 && b == 0 && (c == 0 || c == 2)) {
            return "a reserved or documentation address";
        }
        if (a == 192 && b == 88 && c == 99) {
            return "a 6to4 relay address";
        }
        if (a == 198 && (b == 18 || b == 19)) {
            return "a benchmarking address";
        }
        if ((a == 198 && b == 51 && c == 100) || (a == 203 && b == 0 && c == 113)) {
            return "a documentation address";
        }
        if (a >= 224 && a <= 239) {
            return "a multicast address";
        }
        if (a == 255 && b == 255 && c == 255 && d == 255) {
            return "the broadcast address";
        }
        if (a >= 240) {
            return "a reserved address";
        }
        return null;
    }

    private static String forbiddenIpv6(byte[] b) {
        int first = ((b[0] & 0xff) << 8) | (b[1] & 0xff);
        boolean zeroTo10 = true;
        for (int i = 0; i < 10; i++) {
            zeroTo10 &= b[i] == 0;
        }
        if (zeroTo10 && (b[10] & 0xff) == 0xff && (b[11] & 0xff) == 0xff) {
            return embedded("an IPv4-mapped address", b, 12);
        }
        if (zeroTo10 && b[10] == 0 && b[11] == 0) {
            boolean zeroTo14 = b[12] == 0 && b[13] == 0 && b[14] == 0;
            if (zeroTo14 && (b[15] == 0 || b[15] == 1)) {
                return b[15] == 0 ? "the unspecified address" : "a loopback address";
            }
            return "an IPv4-compatible address";
        }
        if (first == 0x0064 && (b[2] & 0xff) == 0xff && (b[3] & 0xff) == 0x9b) {
            boolean wellKnown = true;
            for (int i = 4; i < 12; i++) {
                wellKnown &= b[i] == 0;
            }
            return wellKnown ? embedded("a NAT64 address", b, 12) : "a local-use NAT64 address";
        }
        if (first == 0x2002) {
            return embedded("a 6to4 address", b, 2);
        }
        if ((first & 0xfe00) == 0xfc00) {
            return "a unique local address (fc00::/7)";
        }
        if ((first & 0xffc0) == 0xfe80 || (first & 0xffc0) == 0xfec0) {
            return "a link-local or site-local address";
        }
        if ((first & 0xff00) == 0xff00) {
            return "a multicast address";
        }
        if (first == 0x2001 && (((b[2] & 0xff) << 8) | (b[3] & 0xff)) == 0x0db8) {
            return "a documentation address";
        }
        if (first == 0x2001 && (b[2] & 0xfe) == 0) {
            return "an IETF protocol address (Teredo and others)";
        }
        if (first == 0x0100 && b[2] == 0 && b[3] == 0 && b[4] == 0 && b[5] == 0 && b[6] == 0 && b[7] == 0) {
            return "a discard-only address";
        }
        if ((first & 0xe000) != 0x2000) {
            return "an address outside global unicast (2000::/3)";
        }
        return null;
    }

    /** IPv6 forms that carry an IPv4 address are as forbidden as that address; the form alone is not public. */
    private static String embedded(String form, byte[] bytes, int offset) {
        String inner = forbiddenIpv4(bytes, offset);
        return inner == null ? form + " that wraps an IPv4 address" : form + " of " + inner;
    }
}
