package dev.monitor.connect;

import dev.monitor.notify.WebhookTargets;
import java.net.URI;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * What a Connect app's URLs may be. The deauthorize callback is called by the notifier, so it is checked against
 * server-side request forgery as every webhook is. The authorize redirect is where users' browsers are sent: https
 * only, or http to this machine where the deployment allows local targets (the local stack), and never a scheme a
 * browser would run ({@code javascript:}). The homepage is a link users follow: http or https.
 */
public final class ConnectAppUrls {
    private static final Set<String> LOCAL_HOSTS = Set.of("localhost", "127.0.0.1", "[::1]");
    private static final Pattern WEB_SCHEME = Pattern.compile("https?:", Pattern.CASE_INSENSITIVE);

    private final WebhookTargets targets;
    private final boolean allowLocalRedirects;

    /** {@code allowLocalRedirects}: as the deployment allows webhooks to private targets. */
    public ConnectAppUrls(WebhookTargets targets, boolean allowLocalRedirects) {
        this.targets = targets;
        this.allowLocalRedirects = allowLocalRedirects;
    }

    /** Why the deauthorize callback URL is refused, if it is. */
    public Optional<String> callbackRefusal(String url) {
        try {
            targets.check(url);
            return Optional.empty();
        } catch (WebhookTargets.RefusedTarget refused) {
            return Optional.of(refused.getMessage());
        }
    }

    /** Why the homepage URL is refused, if it is. */
    public Optional<String> homepageRefusal(String url) {
        try {
            targets.checkForm(url);
            return Optional.empty();
        } catch (WebhookTargets.RefusedTarget refused) {
            return Optional.of(refused.getMessage());
        }
    }

    /** Why the authorize redirect URL is refused, if it is. */
    public Optional<String> redirectRefusal(String url) {
        String rule = allowLocalRedirects
                ? "must use https, or http to localhost or 127.0.0.1"
                : "must use https: browsers are sent there with the new account's Sid";
        URI uri;
        try {
            uri = targets.checkForm(url);
        } catch (WebhookTargets.RefusedTarget refused) {
            // Another scheme (javascript:, data:, ftp:) breaks the redirect's own rule; an http one, the form's.
            return Optional.of(url != null && WEB_SCHEME.matcher(url).lookingAt() ? refused.getMessage() : rule);
        }
        if (uri.getRawFragment() != null) {
            return Optional.of("must not have a fragment (#…): Monitor adds parameters to its query");
        }
        String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
        String host = uri.getHost().toLowerCase(Locale.ROOT);
        if (scheme.equals("https") || (allowLocalRedirects && LOCAL_HOSTS.contains(host))) {
            return Optional.empty();
        }
        return Optional.of(rule);
    }

    /** The URL with a query parameter added; {@code value} needs no encoding (a Sid, an error code). */
    static String withParameter(String url, String name, String value) {
        String separator = !url.contains("?") ? "?" : url.endsWith("?") || url.endsWith("&") ? "" : "&";
        return url + separator + name + "=" + value;
    }
}
