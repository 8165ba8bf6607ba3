package dev.monitor.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.monitor.testing.RunningStack;
import java.io.File;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Every function's shaded jar, the one the template's CodeUri deploys, holds what its handler needs:
 * each handler is built from its jar alone in a fresh JVM with Lambda's flags, against the local stack.
 */
class FunctionJarsTest {
    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();

    @Test
    void eachFunctionsHandlerStartsFromItsOwnJar() throws Exception {
        Template template = Template.parse(Files.readString(ROOT.resolve("template.yaml")));
        Path probeDirectory = probeClassDirectory();
        List<Template.Resource> functions = template.resourcesOfType(Template.FUNCTION);
        assertFalse(functions.isEmpty());
        for (Template.Resource function : functions) {
            Path jar = ROOT.resolve((String) function.properties().get("CodeUri"));
            assertTrue(Files.isRegularFile(jar), function.logicalId() + ": " + jar + " is built");
            String handlerClass = ((String) function.properties().get("Handler")).split("::")[0];
            ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-XX:+TieredCompilation", "-XX:TieredStopAtLevel=1",
                    "-cp", jar + File.pathSeparator + probeDirectory, HandlerJarProbe.class.getName(), handlerClass)
                    .redirectErrorStream(true);
            builder.environment().clear();
            builder.environment().putAll(RunningStack.get().functionEnvironment(function.logicalId()));
            Process process = builder.start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(process.waitFor(60, TimeUnit.SECONDS), function.logicalId() + " started in time");
            assertEquals(0, process.exitValue(), function.logicalId() + " from " + jar.getFileName() + ":\n" + output);
        }
    }

    /** The probe alone, so the child's class path is the function's jar and nothing of the test's. */
    private static Path probeClassDirectory() throws Exception {
        Path directory = Files.createTempDirectory("handler-probe");
        String resource = HandlerJarProbe.class.getName().replace('.', '/') + ".class";
        Path target = directory.resolve(resource);
        Files.createDirectories(target.getParent());
        try (InputStream in = FunctionJarsTest.class.getClassLoader().getResourceAsStream(resource)) {
            Files.copy(in, target);
        }
        return directory;
    }
}
