package dev.monitor.local;

import java.io.PrintWriter;
import java.io.StringWriter;

/** The runner's own messages, on stderr beside the functions' logs. */
final class Log {
    private Log() {}

    static void info(String message) {
        System.err.println("[local] " + message);
    }

    static void error(String message, Throwable error) {
        StringWriter trace = new StringWriter();
        error.printStackTrace(new PrintWriter(trace));
        System.err.print("[local] " + message + ": " + trace);
    }
}
