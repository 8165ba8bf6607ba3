package dev.monitor.api;

import dev.monitor.errors.DomainException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Matches a method and path to a route; {@code {Name}} in a path template matches one path segment. */
final class Router {
    interface Route {
        HttpResponse handle(HttpRequest request, Map<String, String> pathParameters);
    }

    private record PathRoutes(Pattern pattern, List<String> names, Map<String, Route> byMethod) {}

    private final List<PathRoutes> paths = new ArrayList<>();

    Router add(String method, String template, Route route) {
        PathRoutes routes = paths.stream()
                .filter(existing -> existing.pattern.pattern().equals(regex(template)))
                .findFirst()
                .orElseGet(() -> {
                    PathRoutes created =
                            new PathRoutes(Pattern.compile(regex(template)), names(template), new LinkedHashMap<>());
                    paths.add(created);
                    return created;
                });
        routes.byMethod.put(method, route);
        return this;
    }

    HttpResponse route(HttpRequest request) {
        for (PathRoutes routes : paths) {
            Matcher matcher = routes.pattern.matcher(request.path());
            if (!matcher.matches()) {
                continue;
            }
            Route route = routes.byMethod.get(request.method());
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
            return route.handle(request, parameters);
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
