package dev.monitor.notifier;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A webhook receiver on a raw socket, to behave as real servers do with keep-alive connections, which the JDK's
 * HttpServer cannot be told to: it reads each request whole, counts it, and answers what {@link Answers} says on the
 * connection's n-th request, then closes the connection when told to or once it has been idle too long.
 */
final class RawHttpReceiver implements AutoCloseable {
    interface Answers {
        /** The bytes to write for the connection's {@code requestOnConnection}-th request (from 1). */
        String answer(int requestOnConnection);

        /** Whether to close the connection after that answer. */
        default boolean closeAfter(int requestOnConnection) {
            return false;
        }
    }

    static final String OK_KEEP_ALIVE = "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok";

    private final ServerSocket listener;
    private final Duration idleTimeout;
    private final Answers answers;
    private final AtomicInteger requests = new AtomicInteger();
    private final AtomicInteger connections = new AtomicInteger();
    private final Thread acceptor;

    RawHttpReceiver(Duration idleTimeout, Answers answers) throws IOException {
        this.listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        this.idleTimeout = idleTimeout;
        this.answers = answers;
        this.acceptor = new Thread(this::accept, "raw-receiver");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    String url() {
        return "http://127.0.0.1:" + listener.getLocalPort() + "/hook";
    }

    /** Requests received in full, whatever became of their answers. */
    int requests() {
        return requests.get();
    }

    int connections() {
        return connections.get();
    }

    private void accept() {
        while (!listener.isClosed()) {
            try {
                Socket socket = listener.accept();
                connections.incrementAndGet();
                Thread connection = new Thread(() -> serve(socket), "raw-receiver-connection");
                connection.setDaemon(true);
                connection.start();
            } catch (IOException e) {
                return;
            }
        }
    }

    private void serve(Socket socket) {
        try (socket) {
            socket.setSoTimeout((int) idleTimeout.toMillis());
            InputStream in = socket.getInputStream();
            OutputStream out = socket.getOutputStream();
            for (int n = 1; ; n++) {
                if (!readRequest(in)) {
                    return;
                }
                requests.incrementAndGet();
                out.write(answers.answer(n).getBytes(StandardCharsets.US_ASCII));
                out.flush();
                if (answers.closeAfter(n)) {
                    return;
                }
            }
        } catch (SocketTimeoutException idle) {
            // Closed as an idle keep-alive connection, by the try above.
        } catch (IOException e) {
            // The client went away.
        }
    }

    /** Reads the head and a Content-Length body; false at the end of the stream before a request. */
    private static boolean readRequest(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        while (!head.toString(StandardCharsets.US_ASCII).endsWith("\r\n\r\n")) {
            int next = in.read();
            if (next < 0) {
                return false;
            }
            head.write(next);
        }
        int length = 0;
        for (String line : head.toString(StandardCharsets.US_ASCII).split("\r\n")) {
            if (line.toLowerCase(Locale.ROOT).startsWith("content-length:")) {
                length = Integer.parseInt(
                        line.substring("content-length:".length()).trim());
            }
        }
        return in.readNBytes(length).length == length;
    }

    @Override
    public void close() throws IOException {
        listener.close();
    }
}
