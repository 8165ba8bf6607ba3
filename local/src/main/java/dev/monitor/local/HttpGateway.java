package dev.monitor.local;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * API Gateway's part: serves HTTP/1.1 on the loopback interface and hands each request to the function of its route.
 *
 * <p>Its own small server rather than the JDK's, because the JDK's answers a request it cannot parse (a malformed
 * percent-escape in the path or query) with an HTML page before any handler sees it, and lets a client that sends a
 * byte a second hold a worker for as long as it likes. Here the raw path goes to the function, as API Gateway passes
 * it; a request must arrive whole within {@link #REQUEST_READ_TIME}; and connections get threads of their own, up to
 * {@link #MAX_CONNECTIONS}, so a few slow clients cannot starve the rest.
 *
 * <p>It takes what an HTTP API takes: bodies up to {@link #MAX_BODY_BYTES} and request lines with headers up to
 * {@link #MAX_REQUEST_LINE_AND_HEADER_VALUES}, and a route's throttle ({@link RouteThrottle}) answers 429 once its
 * bucket is empty. When the function fails, or Lambda fails the invocation ({@link LambdaError}: a throttle, an event
 * or an answer over Lambda's payload limit), it answers what an HTTP API answers then, a 500.
 */
final class HttpGateway implements AutoCloseable {
    /** An HTTP API's payload quota, 10 MB: beyond, API Gateway refuses the request itself. */
    static final int MAX_BODY_BYTES = 10 * 1024 * 1024;

    /** An HTTP API's quota on the request line and the header values together ("10240 bytes"). */
    static final int MAX_REQUEST_LINE_AND_HEADER_VALUES = 10_240;

    static final Duration REQUEST_READ_TIME = Duration.ofSeconds(10);
    private static final Duration IDLE_KEEP_ALIVE = Duration.ofSeconds(5);
    private static final int MAX_CONNECTIONS = 128;
    /** The whole head as sent, header names and line ends included: no client needs more than the quota above. */
    private static final int MAX_HEAD_BYTES = 2 * MAX_REQUEST_LINE_AND_HEADER_VALUES;

    private static final DateTimeFormatter HTTP_DATE = DateTimeFormatter.RFC_1123_DATE_TIME.withZone(ZoneOffset.UTC);

    private final ServerSocket listener;
    private final HttpRouter router;
    private final ThreadPoolExecutor connections;
    private final Thread acceptor;

    private HttpGateway(ServerSocket listener, HttpRouter router) {
        this.listener = listener;
        this.router = router;
        AtomicInteger threads = new AtomicInteger();
        this.connections =
                new ThreadPoolExecutor(0, MAX_CONNECTIONS, 30, TimeUnit.SECONDS, new SynchronousQueue<>(), runnable -> {
                    Thread thread = new Thread(runnable, "http-" + threads.incrementAndGet());
                    thread.setDaemon(true);
                    return thread;
                });
        this.acceptor = new Thread(this::accept, "http-acceptor");
        acceptor.setDaemon(true);
    }

    /** Port 0 takes a free port; a taken port throws {@link java.net.BindException}. */
    static HttpGateway start(int port, HttpRouter router) throws IOException {
        ServerSocket listener = new ServerSocket();
        try {
            listener.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 256);
        } catch (IOException e) {
            listener.close();
            throw e;
        }
        HttpGateway gateway = new HttpGateway(listener, router);
        gateway.acceptor.start();
        return gateway;
    }

    int port() {
        return listener.getLocalPort();
    }

    @Override
    public void close() {
        try {
            listener.close();
        } catch (IOException e) {
            // Closing anyway.
        }
        connections.shutdownNow();
    }

    private void accept() {
        while (!listener.isClosed()) {
            Socket socket;
            try {
                socket = listener.accept();
            } catch (IOException e) {
                return;
            }
            try {
                connections.execute(() -> serve(socket));
            } catch (RejectedExecutionException e) {
                refuseBusy(socket);
            }
        }
    }

    /** Every thread is busy: API Gateway's throttling answer, at once, rather than a wait. */
    private static void refuseBusy(Socket socket) {
        try (socket) {
            socket.setSoTimeout(1000);
            writeResponse(
                    socket.getOutputStream(), false, HttpApiResponses.gatewayError(429, "Too Many Requests"), false);
        } catch (IOException e) {
            // The client is gone.
        }
    }

    private void serve(Socket socket) {
        try (socket) {
            socket.setTcpNoDelay(true);
            TimedInput input = new TimedInput(socket);
            OutputStream output = new BufferedOutputStream(socket.getOutputStream());
            boolean keepAlive = true;
            while (keepAlive && !listener.isClosed()) {
                GatewayRequest request;
                try {
                    if (!input.awaitRequest(IDLE_KEEP_ALIVE)) {
                        return;
                    }
                    request = readRequest(input, output, socket);
                } catch (BadRequest e) {
                    writeResponse(output, false, HttpApiResponses.gatewayError(e.status, e.getMessage()), false);
                    // What the client still sends is read and dropped, so that one which sends its whole body before
                    // it reads (most do, without Expect: 100-continue) gets this answer, not a reset connection.
                    socket.shutdownOutput();
                    input.discardRest();
                    return;
                }
                keepAlive = request.keepAlive();
                GatewayResponse response = respond(request);
                writeResponse(output, request.method().equals("HEAD"), response, keepAlive);
            }
        } catch (SocketTimeoutException | SocketException e) {
            // An idle keep-alive connection timed out, or the client hung up.
        } catch (IOException e) {
            // The client hung up mid-request.
        }
    }

    private GatewayResponse respond(GatewayRequest request) {
        long started = System.nanoTime();
        String requestId = UUID.randomUUID().toString();
        GatewayResponse response;
        Optional<HttpRouter.Match> route = router.match(request.method(), request.rawPath());
        if (route.isEmpty()) {
            response = HttpApiResponses.gatewayError(404, "Not Found");
        } else if (route.get().throttle().isPresent()
                && !route.get().throttle().get().tryTake(System.nanoTime())) {
            response = HttpApiResponses.gatewayError(429, "Too Many Requests");
        } else {
            LambdaFunction function = route.get().function();
            try {
                JsonNode answer = function.invoke(HttpApiEvents.from(request, route.get(), requestId, Instant.now()));
                response = HttpApiResponses.from(answer);
            } catch (Exception | Error e) {
                Log.error(
                        "Function " + function.name() + " failed on " + request.method() + " " + request.rawPath(), e);
                response = HttpApiResponses.gatewayError(500, "Internal Server Error");
            }
        }
        Log.request(
                requestId,
                request.method(),
                request.rawPath(),
                response.status(),
                Duration.ofNanos(System.nanoTime() - started));
        return response;
    }

    /** The request line, the headers and the whole body, within {@link #REQUEST_READ_TIME} of its first byte. */
    private static GatewayRequest readRequest(TimedInput input, OutputStream output, Socket socket) throws IOException {
        input.startDeadline(REQUEST_READ_TIME);
        String requestLine = input.line(MAX_REQUEST_LINE_AND_HEADER_VALUES);
        int quotaLeft = MAX_REQUEST_LINE_AND_HEADER_VALUES - requestLine.length();
        int headLeft = MAX_HEAD_BYTES - requestLine.length();
        String[] parts = requestLine.split(" ");
        if (parts.length != 3 || !parts[2].startsWith("HTTP/1.") || parts[0].isEmpty()) {
            throw new BadRequest(400, "Bad Request");
        }
        String method = parts[0];
        String target = parts[1];
        if (!target.startsWith("/")) {
            // The absolute form a proxy would get: keep the path and query.
            int scheme = target.indexOf("://");
            int path = scheme < 0 ? -1 : target.indexOf('/', scheme + 3);
            if (path < 0) {
                throw new BadRequest(400, "Bad Request");
            }
            target = target.substring(path);
        }
        int question = target.indexOf('?');
        String rawPath = question < 0 ? target : target.substring(0, question);
        String rawQuery = question < 0 ? null : target.substring(question + 1);

        Map<String, List<String>> headers = new LinkedHashMap<>();
        for (String line = input.line(headLeft); !line.isEmpty(); line = input.line(headLeft)) {
            headLeft -= line.length() + 2;
            int colon = line.indexOf(':');
            if (colon <= 0) {
                throw new BadRequest(400, "Bad Request");
            }
            String value = line.substring(colon + 1).trim();
            quotaLeft -= value.length();
            if (quotaLeft < 0) {
                throw new BadRequest(431, "Request Header Fields Too Large");
            }
            headers.computeIfAbsent(line.substring(0, colon).trim().toLowerCase(Locale.ROOT), name -> new ArrayList<>())
                    .add(value);
        }
        String protocol = parts[2];
        String connection = last(headers, "connection").toLowerCase(Locale.ROOT);
        boolean keepAlive =
                protocol.equals("HTTP/1.1") ? !connection.contains("close") : connection.contains("keep-alive");

        boolean chunked =
                last(headers, "transfer-encoding").toLowerCase(Locale.ROOT).contains("chunked");
        String contentLength = last(headers, "content-length");
        long length;
        try {
            length = chunked || contentLength.isEmpty() ? 0 : Long.parseLong(contentLength.trim());
        } catch (NumberFormatException e) {
            throw new BadRequest(400, "Bad Request");
        }
        if (length < 0) {
            throw new BadRequest(400, "Bad Request");
        }
        if (length > MAX_BODY_BYTES) {
            throw new BadRequest(413, "Request Entity Too Large");
        }
        if ((chunked || length > 0) && last(headers, "expect").equalsIgnoreCase("100-continue")) {
            output.write("HTTP/1.1 100 Continue\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            output.flush();
        }
        byte[] body = chunked ? input.chunkedBody(MAX_BODY_BYTES) : input.bytes((int) length);
        input.endDeadline();
        return new GatewayRequest(
                method,
                rawPath,
                rawQuery,
                protocol,
                headers,
                body,
                socket.getInetAddress().getHostAddress(),
                socket.getLocalPort(),
                keepAlive);
    }

    private static String last(Map<String, List<String>> headers, String name) {
        List<String> values = headers.get(name);
        return values == null ? "" : values.get(values.size() - 1);
    }

    private static void writeResponse(OutputStream output, boolean head, GatewayResponse response, boolean keepAlive)
            throws IOException {
        int status = response.status();
        boolean bodiless = status == 204 || status == 304 || (status >= 100 && status < 200);
        StringBuilder text = new StringBuilder("HTTP/1.1 ")
                .append(status)
                .append(' ')
                .append(HttpApiResponses.reason(status))
                .append("\r\n");
        text.append("Date: ").append(HTTP_DATE.format(Instant.now())).append("\r\n");
        for (Map.Entry<String, String> header : response.headers()) {
            text.append(header.getKey()).append(": ").append(header.getValue()).append("\r\n");
        }
        if (!bodiless) {
            text.append("Content-Length: ").append(response.body().length).append("\r\n");
        }
        if (!keepAlive) {
            text.append("Connection: close\r\n");
        }
        text.append("\r\n");
        output.write(text.toString().getBytes(StandardCharsets.ISO_8859_1));
        if (!bodiless && !head) {
            output.write(response.body());
        }
        output.flush();
    }

    /** A request the gateway itself refuses, with API Gateway's status and message. */
    private static final class BadRequest extends IOException {
        final int status;

        BadRequest(int status, String message) {
            super(message);
            this.status = status;
        }
    }

    /** Reads from the socket with a deadline for the whole request, however slowly its bytes come. */
    private static final class TimedInput {
        private final Socket socket;
        private final InputStream in;
        private long deadline;

        TimedInput(Socket socket) throws IOException {
            this.socket = socket;
            this.in = new BufferedInputStream(socket.getInputStream());
        }

        /** Waits up to {@code idle} for the next request's first byte; false when the client closed or stayed idle. */
        boolean awaitRequest(Duration idle) throws IOException {
            socket.setSoTimeout((int) idle.toMillis());
            in.mark(1);
            try {
                if (in.read() < 0) {
                    return false;
                }
            } catch (SocketTimeoutException e) {
                return false;
            }
            in.reset();
            return true;
        }

        void startDeadline(Duration allowed) {
            deadline = System.nanoTime() + allowed.toNanos();
        }

        void endDeadline() {
            deadline = 0;
        }

        private int read() throws IOException {
            long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
            if (left <= 0) {
                throw new BadRequest(408, "Request Timeout");
            }
            if (in.available() == 0) {
                // Only a read that waits for the network needs the time left.
                socket.setSoTimeout((int) Math.min(left, Integer.MAX_VALUE));
            }
            try {
                int next = in.read();
                if (next < 0) {
                    throw new SocketException("The client closed the connection mid-request");
                }
                return next;
            } catch (SocketTimeoutException e) {
                throw new BadRequest(408, "Request Timeout");
            }
        }

        /** A line of the head, without its CRLF (a bare LF is accepted); longer than {@code max}: 431. */
        String line(int max) throws IOException {
            ByteArrayOutputStream line = new ByteArrayOutputStream();
            for (int next = read(); next != '\n'; next = read()) {
                if (line.size() > max) {
                    throw new BadRequest(431, "Request Header Fields Too Large");
                }
                line.write(next);
            }
            String text = line.toString(StandardCharsets.ISO_8859_1);
            return text.endsWith("\r") ? text.substring(0, text.length() - 1) : text;
        }

        /** Reads and drops what arrives until the client closes or the request's time is up. */
        void discardRest() {
            byte[] dropped = new byte[64 * 1024];
            try {
                for (long left = millisLeft(); left > 0; left = millisLeft()) {
                    socket.setSoTimeout((int) Math.min(left, Integer.MAX_VALUE));
                    if (in.read(dropped) < 0) {
                        return;
                    }
                }
            } catch (IOException e) {
                // Timed out, or the client hung up: either way there is nothing more to wait for.
            }
        }

        private long millisLeft() {
            return TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
        }

        byte[] bytes(int count) throws IOException {
            byte[] bytes = new byte[count];
            int filled = 0;
            while (filled < count) {
                long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
                if (left <= 0) {
                    throw new BadRequest(408, "Request Timeout");
                }
                socket.setSoTimeout((int) Math.min(left, Integer.MAX_VALUE));
                int read;
                try {
                    read = in.read(bytes, filled, count - filled);
                } catch (SocketTimeoutException e) {
                    throw new BadRequest(408, "Request Timeout");
                }
                if (read < 0) {
                    throw new SocketException("The client closed the connection mid-body");
                }
                filled += read;
            }
            return bytes;
        }

        byte[] chunkedBody(int limit) throws IOException {
            ByteArrayOutputStream body = new ByteArrayOutputStream();
            while (true) {
                String sizeLine = line(MAX_HEAD_BYTES);
                int extension = sizeLine.indexOf(';');
                int size;
                try {
                    size = Integer.parseInt((extension < 0 ? sizeLine : sizeLine.substring(0, extension)).trim(), 16);
                } catch (NumberFormatException e) {
                    throw new BadRequest(400, "Bad Request");
                }
                if (size == 0) {
                    while (!line(MAX_HEAD_BYTES).isEmpty()) {
                        // Trailers are dropped, as API Gateway does.
                    }
                    return body.toByteArray();
                }
                if (size < 0 || body.size() + (long) size > limit) {
                    throw new BadRequest(413, "Request Entity Too Large");
                }
                body.write(bytes(size));
                line(MAX_HEAD_BYTES);
            }
        }
    }
}
