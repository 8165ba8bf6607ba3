package dev.monitor.alerts;

import dev.monitor.accounts.Account;
import dev.monitor.alerts.CounterStore.CounterKey;
import dev.monitor.alerts.CounterStore.CounterRun;
import dev.monitor.errors.DomainException;
import dev.monitor.paging.Cursor;
import dev.monitor.paging.Page;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The frequency of each error code per minute, hour or day, from the counters the alert counter keeps, a page at a
 * time. Counts come in the order of the counter items that hold them (their hour, or day for hourly and daily counts,
 * then error code and level), each item's intervals oldest first; so a page reads only the items it shows, and any
 * number of error codes pages within a request's read budget.
 */
public final class AlertCountService {
    /** Beyond every slot of an item: a position after an item's last count. */
    private static final int AFTER_LAST_SLOT = 60;

    private final CounterStore counters;
    private final Clock clock;

    public AlertCountService(CounterStore counters, Clock clock) {
        this.counters = counters;
        this.clock = clock;
    }

    /** What a request asks for: an account's counts of a range, optionally of one error code and one level. */
    public record CountsQuery(
            Optional<String> errorCode,
            Optional<LogLevel> logLevel,
            Optional<Instant> startDate,
            Optional<Instant> endDate,
            CountInterval interval) {}

    /** A count's place in the list: its counter item and its slot in it (0 for a daily count). */
    private record Position(CounterKey key, int slot) {
        String text() {
            return key.bucketStart().getEpochSecond() + "|" + key.errorCode() + "|"
                    + key.logLevel().wire() + "|" + slot;
        }

        static Position parse(String text) {
            String[] parts = text.split("\\|");
            return new Position(
                    new CounterKey(
                            Instant.ofEpochSecond(Long.parseLong(parts[0])),
                            parts[1],
                            LogLevel.fromWire(parts[2]).orElseThrow()),
                    Integer.parseInt(parts[3]));
        }
    }

    /** One count with its place in the list. */
    private record Placed(AlertCount count, Position position) {}

    /** Intervals with no alerts are left out. */
    public Page<AlertCount> counts(Account account, CountsQuery query, int pageSize, Optional<String> cursor) {
        CountInterval interval = query.interval();
        Instant end = query.endDate().orElseGet(clock::instant);
        Instant start = query.startDate().orElse(end.minus(interval.defaultRange));
        if (start.isAfter(end)) {
            throw new DomainException.Invalid("StartDate must not be after EndDate");
        }
        if (start.plus(interval.maxRange).isBefore(end)) {
            throw new DomainException.Invalid("With Interval=" + interval.wire()
                    + " the range from StartDate to EndDate may be at most " + interval.maxRange.toDays() + " days");
        }
        Range range = new Range(account.sid(), query, start, end);
        Optional<Cursor> from = Cursor.parse(cursor);
        Optional<Position> position = from.map(at -> Position.parse(at.position()));
        boolean backward = from.map(Cursor::backward).orElse(false);

        List<Placed> placed = new ArrayList<>();
        // A page that ended within an item goes on in it: the rest of its counts that way come first.
        position.flatMap(at -> counters.find(account.sid(), interval.source, at.key()))
                .ifPresent(item -> range.countsOf(item, backward).stream()
                        .filter(count -> backward
                                ? count.position().slot() < position.get().slot()
                                : count.position().slot() > position.get().slot())
                        .forEach(placed::add));
        Optional<Position> readOnFrom = Optional.empty();
        if (placed.size() <= pageSize) {
            CounterRun run = counters.page(
                    account.sid(),
                    interval.source,
                    interval.source.bucketStart(start),
                    interval.source.bucketStart(end),
                    query.errorCode(),
                    query.logLevel(),
                    position.map(Position::key),
                    backward,
                    pageSize + 1 - placed.size());
            for (CounterBucket item : run.buckets()) {
                placed.addAll(range.countsOf(item, backward));
            }
            readOnFrom = run.readOnFrom().map(key -> new Position(key, backward ? -1 : AFTER_LAST_SLOT));
        }
        boolean full = placed.size() > pageSize;
        List<Placed> kept = new ArrayList<>(placed.subList(0, Math.min(pageSize, placed.size())));
        // Where reading goes on in the direction read: after the last count kept when the page filled, else where the
        // store's reading stopped; nowhere when the counts end that way.
        Optional<Position> onward = full ? Optional.of(kept.get(kept.size() - 1).position()) : readOnFrom;
        if (backward) {
            Collections.reverse(kept);
        }
        List<String> cursorsAfter = kept.stream()
                .map(count -> Cursor.after(count.position().text()))
                .toList();
        Optional<String> next;
        Optional<String> previous;
        if (backward) {
            previous = onward.map(at -> Cursor.before(at.text()));
            // Read backwards, this page is followed by the one the cursor came from; an empty one by whatever follows
            // the counts it looked at.
            next = kept.isEmpty()
                    ? onward.map(at -> Cursor.after(at.text()))
                    : Optional.of(cursorsAfter.get(kept.size() - 1));
        } else {
            next = onward.map(at -> Cursor.after(at.text()));
            previous = kept.isEmpty()
                    ? Optional.empty()
                    : Optional.of(Cursor.before(kept.get(0).position().text()));
        }
        return new Page<>(kept.stream().map(Placed::count).toList(), next, previous, cursorsAfter);
    }

    /** Which counts of the items read fall in the range asked for. */
    private record Range(String accountSid, CountsQuery query, Instant start, Instant end) {
        /** The item's counts within the range, oldest first, or newest first when reading backwards. */
        List<Placed> countsOf(CounterBucket item, boolean backward) {
            CountInterval interval = query.interval();
            CounterGranularity granularity = interval.source;
            CounterKey key = new CounterKey(item.start(), item.errorCode(), item.logLevel());
            List<Placed> counts = new ArrayList<>();
            if (interval == CountInterval.DAY) {
                if (!item.start().isBefore(granularity.bucketStart(start))
                        && !item.start().isAfter(end)
                        && item.total() > 0) {
                    counts.add(new Placed(
                            new AlertCount(item.errorCode(), item.logLevel(), item.start(), item.total()),
                            new Position(key, 0)));
                }
            } else {
                item.slots().entrySet().stream()
                        .sorted(Map.Entry.comparingByKey())
                        .forEach(slot -> {
                            Instant at = granularity.slotStart(item.start(), slot.getKey());
                            if (!at.isBefore(start.truncatedTo(granularity.step))
                                    && !at.isAfter(end)
                                    && slot.getValue() > 0) {
                                counts.add(new Placed(
                                        new AlertCount(item.errorCode(), item.logLevel(), at, slot.getValue()),
                                        new Position(key, slot.getKey())));
                            }
                        });
            }
            if (backward) {
                Collections.reverse(counts);
            }
            return counts;
        }
    }
}
