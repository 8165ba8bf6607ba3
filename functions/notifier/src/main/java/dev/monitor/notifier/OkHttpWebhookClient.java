package dev.monitor.notifier;

import dev.monitor.notify.ErrorClass;
import dev.monitor.notify.WebhookTargets;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Proxy;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import okhttp3.Call;
import okhttp3.Connection;
import okhttp3.ConnectionPool;
import okhttp3.Dns;
import okhttp3.EventListener;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.RequestBody;
import okhttp3.Response;
import okhttp3.ResponseBody;

/**
 * Webhooks over OkHttp. Every host name is resolved by {@link WebhookTargets}, which checks each
 * address it returns, and OkHttp connects only to those addresses (no proxy): a DNS answer that
 * changes between the check and the connection cannot lead anywhere unchecked. Redirects are
 * answers, not followed.
 *
 * <p>Receivers close idle keep-alive connections on their own schedule (Node after 5 s; an HTTP/1.0
 * server after every answer), and a pooled connection the receiver has closed fails only when it is
 * used. A request that fails on a reused connection before any answer began is therefore sent again
 * at once on a fresh connection: the receiver cannot have answered it. Once an answer has begun, a
 * failure is the attempt's result, so no webhook is sent twice because of the pool.
 */
public final class OkHttpWebhookClient implements WebhookClient {
    private static final String USER_AGENT = "Monitor-Notifier/1.0";

    /**
     * How long to wait to connect, and for the whole exchange, however slowly the receiver answers.
     * The call timeout must stay well under the notifier's lease (60 s).
     */
    public record Timeouts(Duration connect, Duration call) {
        public static final Timeouts DEFAULT = new Timeouts(Duration.ofSeconds(5), Duration.ofSeconds(15));
    }

    private final WebhookTargets targets;
    private final OkHttpClient client;
    /** Never reuses a connection: for the one resend after a pooled connection turned out closed. */
    private final OkHttpClient freshConnectionClient;

    private final Timeouts timeouts;
    private final Clock clock;

    public OkHttpWebhookClient(WebhookTargets targets, int maxIdleConnections, Timeouts timeouts, Clock clock) {
        this.targets = targets;
        this.timeouts = timeouts;
        this.clock = clock;
        this.client = new OkHttpClient.Builder()
                .connectTimeout(timeouts.connect())
                .callTimeout(timeouts.call())
                .readTimeout(timeouts.call())
                .writeTimeout(timeouts.call())
                .followRedirects(false)
                .followSslRedirects(false)
                // A retry is the notifier's decision, recorded as an attempt.
                .retryOnConnectionFailure(false)
                .proxy(Proxy.NO_PROXY)
                .dns(new CheckedDns(targets))
                .connectionPool(new ConnectionPool(maxIdleConnections, 1, TimeUnit.MINUTES))
                .eventListenerFactory(call -> {
                    ConnectionUse use = call.request().tag(ConnectionUse.class);
                    return use == null ? EventListener.NONE : use;
                })
                .build();
        this.freshConnectionClient = client.newBuilder()
                .connectionPool(new ConnectionPool(0, 1, TimeUnit.SECONDS))
                .build();
    }

    @Override
    public SendResult send(WebhookClient.Request request) {
        HttpUrl url;
        try {
            URI checked = targets.checkForm(request.url());
            url = HttpUrl.parse(request.url());
            if (url == null || !url.host().equalsIgnoreCase(bare(checked.getHost()))) {
                // Two parsers reading one URL differently is how checks get around: refuse it.
                throw new WebhookTargets.RefusedTarget("is read differently by different URL parsers");
            }
            targets.resolve(checked.getHost());
        } catch (WebhookTargets.RefusedTarget e) {
            return refused(e.getMessage());
        } catch (UnknownHostException e) {
            return SendResult.error(
                    SendResult.Verdict.RETRY, ErrorClass.DNS, "The host does not resolve: " + e.getMessage());
        }
        okhttp3.Request.Builder builder = new okhttp3.Request.Builder().url(url).header("User-Agent", USER_AGENT);
        request.headers().forEach(builder::header);
        if (request.body() != null) {
            builder.method(
                    request.method(),
                    RequestBody.create(
                            request.body().getBytes(StandardCharsets.UTF_8), MediaType.get(request.contentType())));
        } else {
            builder.method(request.method(), null);
        }
        okhttp3.Request webhook = builder.build();
        try {
            ConnectionUse use = new ConnectionUse();
            try {
                return exchange(client, webhook, use);
            } catch (IOException e) {
                if (!use.failedOnReusedConnectionBeforeAnswer()) {
                    throw e;
                }
            }
            return exchange(freshConnectionClient, webhook, new ConnectionUse());
        } catch (RefusedAddress e) {
            return refused(e.getMessage());
        } catch (UnknownHostException e) {
            return SendResult.error(
                    SendResult.Verdict.RETRY, ErrorClass.DNS, "The host does not resolve: " + e.getMessage());
        } catch (InterruptedIOException e) {
            return SendResult.error(
                    SendResult.Verdict.RETRY,
                    ErrorClass.TIMEOUT,
                    "No answer within " + timeouts.call().toSeconds() + " s: " + e.getMessage());
        } catch (IOException e) {
            return SendResult.error(SendResult.Verdict.RETRY, ErrorClass.CONNECTION, e.toString());
        }
    }

    private SendResult exchange(OkHttpClient through, okhttp3.Request webhook, ConnectionUse use) throws IOException {
        okhttp3.Request tracked =
                webhook.newBuilder().tag(ConnectionUse.class, use).build();
        try (Response response = through.newCall(tracked).execute()) {
            return SendResult.ofStatus(response.code(), excerpt(response), retryAfter(response.header("Retry-After")));
        }
    }

    private static SendResult refused(String reason) {
        return SendResult.error(SendResult.Verdict.FAIL, ErrorClass.REFUSED_TARGET, "The webhook URL " + reason);
    }

    private static String bare(String host) {
        return host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
    }

    /** The first 4 KB of the answer, without reading the rest of a large one. */
    private static String excerpt(Response response) throws IOException {
        ResponseBody body = response.body();
        if (body == null) {
            return "";
        }
        return body.source().request(SendResult.MAX_RESPONSE_CHARS)
                ? body.source()
                        .getBuffer()
                        .snapshot(SendResult.MAX_RESPONSE_CHARS)
                        .utf8()
                : body.string();
    }

    /** {@code Retry-After} in seconds or as an HTTP date; anything else is ignored. */
    private Optional<Duration> retryAfter(String header) {
        if (header == null || header.isBlank()) {
            return Optional.empty();
        }
        String value = header.trim();
        if (value.matches("\\d{1,9}")) {
            return Optional.of(Duration.ofSeconds(Long.parseLong(value)));
        }
        try {
            Duration until = Duration.between(
                    clock.instant(),
                    ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME.withLocale(Locale.ROOT))
                            .toInstant());
            return until.isNegative() ? Optional.empty() : Optional.of(until);
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

    /** A host whose addresses {@link WebhookTargets} refuses: it reaches OkHttp as a failed lookup. */
    static final class RefusedAddress extends UnknownHostException {
        RefusedAddress(String reason) {
            super(reason);
        }
    }

    /** What one call did with its connection: opened one or took one from the pool, and whether an answer began. */
    private static final class ConnectionUse extends EventListener {
        private volatile boolean opened;
        private volatile boolean acquired;
        private volatile boolean answerBegan;

        @Override
        public void connectStart(Call call, InetSocketAddress address, Proxy proxy) {
            opened = true;
        }

        @Override
        public void connectionAcquired(Call call, Connection connection) {
            acquired = true;
        }

        @Override
        public void responseHeadersStart(Call call) {
            answerBegan = true;
        }

        boolean failedOnReusedConnectionBeforeAnswer() {
            return acquired && !opened && !answerBegan;
        }
    }

    private record CheckedDns(WebhookTargets targets) implements Dns {
        @Override
        public List<InetAddress> lookup(String host) throws UnknownHostException {
            try {
                return targets.resolve(host);
            } catch (WebhookTargets.RefusedTarget e) {
                throw new RefusedAddress(e.getMessage());
            }
        }
    }
}
