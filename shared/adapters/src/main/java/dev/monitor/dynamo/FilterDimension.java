package dev.monitor.dynamo;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * A filter of a timeline that an index serves: where an item of type {@code T} holds its value, and
 * where a request's filter of type {@code F} sets it.
 */
public record FilterDimension<T, F>(
        FilterIndex index, Function<T, String> valueInItem, Function<F, Optional<String>> valueInFilter) {

    /** The values an item is written under, one index each. */
    public static <T, F> List<IndexedValue> valuesIn(List<FilterDimension<T, F>> dimensions, T item) {
        List<IndexedValue> values = new ArrayList<>();
        for (FilterDimension<T, F> dimension : dimensions) {
            Optional.ofNullable(dimension.valueInItem.apply(item))
                    .map(dimension.index::of)
                    .ifPresent(values::add);
        }
        return values;
    }

    /** The values a request filters by, in the order of the dimensions. */
    public static <T, F> List<IndexedValue> valuesSetBy(List<FilterDimension<T, F>> dimensions, F filter) {
        List<IndexedValue> values = new ArrayList<>();
        for (FilterDimension<T, F> dimension : dimensions) {
            dimension.valueInFilter.apply(filter).map(dimension.index::of).ifPresent(values::add);
        }
        return values;
    }
}
