package dev.monitor.local;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The HTTP API's routes: like API Gateway, picks the most specific route that matches a request (a literal path over
 * a {@code {param}}, over a greedy {@code {proxy+}}, over the catch-all {@code $default}).
 */
final class HttpRouter {
    /** {@code throttle}: the route's own, when its API throttles. */
    record Match(
            LambdaFunction function,
            String routeKey,
            Map<String, String> pathParameters,
            Optional<RouteThrottle> throttle) {}

    private record Route(
            LambdaFunction function,
            String method,
            String path,
            Pattern pattern,
            List<String> parameters,
            Optional<RouteThrottle> throttle) {
        boolean catchAll() {
            return path == null;
        }

        boolean greedy() {
            return path != null && path.contains("+}");
        }

        String routeKey() {
            return catchAll() ? "$default" : (method == null ? "ANY" : method) + " " + path;
        }
    }

    private static final Pattern PARAMETER = Pattern.compile("\\{([^}+]+)(\\+?)}");
    private static final Comparator<Route> MOST_SPECIFIC_FIRST = Comparator.comparing(Route::catchAll)
            .thenComparing(Route::greedy)
            .thenComparingInt(route -> route.parameters().size())
            .thenComparingInt(route -> route.catchAll() ? 0 : -route.path().length())
            .thenComparing(route -> route.method() == null);

    /** Added to while the gateway already listens. */
    private final List<Route> routes = new CopyOnWriteArrayList<>();

    /** A null path is the catch-all route; a null or ANY method, every method. */
    void add(LambdaFunction function, String method, String path, Optional<RouteThrottle> throttle) {
        String normalisedMethod =
                method == null || method.equalsIgnoreCase("ANY") ? null : method.toUpperCase(Locale.ROOT);
        List<String> parameters = new ArrayList<>();
        Pattern pattern = null;
        if (path != null) {
            StringBuilder regex = new StringBuilder();
            Matcher parameter = PARAMETER.matcher(path);
            int literalFrom = 0;
            while (parameter.find()) {
                regex.append(Pattern.quote(path.substring(literalFrom, parameter.start())));
                regex.append(parameter.group(2).isEmpty() ? "([^/]+)" : "(.+)");
                parameters.add(parameter.group(1));
                literalFrom = parameter.end();
            }
            regex.append(Pattern.quote(path.substring(literalFrom)));
            pattern = Pattern.compile(regex.toString());
        }
        routes.add(new Route(function, normalisedMethod, path, pattern, parameters, throttle));
        routes.sort(MOST_SPECIFIC_FIRST);
    }

    Optional<Match> match(String method, String rawPath) {
        for (Route route : routes) {
            if (route.method() != null && !route.method().equalsIgnoreCase(method)) {
                continue;
            }
            if (route.catchAll()) {
                return Optional.of(new Match(route.function(), route.routeKey(), Map.of(), route.throttle()));
            }
            Matcher matcher = route.pattern().matcher(rawPath);
            if (matcher.matches()) {
                Map<String, String> values = new LinkedHashMap<>();
                for (int i = 0; i < route.parameters().size(); i++) {
                    values.put(
                            route.parameters().get(i),
                            HttpApiEvents.decode(matcher.group(i + 1).replace("+", "%2B")));
                }
                return Optional.of(new Match(route.function(), route.routeKey(), values, route.throttle()));
            }
        }
        return Optional.empty();
    }
}
