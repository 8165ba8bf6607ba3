package dev.monitor.api;

import dev.monitor.errors.DomainException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Matches a method and path to a route; {@code {Name}} in a path template matches one path segment. */
final class Router {
    interface Route {
        HttpResponse handle(HttpRequest request, Map<String, String> pathParameters);
    }

    /** Every route may be asked on behalf of a subaccount. */
    private static final Set<String> ANY_ROUTE = Set.of("AccountSid");

    private static final Set<String> PAGING = Set.of("PageSize", "Page", "PageToken");

    private record MethodRoute(Route route, Set<String> queryParameters) {}

    private record PathRoutes(
            String template, Pattern pattern, List<String> names, Map<String, MethodRoute> byMethod) {}

    private final List<PathRoutes> paths = new ArrayList<>();

    /** A route that reads no query parameter of its own. */
    Router add(String method, String template, Route route) {
        return add(method, template, ANY_ROUTE, route);
    }

    /** A list: {@code GET} with paging and the filters named. */
    Router list(String template, Set<String> filters, Route route) {
        Set<String> known = new TreeSet<>(filters);
        known.addAll(PAGING);
        known.addAll(ANY_ROUTE);
        return add("GET", template, known, route);
    }

    private Router add(String method, String template, Set<String> queryParameters, Route route) {
        PathRoutes routes = paths.stream()
                .filter(existing -> existing.pattern.pattern().equals(regex(template)))
                .findFirst()
                .orElseGet(() -> {
                    PathRoutes created = new PathRoutes(
                            template, Pattern.compile(regex(template)), names(template), new LinkedHashMap<>());
                    paths.add(created);
                    return created;
                });
        routes.byMethod.put(method, new MethodRoute(route, queryParameters));
        return this;
    }

    /** Every route, {@code METHOD template}, in the order they were added: for the test that walks them all. */
    List<String> routes() {
        List<String> routes = new ArrayList<>();
        for (PathRoutes path : paths) {
            path.byMethod.keySet().forEach(method -> routes.add(method + " " + path.template));
        }
        return routes;
    }

    /** The template of the route the request's path matches ({@code /v1/Events/{Sid}}), whatever its method. */
    Optional<String> templateOf(HttpRequest request) {
        return paths.stream()
                .filter(routes -> routes.pattern.matcher(request.path()).matches())
                .findFirst()
                .map(PathRoutes::template);
    }

    HttpResponse route(HttpRequest request) {
        for (PathRoutes routes : paths) {
            Matcher matcher = routes.pattern.matcher(request.path());
            if (!matcher.matches()) {
                continue;
            }
            MethodRoute route = routes.byMethod.get(request.method());
            if (route == null) {
                throw new HttpException(
                        405,
                        ErrorCodes.METHOD_NOT_ALLOWED,
                        "Method " + request.method() + " is not allowed on " + request.path() + "; allowed: "
                                + String.join(", ", new TreeSet<>(routes.byMethod.keySet())));
            }
            Map<String, String> parameters = new LinkedHashMap<>();
            for (int i = 0; i < routes.names.size(); i++) {
                parameters.put(routes.names.get(i), matcher.group(i + 1));
            }
            // A misspelt filter must not pass silently as no filter.
            UnknownNames.refuse("query parameter", request.query().keySet(), route.queryParameters());
            return route.route().handle(request, parameters);
        }
        throw new DomainException.NotFound("The requested resource " + request.path() + " was not found");
    }

    private static String regex(String template) {
        return template.replace(".", "\\.").replaceAll("\\{[A-Za-z]+}", "([^/]+)");
    }

    private static List<String> names(String template) {
        List<String> names = new ArrayList<>();
        Matcher matcher = Pattern.compile("\\{([A-Za-z]+)}").matcher(template);
        while (matcher.find()) {
            names.add(matcher.group(1));
        }
        return names;
    }
}
