package dev.monitor.api;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The browser console's static files, served at {@code /console/} from the api jar's {@code console/}
 * resources (built by {@code functions/api/console}). They are read once, when the function starts, and
 * held in memory; every answer, a 404 included, carries the console's security headers. The files hold
 * no secrets, so no request for them is authenticated: the console calls the API with the user's
 * credentials from the tab's sessionStorage.
 */
final class ConsoleAssets {
    static final String PREFIX = "/console";
    static final Map<String, String> SECURITY_HEADERS = Map.of(
            "Content-Security-Policy",
                    "default-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'",
            "X-Content-Type-Options", "nosniff",
            "Referrer-Policy", "no-referrer",
            "X-Frame-Options", "DENY");
    private static final Map<String, String> CONTENT_TYPES = Map.of(
            "html", "text/html; charset=utf-8",
            "js", "text/javascript; charset=utf-8",
            "css", "text/css; charset=utf-8",
            "svg", "image/svg+xml",
            "txt", "text/plain; charset=utf-8");
    private static final String INDEX = "index.html";

    private final Map<String, String> files;

    ConsoleAssets(Map<String, String> files) {
        this.files = Map.copyOf(files);
    }

    /** The files the console's build listed in {@code console/files.txt}; none when the jar was built without them. */
    static ConsoleAssets fromClassPath() {
        ClassLoader loader = ConsoleAssets.class.getClassLoader();
        Map<String, String> files = new LinkedHashMap<>();
        Optional<String> list = read(loader, "console/files.txt");
        list.ifPresent(names -> names.lines()
                .map(String::strip)
                .filter(name -> !name.isEmpty())
                .forEach(name -> files.put(
                        name,
                        read(loader, "console/" + name)
                                .orElseThrow(() -> new IllegalStateException(
                                        "console/files.txt names " + name + ", which the jar lacks")))));
        return new ConsoleAssets(files);
    }

    static boolean isConsolePath(String path) {
        return path.equals(PREFIX) || path.startsWith(PREFIX + "/");
    }

    HttpResponse serve(HttpRequest request) {
        try {
            return withSecurityHeaders(answer(request));
        } catch (HttpException e) {
            return withSecurityHeaders(ErrorResponses.of(e));
        }
    }

    private HttpResponse answer(HttpRequest request) {
        boolean head = request.method().equals("HEAD");
        if (!request.method().equals("GET") && !head) {
            throw new HttpException(
                    405,
                    ErrorCodes.METHOD_NOT_ALLOWED,
                    "Method " + request.method() + " is not allowed on " + request.path() + "; allowed: GET, HEAD");
        }
        if (request.path().equals(PREFIX)) {
            return new HttpResponse(308, Map.of("Location", PREFIX + "/", "Cache-Control", "no-cache"), "");
        }
        String name = request.path().substring(PREFIX.length() + 1);
        if (name.isEmpty()) {
            name = INDEX;
        }
        String file = files.get(name);
        if (file == null && name.equals(INDEX)) {
            throw new HttpException(
                    404, ErrorCodes.NOT_FOUND, "The console was not built into this jar: build it with mvn package");
        }
        if (file == null) {
            // The console's own pages (/console/events, /console/alerts/NO…) are index.html, which routes them. Its
            // files are all at the top, so a deeper path is a page whatever it holds: the console names what is wrong
            // with a link's Sid (/console/alerts/..%2F..) rather than leave a person with a 404.
            boolean page = !name.contains("//") && (name.contains("/") || !name.contains("."));
            if (!page || !files.containsKey(INDEX)) {
                throw new HttpException(
                        404, ErrorCodes.NOT_FOUND, "The requested resource " + request.path() + " was not found");
            }
            name = INDEX;
            file = files.get(INDEX);
        }
        String extension = name.substring(name.lastIndexOf('.') + 1).toLowerCase(Locale.ROOT);
        Map<String, String> headers = new HashMap<>();
        headers.put("Content-Type", CONTENT_TYPES.getOrDefault(extension, "application/octet-stream"));
        // The bundle's names carry a hash of their content; index.html and the favicon keep their names.
        boolean hashed = name.matches("[A-Za-z]+-[A-Z0-9]{8,}\\.(js|css)");
        headers.put("Cache-Control", hashed ? "public, max-age=31536000, immutable" : "no-cache");
        return new HttpResponse(200, headers, head ? "" : file);
    }

    private static HttpResponse withSecurityHeaders(HttpResponse response) {
        Map<String, String> headers = new HashMap<>(response.headers());
        headers.putAll(SECURITY_HEADERS);
        return new HttpResponse(response.status(), Map.copyOf(headers), response.body());
    }

    private static Optional<String> read(ClassLoader loader, String resource) {
        try (InputStream in = loader.getResourceAsStream(resource)) {
            return in == null ? Optional.empty() : Optional.of(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
