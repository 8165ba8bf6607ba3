package dev.monitor.bench;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A probe's main class run in a fresh JVM ({@code java}, the binary) with Lambda's JIT flags and only the given
 * environment. The probe prints its figures in microseconds on its last line, after the function's own log lines, the
 * first the time from its JVM's start to the end of its init; the wall time is from starting the process to its exit.
 */
record ProbeJvm(Path java, String classPath, Map<String, String> environment, Class<?> probe, List<String> arguments) {
    /** The template's JAVA_TOOL_OPTIONS for the functions. */
    static final List<String> LAMBDA_JVM_FLAGS = List.of("-XX:+TieredCompilation", "-XX:TieredStopAtLevel=1");

    record Sample(Duration wall, List<Duration> figures) {
        Duration initialized() {
            return figures.get(0);
        }

        Duration figure(int index) {
            return figures.get(index);
        }
    }

    Sample run() {
        List<String> command = new ArrayList<>();
        command.add(java.toString());
        command.addAll(LAMBDA_JVM_FLAGS);
        command.addAll(List.of("-cp", classPath, probe.getName()));
        command.addAll(arguments);
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().clear();
        builder.environment().putAll(environment);
        try {
            Path errors = Files.createTempFile("probe", ".err");
            builder.redirectError(errors.toFile());
            long start = System.nanoTime();
            Process process = builder.start();
            int exit = process.waitFor();
            Duration wall = Duration.ofNanos(System.nanoTime() - start);
            String output;
            try (InputStream out = process.getInputStream()) {
                output = new String(out.readAllBytes(), StandardCharsets.UTF_8).strip();
            }
            String errorText = Files.readString(errors);
            Files.delete(errors);
            if (exit != 0) {
                throw new IllegalStateException(
                        probe.getSimpleName() + " exited with " + exit + ": " + output + errorText);
            }
            List<Duration> figures = new ArrayList<>();
            for (String micros : output.substring(output.lastIndexOf('\n') + 1).split(" ")) {
                figures.add(Duration.ofNanos(Long.parseLong(micros) * 1000));
            }
            return new Sample(wall, figures);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while " + probe.getSimpleName() + " ran", e);
        }
    }

    /**
     * Copies class files out of this JVM's class path into a new directory, so a probe JVM can have them beside a
     * function's jar and nothing else of the benchmark.
     */
    static Path copyClasses(Class<?>... classes) {
        try {
            Path directory = Files.createTempDirectory("monitor-probes");
            directory.toFile().deleteOnExit();
            for (Class<?> type : classes) {
                String resource = type.getName().replace('.', '/') + ".class";
                // Each directory before what it holds: the JVM deletes in the reverse order of registration.
                Path target = directory;
                for (Path name : Path.of(resource)) {
                    target = target.resolve(name);
                    target.toFile().deleteOnExit();
                }
                Files.createDirectories(target.getParent());
                try (InputStream in = type.getClassLoader().getResourceAsStream(resource)) {
                    Files.copy(in, target);
                }
            }
            return directory;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
