package dev.monitor.testing;

import dev.monitor.paging.Cursor;
import dev.monitor.paging.Page;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * Pages of a list held in memory, with the cursors the DynamoDB stores give ({@code QueryPages}, {@code
 * ShardedTimeline}): a next cursor only when items follow, a previous cursor before the page's first item, a cursor
 * after each item, and a page read backwards before a position returned in the list's order. The position of an item
 * is what the store's cursor names (a Sid, a sort key); positions order the list by {@code order}.
 */
final class InMemoryPages {
    private InMemoryPages() {}

    static <T> Page<T> of(
            List<T> items,
            Function<T, String> positionOf,
            Comparator<String> order,
            int pageSize,
            Optional<String> cursor) {
        List<T> sorted =
                items.stream().sorted(Comparator.comparing(positionOf, order)).toList();
        Optional<Cursor> from = Cursor.parse(cursor);
        List<T> kept;
        boolean more;
        if (from.isPresent() && from.get().backward()) {
            List<T> before = sorted.stream()
                    .filter(item ->
                            order.compare(positionOf.apply(item), from.get().position()) < 0)
                    .toList();
            kept = before.subList(Math.max(0, before.size() - pageSize), before.size());
            more = !kept.isEmpty();
        } else {
            List<T> after = sorted.stream()
                    .filter(item -> from.map(position -> order.compare(positionOf.apply(item), position.position()) > 0)
                            .orElse(true))
                    .toList();
            kept = after.subList(0, Math.min(pageSize, after.size()));
            more = after.size() > pageSize;
        }
        if (kept.isEmpty()) {
            return new Page<>(List.of(), Optional.empty(), Optional.empty());
        }
        List<String> cursorsAfter =
                kept.stream().map(item -> Cursor.after(positionOf.apply(item))).toList();
        return new Page<>(
                List.copyOf(kept),
                more ? Optional.of(cursorsAfter.get(kept.size() - 1)) : Optional.empty(),
                Optional.of(Cursor.before(positionOf.apply(kept.get(0)))),
                cursorsAfter);
    }
}
