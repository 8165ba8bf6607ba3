package dev.monitor.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * Walks a list as a client does: forward by the next page's URL to the end, then back by the previous
 * page's URL to the first, checking that every page read back is the page read forward.
 */
public final class PageWalk {
    private PageWalk() {}

    /** The Monitor APIs' lists, with absolute URLs in {@code meta}. */
    public static List<List<String>> monitor(
            ApiClient client, String path, String key, Function<JsonNode, String> identity) {
        return walk(client, path, key, identity, true);
    }

    /** The 2010-04-01 API's lists, with relative URIs beside the list. */
    public static List<List<String>> flat(
            ApiClient client, String path, String key, Function<JsonNode, String> identity) {
        return walk(client, path, key, identity, false);
    }

    private static List<List<String>> walk(
            ApiClient client, String path, String key, Function<JsonNode, String> identity, boolean monitor) {
        List<List<String>> forward = new ArrayList<>();
        JsonNode body = read(client.get(path));
        assertNull(text(link(body, monitor, "previous")), "the first page has no previous page");
        while (true) {
            forward.add(items(body, key, identity));
            String next = text(link(body, monitor, "next"));
            if (next == null) {
                break;
            }
            body = read(follow(client, next, monitor));
            assertTrue(forward.size() < 100, "paging ends");
        }
        for (int page = forward.size() - 1; page > 0; page--) {
            String previous = text(link(body, monitor, "previous"));
            assertTrue(previous != null, "page " + page + " links to the page before it: " + body);
            body = read(follow(client, previous, monitor));
            assertEquals(forward.get(page - 1), items(body, key, identity), "page " + (page - 1) + " read back");
            assertEquals(
                    page - 1, (monitor ? body.get("meta") : body).get("page").asInt());
        }
        assertNull(text(link(body, monitor, "previous")), "back at the first page");
        return forward;
    }

    private static JsonNode read(ApiClient.Response response) {
        assertEquals(200, response.status(), response.text());
        return response.json();
    }

    private static ApiClient.Response follow(ApiClient client, String link, boolean monitor) {
        return monitor ? client.getUrl(link) : client.get(link);
    }

    private static JsonNode link(JsonNode body, boolean monitor, String which) {
        return monitor ? body.get("meta").get(which + "_page_url") : body.get(which + "_page_uri");
    }

    private static String text(JsonNode value) {
        return value == null || value.isNull() ? null : value.asText();
    }

    private static List<String> items(JsonNode body, String key, Function<JsonNode, String> identity) {
        List<String> items = new ArrayList<>();
        body.get(key).forEach(item -> items.add(identity.apply(item)));
        return items;
    }
}
