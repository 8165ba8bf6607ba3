package dev.monitor.local;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * The stack as the README's run command starts it, {@code java @local/jvm-options -jar local/target/monitor-local.jar},
 * in a process of its own: what it prints after its ready line is kept in {@link #later()}, so the process never
 * blocks on output.
 */
final class PackagedStack implements AutoCloseable {
    private static final String READY = "Monitor local stack ready on ";
    private static final Path JAR = Path.of("target", "monitor-local.jar");
    /** The JVM options local/run starts the jar with. */
    private static final String JVM_OPTIONS = "@jvm-options";

    private final Process process;
    private final String readyLine;
    private final BlockingQueue<String> later;

    private PackagedStack(Process process, String readyLine, BlockingQueue<String> later) {
        this.process = process;
        this.readyLine = readyLine;
        this.later = later;
    }

    /** Starts the jar with these variables added to this JVM's environment, and waits until it is ready. */
    static PackagedStack start(Map<String, String> environment) throws Exception {
        if (!Files.isRegularFile(JAR)) {
            throw new IllegalStateException(JAR + " is not packaged");
        }
        ProcessBuilder builder = new ProcessBuilder(command()).redirectErrorStream(true);
        builder.environment().remove("MONITOR_DATA_DIR");
        builder.environment().putAll(environment);
        Process process = builder.start();
        BlockingQueue<String> later = new LinkedBlockingQueue<>();
        try {
            String line = CompletableFuture.supplyAsync(() -> readUntilReady(process, later))
                    .get(90, TimeUnit.SECONDS);
            return new PackagedStack(process, line, later);
        } catch (Exception e) {
            process.destroyForcibly();
            throw e;
        }
    }

    /** The command local/run starts the jar with. */
    static List<String> command() {
        return List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                JVM_OPTIONS,
                "-jar",
                JAR.toString());
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    /** The rest of the ready line: where the stack listens, and its console. */
    String readyLine() {
        return readyLine;
    }

    BlockingQueue<String> later() {
        return later;
    }

    /** Ends the process as {@code kill -9} does: no shutdown hook, no flush, no goodbye. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            throw new IllegalStateException("The stack outlived SIGKILL for 30 s");
        }
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            kill();
        }
    }

    private static String readUntilReady(Process process, BlockingQueue<String> later) {
        BufferedReader output =
                new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        StringBuilder seen = new StringBuilder();
        try {
            for (String line = output.readLine(); line != null; line = output.readLine()) {
                seen.append(line).append('\n');
                if (line.startsWith(READY)) {
                    Thread drain = new Thread(() -> output.lines().forEach(later::add));
                    drain.setDaemon(true);
                    drain.start();
                    return line.substring(READY.length()).trim();
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException("Reading the stack's output failed after:\n" + seen, e);
        }
        throw new IllegalStateException("The stack exited before it was ready:\n" + seen);
    }
}
