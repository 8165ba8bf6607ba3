package dev.monitor.audit;

import dev.monitor.errors.DomainException;
import java.time.Instant;
import java.util.function.Supplier;

/**
 * A store's answer when an item changed between the read a change built on and its write: a change reads the item
 * (its event names the previous values), then writes on condition that the item's date updated is still the one it
 * read. The change is then read and made again, so that of two at once both stand and each event says what it
 * replaced.
 */
public final class ChangedMeanwhile extends RuntimeException {
    /** More attempts than this mean a storm of changes to one item: the caller is told to try again. */
    private static final int MAX_ATTEMPTS = 6;

    public ChangedMeanwhile() {
        super(null, null, false, false);
    }

    /** Makes {@code change}, reading again each time the item changed meanwhile. */
    public static <T> T retry(Supplier<T> change) {
        for (int attempt = 1; ; attempt++) {
            try {
                return change.get();
            } catch (ChangedMeanwhile e) {
                if (attempt == MAX_ATTEMPTS) {
                    throw new DomainException.Conflict(
                            "The resource changed " + MAX_ATTEMPTS + " times while this change was made; try again");
                }
            }
        }
    }

    /**
     * The date updated of a change: later than the one it replaces even within the same millisecond, so that a date
     * updated names one state of its item, which the next change's condition can rely on.
     */
    public static Instant dateUpdated(Instant previous, Instant now) {
        return now.isAfter(previous) ? now : previous.plusMillis(1);
    }
}
