package dev.monitor.console;

import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.monitor.jackson.Json;
import dev.monitor.testing.Eventually;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Headless Chromium, the system's (Debian's {@code chromium} and {@code chromium-driver}), driven by
 * Selenium through the chromedriver beside it: Selenium Manager, which would try to download a
 * browser or driver, is never asked. One browser for a test class; each test signs in afresh.
 */
final class ConsoleBrowser implements AutoCloseable {
    static final Path CHROMIUM = Path.of(System.getProperty("console.chromium", "/usr/bin/chromium"));
    static final Path CHROMEDRIVER = Path.of(System.getProperty("console.chromedriver", "/usr/bin/chromedriver"));
    static final Path SCREENSHOTS = Path.of("target", "console-screenshots");
    static final Path DOWNLOADS = Path.of("target", "console-downloads").toAbsolutePath();
    static final Duration PATIENCE = Duration.ofSeconds(20);
    /** Chrome logs every API answer of 400 or more as a console error; a step that provokes one says so. */
    static final Pattern API_ERROR_STATUS =
            Pattern.compile(".*Failed to load resource: the server responded with a status of (\\d{3}).*");

    // Held so that the level set on them stays (java.util.logging keeps loggers weakly).
    private static final List<Logger> QUIET =
            Arrays.asList(Logger.getLogger("org.openqa.selenium"), Logger.getLogger("io.opentelemetry"));

    final WebDriver driver;
    final WebDriverWait wait;
    private final Path profile;

    private ConsoleBrowser(WebDriver driver, Path profile) {
        this.driver = driver;
        this.profile = profile;
        this.wait = new WebDriverWait(driver, PATIENCE, Duration.ofMillis(250));
    }

    static final String MISSING = "The console's browser suite needs Chromium and chromedriver at " + CHROMIUM + " and "
            + CHROMEDRIVER + " (apt-get install chromium chromium-driver; .ci/run installs them): skipped";

    static boolean installed() {
        return Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER);
    }

    /** Skips the calling test, with the reason, when Chromium or its driver is not installed. */
    static void assumeInstalled() {
        Assumptions.assumeTrue(installed(), MISSING);
    }

    static ConsoleBrowser start() {
        QUIET.forEach(logger -> logger.setLevel(Level.OFF));
        System.setProperty("webdriver.chrome.driver", CHROMEDRIVER.toString());
        System.setProperty("SE_AVOID_STATS", "true");
        Path profile;
        try {
            profile = Files.createTempDirectory("monitor-console-chromium");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments(
                "--headless=new",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-dev-shm-usage",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--window-size=1280,800",
                "--user-data-dir=" + profile);
        try {
            Files.createDirectories(DOWNLOADS);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        options.setExperimentalOption(
                "prefs",
                Map.of("download.default_directory", DOWNLOADS.toString(), "download.prompt_for_download", false));
        LoggingPreferences logging = new LoggingPreferences();
        logging.enable(LogType.BROWSER, Level.ALL);
        // Chrome's own record of the requests it sends (DevTools' Network events), which no script of the page can
        // alter.
        logging.enable(LogType.PERFORMANCE, Level.ALL);
        options.setCapability("goog:loggingPrefs", logging);
        options.setExperimentalOption("perfLoggingPrefs", Map.of("enableNetwork", true, "enablePage", false));
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort()
                .withSilent(true)
                .build();
        service.sendOutputTo(OutputStream.nullOutputStream());
        ChromeDriver driver = new ChromeDriver(service, options);
        driver.manage().window().setSize(new Dimension(1280, 800));
        return new ConsoleBrowser(driver, profile);
    }

    void open(String url) {
        driver.get(url);
    }

    WebElement find(By by) {
        return wait.until(ExpectedConditions.visibilityOfElementLocated(by));
    }

    WebElement byId(String id) {
        return find(By.id(id));
    }

    void click(By by) {
        wait.until(ExpectedConditions.elementToBeClickable(by)).click();
    }

    void type(String id, String text) {
        WebElement input = byId(id);
        input.clear();
        input.sendKeys(text);
    }

    /** Waits for the screen's heading. */
    void awaitScreen(String title) {
        wait.until(ExpectedConditions.textToBe(By.id("screen-title"), title));
    }

    void awaitText(By by, String text) {
        wait.until(ExpectedConditions.textToBePresentInElementLocated(by, text));
    }

    Object script(String script, Object... arguments) {
        return ((ChromeDriver) driver).executeScript(script, arguments);
    }

    /** Saves the window as target/console-screenshots/{name}.png. */
    Path screenshot(String name) {
        try {
            Files.createDirectories(SCREENSHOTS);
            Path file = SCREENSHOTS.resolve(name + ".png");
            Path taken =
                    ((ChromeDriver) driver).getScreenshotAs(OutputType.FILE).toPath();
            Files.move(taken, file, StandardCopyOption.REPLACE_EXISTING);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Escape, as the keyboard sends it to whatever has focus (it closes a dialog). */
    void pressEscape() {
        new org.openqa.selenium.interactions.Actions(driver)
                .sendKeys(org.openqa.selenium.Keys.ESCAPE)
                .perform();
        wait.until(ExpectedConditions.invisibilityOfElementLocated(By.cssSelector("[role=dialog]")));
    }

    void resize(int width, int height) {
        driver.manage().window().setSize(new Dimension(width, height));
    }

    /**
     * Fails on any error in the browser's console since the last check, except API answers of the
     * statuses the step provoked on purpose (a wrong password's 401, a form's 400).
     */
    void assertNoConsoleErrors(String screen, Integer... expectedStatuses) {
        List<Integer> allowed = List.of(expectedStatuses);
        List<LogEntry> errors = driver.manage().logs().get(LogType.BROWSER).getAll().stream()
                .filter(entry -> entry.getLevel().intValue() >= Level.SEVERE.intValue())
                .filter(entry -> {
                    var matcher = API_ERROR_STATUS.matcher(entry.getMessage());
                    return !(matcher.matches() && allowed.contains(Integer.parseInt(matcher.group(1))));
                })
                .toList();
        if (!errors.isEmpty()) {
            fail("The browser's console has errors on " + screen + ": " + errors);
        }
    }

    /** Forgets the tab's session (as closing the tab would) and opens the console's sign-in form. */
    void signedOut(String baseUrl) {
        open(baseUrl + "/console/");
        script("sessionStorage.clear()");
        open(baseUrl + "/console/");
        byId("signin-user");
        // Read and dropped: the last session's page may have logged its refused requests here (a revoked key's 401s).
        driver.manage().logs().get(LogType.BROWSER);
        sentRequests();
    }

    /** The CSV file the console downloaded whose name starts with {@code prefix}, once Chrome has written all of it. */
    Path awaitDownload(String prefix) {
        return Eventually.until("the downloaded " + prefix + "….csv", () -> downloaded(prefix), file -> file != null);
    }

    private static Path downloaded(String prefix) {
        // Chrome writes into a .crdownload file and renames it when the download is complete.
        try (var files = Files.list(DOWNLOADS)) {
            return files.filter(file -> file.getFileName().toString().startsWith(prefix)
                            && file.toString().endsWith(".csv"))
                    .findFirst()
                    .orElse(null);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A request as Chrome sent it onto the network: its method and URL. */
    record SentRequest(String method, String url) {
        /** The path and query, without the origin. */
        String pathAndQuery() {
            URI uri = URI.create(url);
            return uri.getRawPath() + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
        }

        /** A call of the API, not one of the console's own files (its page, script, style sheet, icon). */
        boolean isApiCall() {
            return !URI.create(url).getRawPath().startsWith("/console");
        }

        @Override
        public String toString() {
            return method + " " + pathAndQuery();
        }
    }

    /**
     * The HTTP requests Chrome sent since the last call (its performance log, which holds DevTools' Network events),
     * once the page is quiet: every request seen has finished, and no new one started for 750 ms.
     */
    List<SentRequest> sentRequests() {
        List<SentRequest> sent = new ArrayList<>();
        Map<String, String> open = new HashMap<>();
        long quietSince = System.nanoTime();
        while (!open.isEmpty()
                || System.nanoTime() - quietSince < Duration.ofMillis(750).toNanos()) {
            List<LogEntry> entries =
                    driver.manage().logs().get(LogType.PERFORMANCE).getAll();
            for (LogEntry entry : entries) {
                JsonNode message = parse(entry.getMessage()).path("message");
                String method = message.path("method").asText();
                JsonNode params = message.path("params");
                String id = params.path("requestId").asText();
                switch (method) {
                    case "Network.requestWillBeSent" -> {
                        String url = params.path("request").path("url").asText();
                        if (params.path("type").asText().equals("Document")) {
                            // A new page: the last one's requests ended with it, whether Chrome said so or not.
                            open.clear();
                        }
                        if (url.startsWith("http")) {
                            sent.add(new SentRequest(
                                    params.path("request").path("method").asText(), url));
                            open.put(id, url);
                        }
                    }
                    case "Network.loadingFinished", "Network.loadingFailed" -> open.remove(id);
                    default -> {
                        // Other Network events say nothing of what was sent.
                    }
                }
            }
            if (!entries.isEmpty()) {
                quietSince = System.nanoTime();
            }
            if (System.nanoTime() - quietSince > PATIENCE.toNanos()) {
                fail("Requests still open after " + PATIENCE + ": " + open.values());
            }
            sleep(Duration.ofMillis(100));
        }
        return sent;
    }

    /** The API calls among {@link #sentRequests()}. */
    List<SentRequest> sentApiCalls() {
        return sentRequests().stream().filter(SentRequest::isApiCall).toList();
    }

    private static JsonNode parse(String json) {
        try {
            return Json.parse(json);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Chrome's performance log held no JSON: " + json, e);
        }
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    void signIn(String baseUrl, String user, String secret) {
        signedOut(baseUrl);
        type("signin-user", user);
        type("signin-secret", secret);
        click(By.cssSelector("button[type=submit]"));
        awaitScreen("Event Log");
    }

    Map<String, Object> storage() {
        @SuppressWarnings("unchecked")
        Map<String, Object> storage = (Map<String, Object>)
                script(
                        "return {session: JSON.stringify(sessionStorage), local: JSON.stringify(localStorage), cookie: document.cookie, url: location.href}");
        return storage;
    }

    @Override
    public void close() {
        driver.quit();
        try (var files = Files.walk(profile)) {
            files.sorted(Comparator.reverseOrder())
                    .forEach(path -> path.toFile().delete());
        } catch (IOException ignored) {
            // A temporary profile left behind is harmless.
        }
    }
}
