package dev.monitor.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.monitor.jackson.Json;
import dev.monitor.testing.ApiClient;
import dev.monitor.testing.RunningStack;
import dev.monitor.testing.TestAccount;
import dev.monitor.testing.TwilioErrors;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;
import org.junit.jupiter.api.parallel.ResourceAccessMode;
import org.junit.jupiter.api.parallel.ResourceLock;

/**
 * The gateway as clients meet it, byte by byte where an HTTP library would refuse to send the request: malformed
 * percent-encoding reaches the api function and gets Twilio's error body, requests as large as an HTTP API takes
 * reach it too, and slow clients cannot take the gateway.
 */
@Order(5)
@Execution(ExecutionMode.CONCURRENT) // beside the other classes: its slow clients wait 10 s for the cut-off
@ResourceLock(value = RunningStack.ALL_ACCOUNTS, mode = ResourceAccessMode.READ)
class HttpGatewayTest {
    private static TestAccount account;
    private static int port;

    @BeforeAll
    static void stack() {
        account = RunningStack.newAccount();
        port = URI.create(RunningStack.baseUrl()).getPort();
    }

    @Test
    void malformedPercentEncodingInThePathGetsTwilioErrorBody() throws Exception {
        ApiClient.Response response = send("GET /v1/Events/%zz HTTP/1.1\r\n" + head() + "\r\n");
        TwilioErrors.assertErrorMentions(response, 400, "percent-encoding");
        assertEquals(List.of("application/json"), response.headers().get("content-type"));
    }

    @Test
    void malformedPercentEncodingInTheQueryGetsTwilioErrorBody() throws Exception {
        for (String query : List.of("PageSize=%zz", "EventType=%", "%zz=1")) {
            ApiClient.Response response = send("GET /v1/Events?" + query + " HTTP/1.1\r\n" + head() + "\r\n");
            TwilioErrors.assertErrorMentions(response, 400, "percent-encoding");
        }
    }

    /** API Gateway hands the function the raw path and query as sent: the function itself must answer them. */
    @Test
    void theApiFunctionAnswersARawMalformedPathAndQueryWithTwilioErrorBody() throws Exception {
        for (String[] pathAndQuery : new String[][] {{"/v1/Events/%zz", ""}, {"/v1/Events", "PageSize=%zz"}}) {
            ObjectNode event = Json.object()
                    .put("version", "2.0")
                    .put("routeKey", "$default")
                    .put("rawPath", pathAndQuery[0])
                    .put("rawQueryString", pathAndQuery[1])
                    .put("isBase64Encoded", false);
            event.putObject("headers").put("authorization", authorization()).put("host", "api.example.com");
            event.putObject("requestContext")
                    .putObject("http")
                    .put("method", "GET")
                    .put("path", pathAndQuery[0])
                    .put("sourceIp", "203.0.113.10");
            JsonNode answer = RunningStack.get().invoke("ApiFunction", event);
            assertEquals(400, answer.get("statusCode").asInt(), answer.toString());
            JsonNode body = Json.parse(answer.get("body").asText());
            assertEquals(400, body.get("status").asInt(), answer.toString());
            assertTrue(body.get("message").asText().contains("percent-encoding"), answer.toString());
        }
    }

    /**
     * An HTTP API takes a request line and header values of up to 10,240 bytes together, so a PageToken of 9 KB and
     * more reaches the api function, which answers it; a byte more is API Gateway's to refuse.
     */
    @Test
    void aRequestLineAndHeadersWithinTheHttpApisQuotaReachTheFunction() throws Exception {
        String host = "127.0.0.1:" + port;
        String headers = "Host: " + host + "\r\nAuthorization: " + authorization() + "\r\nConnection: close\r\n\r\n";
        String start = "GET /v1/Events?PageToken=";
        String end = " HTTP/1.1";
        int token = 10_240
                - start.length()
                - end.length()
                - host.length()
                - authorization().length()
                - "close".length();
        assertTrue(token > 9 * 1024, "a token of " + token + " bytes");

        TwilioErrors.assertError(send(start + "a".repeat(token) + end + "\r\n" + headers), 400);
        ApiClient.Response overQuota = send(start + "a".repeat(token + 1) + end + "\r\n" + headers);
        assertEquals(431, overQuota.status(), overQuota.text());
        assertEquals("{\"message\":\"Request Header Fields Too Large\"}", overQuota.text());
    }

    /**
     * Each body gets the answer of whoever refuses it first, as on AWS: past the api function's 1 MB, the function's
     * Twilio 413; past Lambda's 6 MB for the whole event, Lambda refuses the invocation and the HTTP API answers its
     * 500; past the HTTP API's 10 MB, API Gateway's own 413, which a client that sends its whole body before it reads
     * gets whole rather than a broken connection.
     */
    @Test
    void aBodyGetsTheAnswerOfTheFirstLimitItPasses() throws Exception {
        ApiClient client = ApiClient.account(RunningStack.baseUrl(), account.sid(), account.authToken());

        TwilioErrors.assertError(client.send("POST", "/v1/Events", "application/json", "a".repeat(2 << 20)), 413);
        ApiClient.Response overLambda = client.send("POST", "/v1/Events", "application/json", "a".repeat(7 << 20));
        assertEquals(500, overLambda.status(), overLambda.text());
        assertEquals("{\"message\":\"Internal Server Error\"}", overLambda.text());
        // Sent whole before the answer is read, as Python's http.client does: a gateway that closed at once would
        // reset the connection under it.
        int overTenMegabytes = (10 << 20) + 1;
        ApiClient.Response overApiGateway = send("POST /v1/Events HTTP/1.1\r\n" + head()
                + "Content-Type: application/json\r\nContent-Length: " + overTenMegabytes + "\r\n\r\n"
                + "a".repeat(overTenMegabytes));
        assertEquals(413, overApiGateway.status(), overApiGateway.text());
        assertEquals("{\"message\":\"Request Entity Too Large\"}", overApiGateway.text());
    }

    /** curl sends a large body chunked after {@code Expect: 100-continue}; the gateway reads it whole. */
    @Test
    void aChunkedBodyAfterExpectContinueArrivesWhole() throws Exception {
        String event = "{\"event_type\": \"api-key.created\", \"source\": \"api\"}";
        String half1 = event.substring(0, 20);
        String half2 = event.substring(20);
        ApiClient.Response response = send("POST /v1/Events HTTP/1.1\r\n" + head()
                + "Content-Type: application/json\r\nTransfer-Encoding: chunked\r\nExpect: 100-continue\r\n\r\n"
                + Integer.toHexString(half1.length()) + "\r\n" + half1 + "\r\n"
                + Integer.toHexString(half2.length()) + "\r\n" + half2 + "\r\n0\r\n\r\n");
        assertEquals(201, response.status(), response.text());
        assertTrue(response.text().contains("api-key.created"), response.text());
    }

    /**
     * Eight clients sending a body at a byte a second used to hold every worker: the gateway must still answer
     * others, and cut the slow ones off once a request has taken longer than it allows to arrive.
     */
    @Test
    void slowClientsNeitherTakeTheGatewayNorHoldItForever() throws Exception {
        List<Socket> slow = new ArrayList<>();
        List<Thread> senders = new ArrayList<>();
        try {
            for (int i = 0; i < 8; i++) {
                Socket socket = new Socket(InetAddress.getLoopbackAddress(), port);
                slow.add(socket);
                OutputStream out = socket.getOutputStream();
                out.write(("POST /v1/Events HTTP/1.1\r\n" + head()
                                + "Content-Type: application/json\r\nContent-Length: 1000\r\n\r\n")
                        .getBytes(StandardCharsets.US_ASCII));
                out.flush();
                Thread sender = new Thread(() -> {
                    try {
                        for (int b = 0; b < 1000; b++) {
                            out.write(' ');
                            out.flush();
                            Thread.sleep(1000);
                        }
                    } catch (IOException | InterruptedException e) {
                        // Cut off by the gateway, or the test is over.
                    }
                });
                sender.setDaemon(true);
                sender.start();
                senders.add(sender);
            }
            for (int i = 0; i < 3; i++) {
                assertEquals(
                        200,
                        ApiClient.anonymous(RunningStack.baseUrl())
                                .get("/health")
                                .status());
            }
            Socket first = slow.get(0);
            first.setSoTimeout(
                    (int) HttpGateway.REQUEST_READ_TIME.plusSeconds(20).toMillis());
            ApiClient.Response cutOff = read(first.getInputStream());
            assertEquals(408, cutOff.status(), cutOff.text());
            assertEquals(List.of("close"), cutOff.headers().get("connection"));
        } finally {
            senders.forEach(Thread::interrupt);
            for (Socket socket : slow) {
                socket.close();
            }
        }
    }

    private static String head() {
        return "Host: 127.0.0.1:" + port + "\r\nAuthorization: " + authorization() + "\r\nConnection: close\r\n";
    }

    private static String authorization() {
        return "Basic "
                + Base64.getEncoder()
                        .encodeToString((account.sid() + ":" + account.authToken()).getBytes(StandardCharsets.UTF_8));
    }

    /** Sends raw bytes on a connection of its own and reads the final answer (after any 100 Continue). */
    private static ApiClient.Response send(String request) throws IOException {
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
            socket.setSoTimeout(30_000);
            socket.getOutputStream().write(request.getBytes(StandardCharsets.UTF_8));
            socket.getOutputStream().flush();
            ApiClient.Response response = read(socket.getInputStream());
            return response.status() == 100 ? read(socket.getInputStream()) : response;
        }
    }

    private static ApiClient.Response read(InputStream in) throws IOException {
        String statusLine = line(in);
        int status = Integer.parseInt(statusLine.split(" ")[1]);
        Map<String, List<String>> headers = new LinkedHashMap<>();
        for (String line = line(in); !line.isEmpty(); line = line(in)) {
            int colon = line.indexOf(':');
            headers.computeIfAbsent(line.substring(0, colon).toLowerCase(Locale.ROOT), name -> new ArrayList<>())
                    .add(line.substring(colon + 1).trim());
        }
        int length = Integer.parseInt(
                headers.getOrDefault("content-length", List.of("0")).get(0));
        return new ApiClient.Response(status, headers, new String(in.readNBytes(length), StandardCharsets.UTF_8));
    }

    private static String line(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        for (int next = in.read(); next != '\n'; next = in.read()) {
            if (next < 0) {
                throw new IOException("The connection closed mid-answer after: " + line);
            }
            line.write(next);
        }
        return line.toString(StandardCharsets.US_ASCII).stripTrailing();
    }
}
