package dev.monitor.paging;

import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * One page from a store. The cursors are the store's own positions, plain text ({@link Cursor}): the
 * API seals them into opaque page tokens before a client sees them. {@code previousCursor} reads the
 * page before this one, backwards from its first item; whether there is such a page is the caller's
 * to know (it is not the first page). {@code cursorsAfter} holds, for each item, the cursor that reads
 * on right after it, so that a page can be cut short ({@link #firstItems}); it is empty for a page that
 * cannot be cut.
 */
public record Page<T>(
        List<T> items, Optional<String> nextCursor, Optional<String> previousCursor, List<String> cursorsAfter) {
    public Page {
        if (!cursorsAfter.isEmpty() && cursorsAfter.size() != items.size()) {
            throw new IllegalArgumentException("A page names the cursor after each of its items, or none");
        }
    }

    public Page(List<T> items, Optional<String> nextCursor, Optional<String> previousCursor) {
        this(items, nextCursor, previousCursor, List.of());
    }

    public Page(List<T> items, Optional<String> nextCursor) {
        this(items, nextCursor, Optional.empty());
    }

    /** The same page with its items as {@code decode} makes them. */
    public <R> Page<R> map(Function<T, R> decode) {
        return new Page<>(items.stream().map(decode).toList(), nextCursor, previousCursor, cursorsAfter);
    }

    /** The page's first {@code count} items (at least one), its next page reading on after the last of them. */
    public Page<T> firstItems(int count) {
        if (count >= items.size()) {
            return this;
        }
        if (count < 1 || cursorsAfter.isEmpty()) {
            throw new IllegalArgumentException("This page cannot be cut after " + count + " items");
        }
        return new Page<>(
                items.subList(0, count),
                Optional.of(cursorsAfter.get(count - 1)),
                previousCursor,
                cursorsAfter.subList(0, count));
    }
}
