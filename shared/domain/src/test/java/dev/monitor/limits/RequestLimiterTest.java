package dev.monitor.limits;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.monitor.accounts.Account;
import dev.monitor.accounts.AccountService;
import dev.monitor.errors.DomainException;
import dev.monitor.testing.InMemoryStores;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** A family's requests admitted within its limits, on an in-memory count: subaccounts count with their main account. */
class RequestLimiterTest {
    private Instant now = Instant.parse("2026-12-07T10:00:00.100Z");
    private final Clock clock = new Clock() {
        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    };
    private final AccountService accounts = InMemoryStores.accounts(clock);
    private final InMemoryStores.Limits store = new InMemoryStores.Limits();
    private final RequestLimiter limiter = new RequestLimiter(store, new AccountLimits(2, 1, 150), clock);
    private final Account main =
            accounts.createMainAccount(InMemoryStores.OPERATOR, "Acme").account();
    private final Account sub = accounts.createSubaccount(main, InMemoryStores.actorOf(main), Optional.of("Sub"))
            .account();

    @Test
    void aSubaccountsRequestsCountWithItsMainAccountsAndARefusedSecondIsNotAskedAgain() {
        limiter.admit(main).close();
        limiter.admit(sub).close();
        DomainException.TooManyRequests refused =
                assertThrows(DomainException.TooManyRequests.class, () -> limiter.admit(main));
        assertEquals(Duration.ofMillis(900), refused.retryAfter());
        int asked = store.asked();
        now = now.plusMillis(500);
        assertThrows(DomainException.TooManyRequests.class, () -> limiter.admit(sub));
        assertEquals(asked, store.asked(), "refused again by this instance, the count not asked");
        now = now.plusMillis(500);
        limiter.admit(sub).close();
    }

    @Test
    void aRequestInFlightHoldsItsFamilysPlaceUntilItIsClosed() {
        RequestLimiter.Permit first = limiter.admit(main);
        DomainException.TooManyRequests refused =
                assertThrows(DomainException.TooManyRequests.class, () -> limiter.admit(sub));
        assertEquals(Duration.ofSeconds(1), refused.retryAfter());
        first.close();
        now = now.plusSeconds(1);
        limiter.admit(sub).close();
    }

    @Test
    void aFamilysRecordsOfASecondAreCountedAcrossItsAccountsAndOneMoreBatchWaitsForTheNextSecond() {
        limiter.admitRecords(main, 100);
        limiter.admitRecords(sub, 50);
        DomainException.TooManyRequests refused =
                assertThrows(DomainException.TooManyRequests.class, () -> limiter.admitRecords(main, 1));
        assertEquals(Duration.ofMillis(900), refused.retryAfter());
        now = now.plusSeconds(1);
        limiter.admitRecords(sub, 100);
    }
}
