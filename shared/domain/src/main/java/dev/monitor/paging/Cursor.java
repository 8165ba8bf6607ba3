package dev.monitor.paging;

import java.util.Optional;

/**
 * A store's position in a list and the way to read from it: on after the position (the next page),
 * or back before it (the previous page, read in reverse and returned in the list's order). The
 * position itself is the store's (a sort key, a Sid, a shard's sort keys).
 */
public record Cursor(boolean backward, String position) {
    private static final char AFTER = 'A';
    private static final char BEFORE = 'B';

    public static String after(String position) {
        return AFTER + position;
    }

    public static String before(String position) {
        return BEFORE + position;
    }

    /** A cursor this class wrote; anything else is a store's bug, so it throws. */
    public static Optional<Cursor> parse(Optional<String> cursor) {
        return cursor.map(text -> {
            if (text.isEmpty() || (text.charAt(0) != AFTER && text.charAt(0) != BEFORE)) {
                throw new IllegalArgumentException("Not a cursor: " + text);
            }
            return new Cursor(text.charAt(0) == BEFORE, text.substring(1));
        });
    }
}
