package dev.monitor.api;

import dev.monitor.aws.ItemsRead;
import dev.monitor.aws.SdkTimeouts;
import dev.monitor.cloudwatch.FunctionLog;
import dev.monitor.errors.DomainException;
import dev.monitor.jackson.Json;
import dev.monitor.logging.Log;
import dev.monitor.metrics.Metric;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The whole HTTP API: routes a request and turns every failure into Twilio's error body. Each request is one log line
 * (method, route template, status, latency, and the caller's account once known) and its metrics.
 */
public final class Api {
    public static final int MAX_BODY_BYTES = 1024 * 1024;

    /** A well-formed account Sid that no account has (all zeros): the caller SnapStart's priming reads as. */
    static final String PRIMING_ACCOUNT_SID = "AC" + "0".repeat(32);

    private final Router router;
    private final ConsoleAssets console;
    private final FunctionLog log;
    private final Access access;
    private final Runnable afterEachRequest;
    private final Runnable primeReads;

    /**
     * {@code afterEachRequest} runs once the response is ready; its failure is logged, never the client's.
     * {@code primeReads} runs the read paths that no request can reach without stored data (see {@link #prime}).
     */
    Api(
            Router router,
            ConsoleAssets console,
            FunctionLog log,
            Access access,
            Runnable afterEachRequest,
            Runnable primeReads) {
        this.router = router;
        this.console = console;
        this.log = log;
        this.access = access;
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

    /** Every route this API answers, {@code METHOD template}. */
    List<String> routes() {
        return router.routes();
    }

    public HttpResponse handle(HttpRequest request) {
        long started = System.nanoTime();
        ItemsRead.take();
        log.put("method", request.method());
        log.put("route", route(request));
        HttpResponse response;
        try {
            response = respond(request).withStandardHeaders();
        } finally {
            finish();
        }
        long latencyMs = (System.nanoTime() - started) / 1_000_000;
        long itemsRead = ItemsRead.take();
        String statusClass = response.status() / 100 + "xx";
        log.statusClass(statusClass);
        log.add(Metric.API_REQUESTS, 1);
        log.add(Metric.LATENCY, (double) latencyMs);
        log.add(Metric.ITEMS_READ, (double) itemsRead);
        log.write(
                response.status() >= 500 ? Log.Level.ERROR : Log.Level.INFO,
                "Request answered",
                Map.of("status", response.status(), "latencyMs", latencyMs, "itemsRead", itemsRead),
                null);
        try {
            afterEachRequest.run();
        } catch (RuntimeException e) {
            log.error("Work after the request failed", e);
        }
        return response;
    }

    /** Ends the request's admission; a failure to release it is logged, and its lease ends it in any case. */
    private void finish() {
        try {
            access.finish();
        } catch (RuntimeException e) {
            log.warn("Releasing the request's admission failed", e);
        }
    }

    /** The route's template, never the raw path: paths carry Sids, and a log groups by route. */
    private String route(HttpRequest request) {
        if (ConsoleAssets.isConsolePath(request.path())) {
            return "/console/*";
        }
        if (request.path().equals("/health")) {
            return "/health";
        }
        return router.templateOf(request).orElse("unmatched");
    }

    private HttpResponse respond(HttpRequest request) {
        try {
            if (request.body() != null
                    && request.body().length() > MAX_BODY_BYTES / 4
                    && request.body().getBytes(StandardCharsets.UTF_8).length > MAX_BODY_BYTES) {
                throw new HttpException(413, ErrorCodes.PAYLOAD_TOO_LARGE, "The request body is larger than 1 MB");
            }
            HttpRequest.checkPathEncoding(request.path());
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
            Optional<DomainException.Unavailable> unavailable = SdkTimeouts.unavailable(e);
            if (unavailable.isPresent()) {
                // Throttling or a failing dependency: the operator sees which, the client when to come back.
                log.write(
                        Log.Level.WARN,
                        "Unavailable: " + e.getClass().getSimpleName(),
                        Map.of("errorMessage", String.valueOf(e.getMessage())),
                        null);
                return ErrorResponses.of(unavailable.get());
            }
            // The client learns only that it failed; the log keeps the cause for the operator.
            log.error("Unhandled failure", e);
            return ErrorResponses.internalError();
        }
    }
}
