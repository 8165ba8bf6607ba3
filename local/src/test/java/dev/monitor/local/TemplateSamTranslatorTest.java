package dev.monitor.local;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;

/**
 * template.yaml goes through AWS SAM's own translator (and cfn-lint where installed), and every event source of
 * the result invokes an alias, which SnapStart needs: {@code local/check-template}, run where Python has
 * samtranslator (PyPI {@code aws-sam-translator}), skipped elsewhere, saying so.
 */
@Execution(ExecutionMode.CONCURRENT) // beside the other classes: its time is a Python process's
class TemplateSamTranslatorTest {
    private static final int NOT_INSTALLED = 2;

    @Test
    void theTemplateTranslatesWithSamsOwnTranslator() throws IOException, InterruptedException {
        Process check = new ProcessBuilder(List.of("python3", "check-template", "../template.yaml"))
                .redirectErrorStream(true)
                .start();
        String output = new String(check.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!check.waitFor(120, TimeUnit.SECONDS)) {
            check.destroyForcibly();
            throw new AssertionError("check-template ran for over 120 s: " + output);
        }
        Assumptions.assumeFalse(
                check.exitValue() == NOT_INSTALLED,
                () -> "SAM's translator is not installed here, so template.yaml was not translated: " + output.strip());
        assertEquals(0, check.exitValue(), output);
    }
}
