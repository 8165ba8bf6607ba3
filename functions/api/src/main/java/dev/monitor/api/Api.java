package dev.monitor.api;

import dev.monitor.errors.DomainException;
import dev.monitor.json.Json;
import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;

/** The whole HTTP API: routes a request and turns every failure into Twilio's error body. */
public final class Api {
    public static final int MAX_BODY_BYTES = 1024 * 1024;

    private final Router router;
    private final ConsoleAssets console;
    private final Consumer<String> log;
    private final Runnable afterEachRequest;
    private final Runnable primeReads;

    /**
     * {@code afterEachRequest} runs once the response is ready; its failure is logged, never the client's.
     * {@code primeReads} runs the read paths that no request can reach without stored data (see {@link #prime}).
     */
    Api(Router router, ConsoleAssets console, Consumer<String> log, Runnable afterEachRequest, Runnable primeReads) {
        this.router = router;
        this.console = console;
        this.log = log;
        this.afterEachRequest = afterEachRequest;
        this.primeReads = primeReads;
    }

    /**
     * Before a SnapStart snapshot: the list path of {@code GET /v1/Events} down to its DynamoDB queries, for an account
     * that cannot exist, and the page token's sealing with a throwaway key. Reads only.
     */
    public void prime() {
        primeReads.run();
    }

    public HttpResponse handle(HttpRequest request) {
        HttpResponse response = respond(request);
        try {
            afterEachRequest.run();
        } catch (RuntimeException e) {
            log.accept("After " + request.method() + " " + request.path() + ": " + stackTrace(e));
        }
        return response;
    }

    private HttpResponse respond(HttpRequest request) {
        try {
            if (request.body() != null
                    && request.body().length() > MAX_BODY_BYTES / 4
                    && request.body().getBytes(StandardCharsets.UTF_8).length > MAX_BODY_BYTES) {
                throw new HttpException(413, ErrorCodes.PAYLOAD_TOO_LARGE, "The request body is larger than 1 MB");
            }
            if (ConsoleAssets.isConsolePath(request.path())) {
                return console.serve(request);
            }
            if (request.method().equals("GET") && request.path().equals("/health")) {
                return HttpResponse.json(200, Json.object().put("status", "ok"));
            }
            return router.route(request);
        } catch (DomainException e) {
            return ErrorResponses.of(e);
        } catch (HttpException e) {
            return ErrorResponses.of(e);
        } catch (RuntimeException e) {
            // The client learns only that it failed; the log keeps the cause for the operator.
            log.accept("Unhandled failure on " + request.method() + " " + request.path() + ": " + stackTrace(e));
            return ErrorResponses.internalError();
        }
    }

    private static String stackTrace(Throwable error) {
        java.io.StringWriter text = new java.io.StringWriter();
        error.printStackTrace(new java.io.PrintWriter(text));
        return text.toString();
    }
}
