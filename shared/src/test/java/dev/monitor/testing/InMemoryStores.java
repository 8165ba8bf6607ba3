package dev.monitor.testing;

import dev.monitor.accounts.Account;
import dev.monitor.accounts.AccountFilter;
import dev.monitor.accounts.AccountService;
import dev.monitor.accounts.AccountStatus;
import dev.monitor.accounts.AccountStore;
import dev.monitor.accounts.AuthTokenSealer;
import dev.monitor.crypto.LocalKeySecretSealer;
import dev.monitor.crypto.Secrets;
import dev.monitor.events.Event;
import dev.monitor.events.EventFilter;
import dev.monitor.events.EventStore;
import dev.monitor.events.EventsConfiguration;
import dev.monitor.idempotency.IdempotencyRecord;
import dev.monitor.idempotency.IdempotencyStore;
import dev.monitor.paging.Page;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Stores in memory for the domain services' unit tests: they keep what the DynamoDB stores keep, by the same rules the
 * services rely on (an account sees only its own items, expired items are gone, an idempotency key is claimed once),
 * without DynamoDB's paging. What only DynamoDB can show (keys, indexes, conditions) is tested on DynamoDB Local.
 */
public final class InMemoryStores {
    private InMemoryStores() {}

    public static AccountService accounts(Clock clock) {
        return new AccountService(
                new Accounts(), new AuthTokenSealer(new LocalKeySecretSealer(Secrets.randomBytes(32))), clock);
    }

    public static final class Accounts implements AccountStore {
        private final Map<String, Account> accounts = new HashMap<>();

        @Override
        public void create(Account account) {
            accounts.put(account.sid(), account);
        }

        @Override
        public Optional<Account> find(String accountSid) {
            return Optional.ofNullable(accounts.get(accountSid));
        }

        @Override
        public void update(Account account) {
            accounts.put(account.sid(), account);
        }

        @Override
        public void updateOwnerStatus(String subaccountSid, AccountStatus ownerStatus) {
            Account sub = accounts.get(subaccountSid);
            accounts.put(
                    subaccountSid,
                    new Account(
                            sub.sid(),
                            sub.friendlyName(),
                            sub.status(),
                            sub.ownerAccountSid(),
                            sub.authTokenSha256(),
                            sub.sealedAuthToken(),
                            sub.dateCreated(),
                            sub.dateUpdated(),
                            ownerStatus));
        }

        @Override
        public Page<Account> listFamily(
                String mainAccountSid, AccountFilter filter, int pageSize, Optional<String> cursor) {
            List<Account> family = accounts.values().stream()
                    .filter(account -> account.sid().equals(mainAccountSid)
                            || account.ownerAccountSid().equals(Optional.of(mainAccountSid)))
                    .sorted(Comparator.comparing(Account::sid))
                    .toList();
            return new Page<>(family, Optional.empty());
        }
    }

    public static final class Events implements EventStore {
        private final Map<String, Event> events = new HashMap<>();
        private final Map<String, Instant> expiries = new HashMap<>();
        private final Map<String, EventsConfiguration> configurations = new HashMap<>();

        @Override
        public void putAll(List<Event> batch, List<Instant> expiresAt) {
            for (int i = 0; i < batch.size(); i++) {
                events.put(batch.get(i).sid(), batch.get(i));
                expiries.put(batch.get(i).sid(), expiresAt.get(i));
            }
        }

        @Override
        public Optional<Event> find(String accountSid, String sid, Instant now) {
            return Optional.ofNullable(events.get(sid))
                    .filter(event -> event.accountSid().equals(accountSid))
                    .filter(event -> expiries.get(sid).isAfter(now));
        }

        @Override
        public Page<Event> list(
                String accountSid, EventFilter filter, Instant now, int pageSize, Optional<String> cursor) {
            List<Event> matching = new ArrayList<>();
            for (Event event : events.values()) {
                boolean inRange = filter.startDate()
                                .map(start -> !event.eventDate().isBefore(start))
                                .orElse(true)
                        && filter.endDate()
                                .map(end -> !event.eventDate().isAfter(end))
                                .orElse(true);
                if (event.accountSid().equals(accountSid)
                        && expiries.get(event.sid()).isAfter(now)
                        && inRange
                        && filter.eventType().map(event.eventType()::equals).orElse(true)) {
                    matching.add(event);
                }
            }
            matching.sort(Comparator.comparing(Event::eventDate).reversed());
            return new Page<>(matching.subList(0, Math.min(pageSize, matching.size())), Optional.empty());
        }

        @Override
        public EventsConfiguration configuration(String accountSid) {
            return configurations.getOrDefault(accountSid, EventsConfiguration.DEFAULT);
        }

        @Override
        public void saveConfiguration(String accountSid, EventsConfiguration configuration) {
            configurations.put(accountSid, configuration);
        }

        public int size() {
            return events.size();
        }
    }

    public static final class Idempotency implements IdempotencyStore {
        private final Map<String, IdempotencyRecord> records = new HashMap<>();

        @Override
        public IdempotencyRecord claim(IdempotencyRecord record) {
            return records.computeIfAbsent(record.scope() + "/" + record.keySha256(), key -> record);
        }

        @Override
        public Optional<IdempotencyRecord> find(String scope, String keySha256) {
            return Optional.ofNullable(records.get(scope + "/" + keySha256));
        }
    }
}
