package dev.monitor.console;

import dev.monitor.testing.RunningStack;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;

/**
 * What every class of the browser suite shares: one headless Chromium for the class, which its tests use one after
 * another, and the running stack's URL. The classes hold the console's browser lock, so no two run at once.
 */
abstract class ConsoleSuite {
    static ConsoleBrowser browser;
    static String base;

    @BeforeAll
    static void startBrowser() {
        if (!ConsoleBrowser.installed()) {
            // Said once a class in the build's output; each test is then reported skipped with the same reason.
            System.err.println(ConsoleBrowser.MISSING);
            return;
        }
        base = RunningStack.baseUrl();
        browser = ConsoleBrowser.start();
    }

    @BeforeEach
    void needsChromium() {
        ConsoleBrowser.assumeInstalled();
    }

    @AfterAll
    static void stopBrowser() {
        if (browser != null) {
            browser.close();
            browser = null;
        }
    }
}
