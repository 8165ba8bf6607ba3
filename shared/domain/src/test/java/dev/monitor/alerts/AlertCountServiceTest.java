package dev.monitor.alerts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.monitor.accounts.Account;
import dev.monitor.accounts.AccountService;
import dev.monitor.errors.DomainException;
import dev.monitor.paging.Page;
import dev.monitor.testing.InMemoryStores;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Alert counts a page at a time, on an in-memory counter store: every count once, in order, both ways. */
class AlertCountServiceTest {
    private static final Instant NOW = Instant.parse("2026-11-25T12:00:00Z");

    private final Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
    private final AccountService accounts = InMemoryStores.accounts(clock);
    private final InMemoryStores.Counters counters = new InMemoryStores.Counters();
    private final AlertCountService service = new AlertCountService(counters, clock);
    private final Account account =
            accounts.createMainAccount(InMemoryStores.OPERATOR, "Acme").account();
    private int sequence;

    /** {@code count} alerts of the code, one a minute from {@code first}, counted by hour and day. */
    private void alerts(String errorCode, LogLevel level, Instant first, int count) {
        for (int i = 0; i < count; i++) {
            Instant at = first.plus(i, ChronoUnit.MINUTES);
            StreamedAlert alert = new StreamedAlert(
                    "NO#" + account.sid() + "#0", Integer.toString(++sequence), account.sid(), errorCode, level, at);
            for (CounterGranularity granularity : CounterGranularity.values()) {
                counters.add(new CounterStore.Increment(
                        account.sid(), errorCode, level, granularity, granularity.bucketStart(at), List.of(alert)));
            }
        }
    }

    private AlertCountService.CountsQuery minutes(Instant start, Instant end) {
        return new AlertCountService.CountsQuery(
                Optional.empty(), Optional.empty(), Optional.of(start), Optional.of(end), CountInterval.MINUTE);
    }

    private static String name(AlertCount count) {
        return count.errorCode() + "/" + count.logLevel().wire() + "@" + count.intervalStart() + "=" + count.count();
    }

    @Test
    void countsPageForwardInTheOrderOfTheirCountersAndBackAgainPageForPage() {
        Instant start = Instant.parse("2026-11-25T09:50:00Z");
        alerts("11200", LogLevel.ERROR, start, 25); // across two hours
        alerts("11205", LogLevel.WARNING, start.plus(5, ChronoUnit.MINUTES), 3);
        alerts("12300", LogLevel.ERROR, start.plus(12, ChronoUnit.MINUTES), 4);
        AlertCountService.CountsQuery query = minutes(start.minus(1, ChronoUnit.HOURS), NOW);

        List<Page<AlertCount>> forward = new ArrayList<>();
        Page<AlertCount> page = service.counts(account, query, 7, Optional.empty());
        forward.add(page);
        while (page.nextCursor().isPresent()) {
            page = service.counts(account, query, 7, page.nextCursor());
            forward.add(page);
            assertTrue(forward.size() < 20, "paging ends");
        }
        List<String> all = forward.stream()
                .flatMap(each -> each.items().stream())
                .map(AlertCountServiceTest::name)
                .toList();
        assertEquals(32, all.size(), all.toString());
        // By hour first, then code and level, then minute: the 10:00 hour's counts follow all of 09:00's.
        assertEquals("11200/error@2026-11-25T09:50:00Z=1", all.get(0));
        assertEquals("11205/warning@2026-11-25T09:55:00Z=1", all.get(10));
        assertEquals("11200/error@2026-11-25T10:00:00Z=1", all.get(13));
        assertEquals("12300/error@2026-11-25T10:02:00Z=1", all.get(28));
        assertEquals("12300/error@2026-11-25T10:05:00Z=1", all.get(31));
        forward.subList(0, forward.size() - 1)
                .forEach(each -> assertEquals(7, each.items().size()));

        // Back from the last page, each page read again as it was read forward.
        for (int i = forward.size() - 1; i > 0; i--) {
            Page<AlertCount> before =
                    service.counts(account, query, 7, forward.get(i).previousCursor());
            assertEquals(
                    forward.get(i - 1).items().stream()
                            .map(AlertCountServiceTest::name)
                            .toList(),
                    before.items().stream().map(AlertCountServiceTest::name).toList(),
                    "page " + (i - 1) + " read back");
        }
    }

    @Test
    void aPageCutWithinACounterGoesOnWithItsNextMinute() {
        Instant start = Instant.parse("2026-11-25T11:00:00Z");
        alerts("11200", LogLevel.ERROR, start, 5);
        AlertCountService.CountsQuery query = minutes(start, NOW);
        List<String> seen = new ArrayList<>();
        Optional<String> cursor = Optional.empty();
        do {
            Page<AlertCount> page = service.counts(account, query, 2, cursor);
            page.items().forEach(count -> seen.add(name(count)));
            cursor = page.nextCursor();
        } while (cursor.isPresent());
        List<String> expected = new ArrayList<>();
        for (int minute = 0; minute < 5; minute++) {
            expected.add("11200/error@" + start.plus(minute, ChronoUnit.MINUTES) + "=1");
        }
        assertEquals(expected, seen);
    }

    @Test
    void dailyCountsAreOnePerCounterAndTheRangeIsChecked() {
        alerts("11200", LogLevel.ERROR, Instant.parse("2026-11-24T23:58:00Z"), 4);
        AlertCountService.CountsQuery days = new AlertCountService.CountsQuery(
                Optional.of("11200"),
                Optional.empty(),
                Optional.of(Instant.parse("2026-11-20T00:00:00Z")),
                Optional.of(NOW),
                CountInterval.DAY);
        List<String> counts = service.counts(account, days, 50, Optional.empty()).items().stream()
                .map(AlertCountServiceTest::name)
                .toList();
        assertEquals(List.of("11200/error@2026-11-24T00:00:00Z=2", "11200/error@2026-11-25T00:00:00Z=2"), counts);

        AlertCountService.CountsQuery tooLong = new AlertCountService.CountsQuery(
                Optional.empty(),
                Optional.empty(),
                Optional.of(NOW.minus(2, ChronoUnit.DAYS)),
                Optional.of(NOW),
                CountInterval.MINUTE);
        assertThrows(DomainException.Invalid.class, () -> service.counts(account, tooLong, 50, Optional.empty()));
    }
}
