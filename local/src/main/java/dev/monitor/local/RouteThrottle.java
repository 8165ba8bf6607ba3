package dev.monitor.local;

import static dev.monitor.local.TemplateMaps.at;

import java.util.Map;
import java.util.Optional;

/**
 * API Gateway's throttling of one route of an HTTP API: a token bucket that holds up to the burst limit, full at
 * first, and refills at the rate limit per second. Each request takes a token; one that finds none is refused with
 * 429 before the route's function is invoked.
 */
final class RouteThrottle {
    /** API Gateway's account-level limits per Region, for whichever of the two a route's API leaves unset. */
    private static final int ACCOUNT_BURST_LIMIT = 5000;

    private static final double ACCOUNT_RATE_LIMIT = 10_000;

    private final int burstLimit;
    private final double tokensPerNano;
    private double tokens;
    private long refilledAt;

    RouteThrottle(int burstLimit, double rateLimit, long nanoTime) {
        this.burstLimit = burstLimit;
        this.tokensPerNano = rateLimit / 1e9;
        this.tokens = burstLimit;
        this.refilledAt = nanoTime;
    }

    /**
     * A throttle for one route of the template's HTTP API {@code apiId}, from the API's {@code DefaultRouteSettings}
     * ({@code ThrottlingBurstLimit}, {@code ThrottlingRateLimit}), which each of its routes gets a bucket of; empty
     * when the API sets neither, or is SAM's implicit API ({@code apiId} null).
     */
    static Optional<RouteThrottle> forRouteOf(String apiId, Template template, Intrinsics intrinsics) {
        Template.Resource api = apiId == null ? null : template.resources().get(apiId);
        if (api == null) {
            return Optional.empty();
        }
        Map<String, Object> properties = api.properties();
        Optional<String> burst = intrinsics.text(at(properties, "DefaultRouteSettings", "ThrottlingBurstLimit"));
        Optional<String> rate = intrinsics.text(at(properties, "DefaultRouteSettings", "ThrottlingRateLimit"));
        if (burst.isEmpty() && rate.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new RouteThrottle(
                burst.map(Integer::parseInt).orElse(ACCOUNT_BURST_LIMIT),
                rate.map(Double::parseDouble).orElse(ACCOUNT_RATE_LIMIT),
                System.nanoTime()));
    }

    /** Takes a token at {@code nanoTime} ({@link System#nanoTime()}); false when the bucket is empty. */
    synchronized boolean tryTake(long nanoTime) {
        tokens = Math.min(burstLimit, tokens + (nanoTime - refilledAt) * tokensPerNano);
        refilledAt = nanoTime;
        if (tokens < 1) {
            return false;
        }
        tokens -= 1;
        return true;
    }
}
