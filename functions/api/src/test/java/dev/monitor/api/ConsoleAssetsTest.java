package dev.monitor.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.monitor.jackson.Json;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class ConsoleAssetsTest {
    private static final ConsoleAssets ASSETS = new ConsoleAssets(Map.of(
            "index.html", "<!doctype html><script type=\"module\" src=\"/console/app-ABCD2345.js\"></script>",
            "app-ABCD2345.js", "console.log(1)",
            "app-WXYZ6789.css", "body{}",
            "favicon.svg", "<svg/>"));

    private static HttpResponse get(ConsoleAssets assets, String path) {
        return assets.serve(request("GET", path));
    }

    private static HttpRequest request(String method, String path) {
        return new HttpRequest(method, path, Map.of(), Map.of(), null, "127.0.0.1");
    }

    private static void assertSecurityHeaders(HttpResponse response) {
        String policy = response.headers().get("Content-Security-Policy");
        assertTrue(policy.contains("default-src 'self'"), policy);
        assertTrue(policy.contains("frame-ancestors 'none'"), policy);
        assertFalse(policy.contains("unsafe-inline"), policy);
        assertEquals("nosniff", response.headers().get("X-Content-Type-Options"));
        assertEquals("no-referrer", response.headers().get("Referrer-Policy"));
    }

    @Test
    void servesIndexAtTheConsoleRootWithoutCaching() {
        HttpResponse response = get(ASSETS, "/console/");
        assertEquals(200, response.status());
        assertEquals("text/html; charset=utf-8", response.headers().get("Content-Type"));
        assertEquals("no-cache", response.headers().get("Cache-Control"));
        assertTrue(response.body().startsWith("<!doctype html>"));
        assertSecurityHeaders(response);
    }

    @Test
    void redirectsTheBarePathToTheRoot() {
        HttpResponse response = get(ASSETS, "/console");
        assertEquals(308, response.status());
        assertEquals("/console/", response.headers().get("Location"));
        assertSecurityHeaders(response);
    }

    @Test
    void servesHashedAssetsWithTheirTypeAndForever() {
        HttpResponse script = get(ASSETS, "/console/app-ABCD2345.js");
        assertEquals(200, script.status());
        assertEquals("text/javascript; charset=utf-8", script.headers().get("Content-Type"));
        assertEquals("public, max-age=31536000, immutable", script.headers().get("Cache-Control"));
        assertEquals("console.log(1)", script.body());
        assertSecurityHeaders(script);
        assertEquals(
                "text/css; charset=utf-8",
                get(ASSETS, "/console/app-WXYZ6789.css").headers().get("Content-Type"));
        HttpResponse icon = get(ASSETS, "/console/favicon.svg");
        assertEquals("image/svg+xml", icon.headers().get("Content-Type"));
        assertEquals("no-cache", icon.headers().get("Cache-Control"));
    }

    @Test
    void answersTheConsolesOwnPagesWithIndex() {
        HttpResponse response = get(ASSETS, "/console/events");
        assertEquals(200, response.status());
        assertEquals("text/html; charset=utf-8", response.headers().get("Content-Type"));
        assertEquals(get(ASSETS, "/console/").body(), response.body());
        assertEquals(200, get(ASSETS, "/console/alerts/NO0123").status());
        assertEquals(
                200,
                get(ASSETS, "/console/alerts/../../v1/SigningSecret/Rotate#").status());
        assertEquals(404, get(ASSETS, "/console/app-OTHER123.js").status());
    }

    @Test
    void aMissingAssetIsTwiliosNotFoundWithTheSecurityHeaders() throws Exception {
        HttpResponse response = get(ASSETS, "/console/app-MISSING1.js");
        assertEquals(404, response.status());
        assertEquals("application/json", response.headers().get("Content-Type"));
        JsonNode body = Json.parse(response.body());
        assertEquals(20404, body.get("code").asInt());
        assertEquals(404, body.get("status").asInt());
        assertTrue(body.get("message").asText().contains("/console/app-MISSING1.js"));
        assertSecurityHeaders(response);
    }

    @Test
    void onlyReadsAreAllowed() throws Exception {
        HttpResponse response = ASSETS.serve(request("POST", "/console/"));
        assertEquals(405, response.status());
        assertEquals(20004, Json.parse(response.body()).get("code").asInt());
        assertSecurityHeaders(response);
        HttpResponse head = ASSETS.serve(request("HEAD", "/console/app-ABCD2345.js"));
        assertEquals(200, head.status());
        assertEquals("", head.body());
    }

    @Test
    void withoutABuiltConsoleItSaysSo() throws Exception {
        HttpResponse response = get(new ConsoleAssets(Map.of()), "/console/");
        assertEquals(404, response.status());
        assertTrue(Json.parse(response.body()).get("message").asText().contains("not built"));
    }

    @Test
    void theJarCarriesTheBuiltConsole() {
        ConsoleAssets built = ConsoleAssets.fromClassPath();
        HttpResponse index = get(built, "/console/");
        assertEquals(200, index.status(), index.body());
        for (String asset : List.of("/console/favicon.svg")) {
            assertEquals(200, get(built, asset).status(), asset);
        }
        // Every script and style index.html names is there; none comes from elsewhere.
        Matcher references = Pattern.compile("(?:src|href)=\"([^\"]+)\"").matcher(index.body());
        int count = 0;
        while (references.find()) {
            String reference = references.group(1);
            assertTrue(reference.startsWith("/console/"), reference);
            assertEquals(200, get(built, reference).status(), reference);
            count++;
        }
        assertEquals(3, count, index.body());
    }

    @Test
    void consolePathsAreOnlyThoseUnderConsole() {
        assertTrue(ConsoleAssets.isConsolePath("/console"));
        assertTrue(ConsoleAssets.isConsolePath("/console/x"));
        assertFalse(ConsoleAssets.isConsolePath("/consoles"));
        assertFalse(ConsoleAssets.isConsolePath("/v1/Events"));
    }
}
