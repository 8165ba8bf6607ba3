package dev.monitor.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.discovery.ClassSelector;
import org.junit.platform.launcher.LauncherDiscoveryRequest;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;

/**
 * Where Docker is missing, the suite of {@code mvn -Plocalstack} is reported skipped, each class with
 * {@link LocalStackBackend#DOCKER_MISSING}, and nothing in it starts or fails: it runs that suite (the test
 * classes the profile includes, read from local/pom.xml) through JUnit's launcher as the profile configures it.
 */
class LocalStackSkipTest {
    private static final Pattern INCLUDE = Pattern.compile("<include>(dev/monitor/[\\w/]+Test)\\.java</include>");

    @Test
    void withoutDockerTheLocalStackSuiteIsSkippedSayingWhyAndNothingFails() throws IOException {
        Assumptions.assumeFalse(
                LocalStackBackend.dockerAvailable(), "Docker is available here: the LocalStack suite runs, not skips");
        List<ClassSelector> suite = profileSuite();
        assertFalse(suite.isEmpty(), "the localstack profile includes no test");
        LauncherDiscoveryRequest request = LauncherDiscoveryRequestBuilder.request()
                .selectors(suite)
                .configurationParameter(LocalStackBackend.BACKEND, "localstack")
                .configurationParameter("junit.jupiter.extensions.autodetection.enabled", "true")
                .build();
        Map<String, String> skipped = new TreeMap<>();
        List<String> started = new ArrayList<>();
        LauncherFactory.create().execute(request, new TestExecutionListener() {
            @Override
            public void executionSkipped(TestIdentifier identifier, String reason) {
                skipped.put(identifier.getDisplayName(), reason);
            }

            @Override
            public void executionStarted(TestIdentifier identifier) {
                if (identifier.isTest() || identifier.getSource().toString().contains("ClassSource")) {
                    started.add(identifier.getDisplayName());
                }
            }

            @Override
            public void executionFinished(TestIdentifier identifier, TestExecutionResult result) {
                if (result.getStatus() != TestExecutionResult.Status.SUCCESSFUL) {
                    started.add(identifier.getDisplayName() + ": " + result);
                }
            }
        });

        assertEquals(List.of(), started, "started or failed without Docker");
        Map<String, String> expected = new TreeMap<>();
        suite.forEach(
                selector -> expected.put(selector.getJavaClass().getSimpleName(), LocalStackBackend.DOCKER_MISSING));
        assertEquals(expected, skipped);
    }

    private static List<ClassSelector> profileSuite() throws IOException {
        String pom = Files.readString(Path.of("pom.xml"));
        String profile = pom.substring(pom.indexOf("<id>localstack</id>"));
        List<ClassSelector> selectors = new ArrayList<>();
        Matcher include = INCLUDE.matcher(profile);
        while (include.find()) {
            selectors.add(selectClass(include.group(1).replace('/', '.')));
        }
        return selectors;
    }
}
