package dev.monitor.local;

import java.util.Map;

/**
 * Runs in a child JVM whose class path is a function's shaded jar (and this class): builds the
 * handler the template names as Lambda's init would, so a class the jar lacks fails here.
 */
public final class HandlerJarProbe {
    private HandlerJarProbe() {
    }

    public static void main(String[] args) throws Exception {
        Class.forName(args[0]).getConstructor(Map.class).newInstance(System.getenv());
        System.out.println("built " + args[0]);
    }
}
