package dev.monitor.notifier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import dev.monitor.notify.ErrorClass;
import dev.monitor.notify.WebhookTargets;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class OkHttpWebhookClientTest {
    /** A listener on loopback that only counts the connections made to it: every forbidden URL below points at it. */
    private ServerSocket listener;

    private final AtomicInteger accepted = new AtomicInteger();
    private Thread acceptor;
    private int port;

    @BeforeEach
    void listen() throws IOException {
        listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        port = listener.getLocalPort();
        acceptor = new Thread(() -> {
            while (!listener.isClosed()) {
                try (Socket socket = listener.accept()) {
                    accepted.incrementAndGet();
                } catch (IOException e) {
                    return;
                }
            }
        });
        acceptor.start();
    }

    @AfterEach
    void close() throws Exception {
        listener.close();
        acceptor.join();
    }

    /** The production policy, with a resolver that answers as a hostile DNS server would. */
    private WebhookClient productionClient(Map<String, List<String>> dns) {
        return new OkHttpWebhookClient(
                new WebhookTargets(false, host -> {
                    List<String> answers = dns.get(host);
                    if (answers == null) {
                        throw new UnknownHostException(host);
                    }
                    List<InetAddress> addresses = new ArrayList<>();
                    for (String answer : answers) {
                        addresses.add(InetAddress.getByName(answer));
                    }
                    return addresses;
                }),
                4,
                OkHttpWebhookClient.Timeouts.DEFAULT,
                Clock.systemUTC());
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "http://127.0.0.1:PORT/hook",
                "http://127.1.2.3:PORT/hook",
                "http://localhost:PORT/hook",
                "http://loopback.example.com:PORT/hook",
                "http://[::1]:PORT/hook",
                "http://[::ffff:127.0.0.1]:PORT/hook",
                "http://[::ffff:7f00:1]:PORT/hook",
                "http://[64:ff9b::7f00:1]:PORT/hook",
                "http://[2002:7f00:1::]:PORT/hook",
                "http://2130706433:PORT/hook",
                "http://0x7f000001:PORT/hook",
                "http://0x7f.0.0.1:PORT/hook",
                "http://0177.0.0.1:PORT/hook",
                "http://017700000001:PORT/hook",
                "http://127.1:PORT/hook",
                "http://0.0.0.0:PORT/hook",
                "http://0:PORT/hook",
                "http://user:secret@127.0.0.1:PORT/hook",
                "http://hooks.example.com@127.0.0.1:PORT/hook",
                "ftp://127.0.0.1:PORT/hook",
                "file:///etc/passwd",
                "gopher://127.0.0.1:PORT/_hook",
                "http://metadata.example.com:PORT/latest/meta-data/",
                "http://169.254.169.254:PORT/latest/meta-data/",
                "http://10.0.0.1:PORT/hook",
                "http://172.16.0.1:PORT/hook",
                "http://192.168.1.1:PORT/hook",
                "http://100.64.0.1:PORT/hook",
                "http://224.0.0.1:PORT/hook",
                "http://255.255.255.255:PORT/hook",
                "http://[fc00::1]:PORT/hook",
                "http://[fe80::1]:PORT/hook",
                "http://mixed.example.com:PORT/hook",
            })
    void forbiddenTargetsAreRefusedAndNeverContacted(String template) throws Exception {
        WebhookClient client = productionClient(Map.of(
                "localhost", List.of("127.0.0.1"),
                "loopback.example.com", List.of("127.0.0.1"),
                "metadata.example.com", List.of("169.254.169.254"),
                "mixed.example.com", List.of("93.184.216.34", "127.0.0.1")));
        SendResult result = client.send(new WebhookClient.Request(
                "POST", template.replace("PORT", Integer.toString(port)), Map.of(), "application/json", "{}"));
        assertEquals(SendResult.Verdict.FAIL, result.verdict(), result.response());
        assertEquals(Optional.of(ErrorClass.REFUSED_TARGET), result.errorClass(), result.response());
        assertNoConnection();
    }

    /**
     * The name passes the check, then resolves inside when the client would connect: the client connects only where the
     * check allowed.
     */
    @Test
    void aNameThatRebindsToAForbiddenAddressIsNotContacted() throws Exception {
        AtomicInteger lookups = new AtomicInteger();
        WebhookClient client = new OkHttpWebhookClient(
                new WebhookTargets(
                        false,
                        host -> List.of(
                                InetAddress.getByName(lookups.incrementAndGet() == 1 ? "93.184.216.34" : "127.0.0.1"))),
                4,
                OkHttpWebhookClient.Timeouts.DEFAULT,
                Clock.systemUTC());
        SendResult result = client.send(new WebhookClient.Request(
                "POST", "http://rebind.example.com:" + port + "/hook", Map.of(), "application/json", "{}"));
        assertEquals(Optional.of(ErrorClass.REFUSED_TARGET), result.errorClass(), result.response());
        assertTrue(lookups.get() >= 2, "the client resolved the name again to connect");
        assertNoConnection();
    }

    @Test
    void anUnresolvableNameIsADnsErrorWorthRetrying() {
        SendResult result = productionClient(Map.of())
                .send(new WebhookClient.Request(
                        "POST", "https://nowhere.example.com/hook", Map.of(), "application/json", "{}"));
        assertEquals(SendResult.Verdict.RETRY, result.verdict());
        assertEquals(Optional.of(ErrorClass.DNS), result.errorClass());
    }

    @Test
    void redirectsAreFailuresAndNotFollowed() throws Exception {
        AtomicInteger followed = new AtomicInteger();
        HttpServer server = server(exchange -> {
            if (exchange.getRequestURI().getPath().equals("/elsewhere")) {
                followed.incrementAndGet();
            }
            exchange.getResponseHeaders().add("Location", "/elsewhere");
            exchange.sendResponseHeaders(302, -1);
            exchange.close();
        });
        try {
            SendResult result = allowingLoopback().send(post(server, "/hook"));
            assertEquals(SendResult.Verdict.FAIL, result.verdict());
            assertEquals(Optional.of(302), result.statusCode());
            assertEquals(0, followed.get());
        } finally {
            server.stop(0);
        }
    }

    @Test
    void tooManyRequestsIsRetriedAfterTheReceiversRetryAfterAndOnlyTheFirst4KbOfAnAnswerIsKept() throws Exception {
        HttpServer server = server(exchange -> {
            byte[] body = "x".repeat(10_000).getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Retry-After", "120");
            exchange.sendResponseHeaders(429, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        try {
            SendResult result = allowingLoopback().send(post(server, "/hook"));
            assertEquals(SendResult.Verdict.RETRY, result.verdict());
            assertEquals(Optional.of(Duration.ofMinutes(2)), result.retryAfter());
            assertEquals(4096, result.response().length());
        } finally {
            server.stop(0);
        }
    }

    @Test
    void aRefusedConnectionIsAConnectionErrorWorthRetrying() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = socket.getLocalPort();
        }
        SendResult result = allowingLoopback()
                .send(new WebhookClient.Request(
                        "POST", "http://127.0.0.1:" + closedPort + "/", Map.of(), "application/json", "{}"));
        assertEquals(SendResult.Verdict.RETRY, result.verdict());
        assertEquals(Optional.of(ErrorClass.CONNECTION), result.errorClass());
    }

    /**
     * The production 15 s compressed to 1 s: a receiver that keeps sending, a byte at a time, is cut off all the same.
     */
    @Test
    void aReceiverTooSlowForTheWholeRequestTimeoutIsATimeoutWorthRetrying() throws Exception {
        HttpServer server = server(exchange -> {
            exchange.sendResponseHeaders(200, 0);
            try {
                for (int i = 0; i < 30; i++) {
                    exchange.getResponseBody().write('x');
                    exchange.getResponseBody().flush();
                    Thread.sleep(200);
                }
            } catch (IOException | InterruptedException e) {
                // The client hung up, as it should.
            }
            exchange.close();
        });
        try {
            WebhookClient client = new OkHttpWebhookClient(
                    WebhookTargets.withDns(true),
                    4,
                    new OkHttpWebhookClient.Timeouts(Duration.ofSeconds(1), Duration.ofSeconds(1)),
                    Clock.systemUTC());
            SendResult result = client.send(post(server, "/slow"));
            assertEquals(SendResult.Verdict.RETRY, result.verdict(), result.response());
            assertEquals(Optional.of(ErrorClass.TIMEOUT), result.errorClass(), result.response());
            assertTrue(result.response().startsWith("No answer within 1 s"), result.response());
        } finally {
            server.stop(0);
        }
    }

    @Test
    void goneIsItsOwnVerdict() throws Exception {
        HttpServer server = server(exchange -> {
            exchange.sendResponseHeaders(410, -1);
            exchange.close();
        });
        try {
            assertEquals(
                    SendResult.Verdict.GONE,
                    allowingLoopback().send(post(server, "/hook")).verdict());
        } finally {
            server.stop(0);
        }
    }

    /**
     * Node closes an idle keep-alive connection after 5 s; notifications came 6 to 9 s apart. Compressed here to 300
     * ms and 600 ms: every first attempt must be delivered, each webhook once.
     */
    @Test
    void aReceiverClosingIdleConnectionsGetsEveryWebhookAtTheFirstAttemptAndOnce() throws Exception {
        try (RawHttpReceiver receiver =
                new RawHttpReceiver(Duration.ofMillis(300), requestOnConnection -> RawHttpReceiver.OK_KEEP_ALIVE)) {
            WebhookClient client = allowingLoopback();
            for (int i = 1; i <= 4; i++) {
                SendResult result = client.send(post(receiver.url()));
                assertEquals(Optional.of(200), result.statusCode(), "webhook " + i + ": " + result.response());
                Thread.sleep(600);
            }
            assertEquals(4, receiver.requests(), "requests the receiver got");
            assertEquals(4, receiver.connections(), "each webhook found its pooled connection closed");
        }
    }

    /** An HTTP/1.0 server without {@code Connection: close} still closes after each answer. */
    @Test
    void anHttp10ReceiverGetsEveryWebhookAtTheFirstAttemptAndOnce() throws Exception {
        RawHttpReceiver.Answers http10 = new RawHttpReceiver.Answers() {
            @Override
            public String answer(int requestOnConnection) {
                return "HTTP/1.0 200 OK\r\nContent-Length: 2\r\n\r\nok";
            }

            @Override
            public boolean closeAfter(int requestOnConnection) {
                return true;
            }
        };
        try (RawHttpReceiver receiver = new RawHttpReceiver(Duration.ofSeconds(10), http10)) {
            WebhookClient client = allowingLoopback();
            for (int i = 1; i <= 6; i++) {
                SendResult result = client.send(post(receiver.url()));
                assertEquals(Optional.of(200), result.statusCode(), "webhook " + i + ": " + result.response());
                Thread.sleep(50);
            }
            assertEquals(6, receiver.requests(), "requests the receiver got");
        }
    }

    /** Once an answer has begun the receiver has the webhook: a failure then is the attempt's, never a resend. */
    @Test
    void aConnectionLostAfterTheAnswerBeganIsNotSentAgain() throws Exception {
        RawHttpReceiver.Answers cutOffSecond = new RawHttpReceiver.Answers() {
            @Override
            public String answer(int requestOnConnection) {
                return requestOnConnection == 1
                        ? RawHttpReceiver.OK_KEEP_ALIVE
                        : "HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\ncut off";
            }

            @Override
            public boolean closeAfter(int requestOnConnection) {
                return requestOnConnection == 2;
            }
        };
        try (RawHttpReceiver receiver = new RawHttpReceiver(Duration.ofSeconds(10), cutOffSecond)) {
            WebhookClient client = allowingLoopback();
            assertEquals(Optional.of(200), client.send(post(receiver.url())).statusCode());
            SendResult cutOff = client.send(post(receiver.url()));
            assertEquals(SendResult.Verdict.RETRY, cutOff.verdict(), cutOff.response());
            assertEquals(Optional.of(ErrorClass.CONNECTION), cutOff.errorClass(), cutOff.response());
            assertEquals(2, receiver.requests(), "requests the receiver got");
            assertEquals(1, receiver.connections(), "connections made");
        }
    }

    private static WebhookClient allowingLoopback() {
        return new OkHttpWebhookClient(
                WebhookTargets.withDns(true), 4, OkHttpWebhookClient.Timeouts.DEFAULT, Clock.systemUTC());
    }

    private static WebhookClient.Request post(HttpServer server, String path) {
        return new WebhookClient.Request(
                "POST", "http://127.0.0.1:" + server.getAddress().getPort() + path, Map.of(), "application/json", "{}");
    }

    private static WebhookClient.Request post(String url) {
        return new WebhookClient.Request("POST", url, Map.of(), "application/json", "{}");
    }

    private static HttpServer server(com.sun.net.httpserver.HttpHandler handler) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", handler);
        server.start();
        return server;
    }

    /**
     * A probe connection queues behind any the client made: once the listener has accepted the probe,
     * it has accepted everything before it, so the count is final.
     */
    private void assertNoConnection() throws Exception {
        try (Socket probe = new Socket(InetAddress.getLoopbackAddress(), port)) {
            while (accepted.get() == 0) {
                Thread.sleep(5);
            }
        }
        assertEquals(1, accepted.get(), "connections made to the forbidden target besides the probe");
    }
}
