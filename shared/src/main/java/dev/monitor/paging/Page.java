package dev.monitor.paging;

import java.util.List;
import java.util.Optional;

/**
 * One page from a store. The cursor is the store's own position, plain text: the API seals it into
 * an opaque page token before a client sees it.
 */
public record Page<T>(List<T> items, Optional<String> nextCursor) {}
