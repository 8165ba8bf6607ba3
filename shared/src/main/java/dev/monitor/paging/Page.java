package dev.monitor.paging;

import java.util.List;
import java.util.Optional;

/**
 * One page from a store. The cursors are the store's own positions, plain text ({@link Cursor}): the
 * API seals them into opaque page tokens before a client sees them. {@code previousCursor} reads the
 * page before this one, backwards from its first item; whether there is such a page is the caller's
 * to know (it is not the first page).
 */
public record Page<T>(List<T> items, Optional<String> nextCursor, Optional<String> previousCursor) {
    public Page(List<T> items, Optional<String> nextCursor) {
        this(items, nextCursor, Optional.empty());
    }
}
