package dev.monitor.contract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.monitor.paging.Page;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/** A list read page by page, as a client reads it, both ways. */
final class Pages {
    private Pages() {}

    /**
     * Every page from the first, each by the cursor of the one before, as the keys of its items; on the way, checks
     * that no page is over its size, that each page's previous cursor reads the page before it, and that the last page
     * offers no next one.
     */
    static <T, K> List<List<K>> walk(Function<Optional<String>, Page<T>> read, Function<T, K> key, int pageSize) {
        List<Page<T>> pages = new ArrayList<>();
        Optional<String> cursor = Optional.empty();
        do {
            Page<T> page = read.apply(cursor);
            assertTrue(page.items().size() <= pageSize, page.items().size() + " items on a page of " + pageSize);
            pages.add(page);
            cursor = page.nextCursor();
            assertTrue(pages.size() < 1000, "a next cursor on every page");
        } while (cursor.isPresent());
        List<List<K>> keys = pages.stream()
                .map(page -> page.items().stream().map(key).toList())
                .toList();
        for (int i = 1; i < pages.size(); i++) {
            Page<T> before = read.apply(pages.get(i).previousCursor());
            assertEquals(keys.get(i - 1), before.items().stream().map(key).toList(), "the page before page " + i);
        }
        return keys;
    }

    /** The items of every page, in order. */
    static <K> List<K> all(List<List<K>> pages) {
        return pages.stream().flatMap(List::stream).toList();
    }
}
