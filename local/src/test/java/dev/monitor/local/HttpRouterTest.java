package dev.monitor.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Routes are told apart by their route keys, so no function is needed. */
class HttpRouterTest {
    @Test
    void theMostSpecificRouteWins() {
        HttpRouter router = new HttpRouter();
        router.add(null, null, null, Optional.empty());
        router.add(null, "ANY", "/{proxy+}", Optional.empty());
        router.add(null, "get", "/items/{id}", Optional.empty());
        router.add(null, "GET", "/items/special", Optional.empty());
        router.add(null, "POST", "/items/{id}/photos/{photo}", Optional.empty());

        assertEquals(
                "GET /items/special",
                router.match("GET", "/items/special").orElseThrow().routeKey());
        HttpRouter.Match item = router.match("GET", "/items/a%2Fb").orElseThrow();
        assertEquals("GET /items/{id}", item.routeKey());
        assertEquals(Map.of("id", "a/b"), item.pathParameters());
        assertEquals(
                Map.of("id", "7", "photo", "x"),
                router.match("POST", "/items/7/photos/x").orElseThrow().pathParameters());
        HttpRouter.Match greedy = router.match("DELETE", "/items/7").orElseThrow();
        assertEquals("ANY /{proxy+}", greedy.routeKey());
        assertEquals(Map.of("proxy", "items/7"), greedy.pathParameters());
        assertEquals("$default", router.match("GET", "/").orElseThrow().routeKey());
    }

    @Test
    void noRouteNoMatch() {
        HttpRouter router = new HttpRouter();
        router.add(null, "GET", "/items/{id}", Optional.empty());
        assertTrue(router.match("GET", "/other").isEmpty());
        assertTrue(router.match("POST", "/items/1").isEmpty());
    }
}
