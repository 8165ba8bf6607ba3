package dev.monitor.testing;

import dev.monitor.accounts.Account;
import dev.monitor.accounts.AccountFilter;
import dev.monitor.accounts.AccountService;
import dev.monitor.accounts.AccountStatus;
import dev.monitor.accounts.AccountStore;
import dev.monitor.accounts.AuthTokenSealer;
import dev.monitor.alerts.CounterBucket;
import dev.monitor.alerts.CounterGranularity;
import dev.monitor.alerts.CounterStore;
import dev.monitor.alerts.LogLevel;
import dev.monitor.alerts.StreamedAlert;
import dev.monitor.audit.Actor;
import dev.monitor.audit.AuditEvent;
import dev.monitor.audit.AuditTrail;
import dev.monitor.audit.ChangedMeanwhile;
import dev.monitor.connect.Authorization;
import dev.monitor.connect.ConnectApp;
import dev.monitor.connect.ConnectAppStore;
import dev.monitor.crypto.LocalKeySecretSealer;
import dev.monitor.crypto.Secrets;
import dev.monitor.events.ConfiguredRetention;
import dev.monitor.events.Event;
import dev.monitor.events.EventFilter;
import dev.monitor.events.EventStore;
import dev.monitor.events.EventsConfiguration;
import dev.monitor.idempotency.IdempotencyRecord;
import dev.monitor.idempotency.IdempotencyStore;
import dev.monitor.limits.AccountLimits;
import dev.monitor.limits.LimitStore;
import dev.monitor.notify.DisabledDestinations;
import dev.monitor.notify.NotificationJob;
import dev.monitor.paging.Page;
import dev.monitor.usage.Counts;
import dev.monitor.usage.Pricing;
import dev.monitor.usage.TriggerFilter;
import dev.monitor.usage.TriggerStore;
import dev.monitor.usage.UsageOwner;
import dev.monitor.usage.UsageStore;
import dev.monitor.usage.UsageTrigger;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * Stores in memory for the domain services' unit tests: they keep what the DynamoDB stores keep, by the same rules the
 * services rely on (an account sees only its own items, expired items are gone, an idempotency key is claimed once),
 * without DynamoDB's paging. What only DynamoDB can show (keys, indexes, conditions) is tested on DynamoDB Local.
 */
public final class InMemoryStores {
    private InMemoryStores() {}

    public static AccountService accounts(Clock clock) {
        Events log = new Events();
        return accounts(new Accounts(log), log, clock);
    }

    /** Accounts kept in {@code store}, which other services of a test read too, their changes logged in {@code log}. */
    public static AccountService accounts(Accounts store, Events log, Clock clock) {
        return new AccountService(
                store, new AuthTokenSealer(new LocalKeySecretSealer(Secrets.randomBytes(32))), audit(log), clock);
    }

    /** Monitor's own events, written to {@code log} as the account's configuration there says. */
    public static AuditTrail audit(Events log) {
        return new AuditTrail(new ConfiguredRetention(log), Event.SIDS);
    }

    /** The deployment's operator, through the API. */
    public static final Actor OPERATOR =
            new Actor(Optional.empty(), Actor.ActorType.OPERATOR, Actor.Source.API, Optional.empty());

    /** A change made through the API with the account's own auth token. */
    public static Actor actorOf(Account account) {
        return new Actor(
                Optional.of(account.sid()), Actor.ActorType.ACCOUNT, Actor.Source.API, Optional.of("192.0.2.1"));
    }

    /**
     * Alert counters, each alert counted once by its partition and sequence number; reads page as DynamoDB's do,
     * {@code limit} items at a time, without its read budget.
     */
    public static final class Counters implements CounterStore {
        private record Item(String accountSid, CounterGranularity granularity, CounterKey key) {}

        private static final Comparator<CounterKey> ORDER = Comparator.comparing(CounterKey::bucketStart)
                .thenComparing(CounterKey::errorCode)
                .thenComparing(key -> key.logLevel().wire());

        private final Map<Item, Map<Integer, Long>> slots = new HashMap<>();
        private final Set<String> counted = new HashSet<>();

        @Override
        public int add(Increment increment) {
            Item item = new Item(
                    increment.accountSid(),
                    increment.granularity(),
                    new CounterKey(increment.bucketStart(), increment.errorCode(), increment.logLevel()));
            int writes = 0;
            for (StreamedAlert alert : increment.alerts()) {
                if (counted.add(item + "@" + alert.partition() + "@" + alert.sequenceNumber())) {
                    slots.computeIfAbsent(item, key -> new TreeMap<>())
                            .merge(increment.granularity().slot(alert.dateGenerated()), 1L, Long::sum);
                    writes = 1;
                }
            }
            return writes;
        }

        @Override
        public Optional<CounterBucket> find(String accountSid, CounterGranularity granularity, CounterKey key) {
            Item item = new Item(accountSid, granularity, key);
            return Optional.ofNullable(slots.get(item)).map(counts -> bucket(item, counts));
        }

        @Override
        public CounterRun page(
                String accountSid,
                CounterGranularity granularity,
                Instant firstBucket,
                Instant lastBucket,
                Optional<String> errorCode,
                Optional<LogLevel> logLevel,
                Optional<CounterKey> from,
                boolean backward,
                int limit) {
            List<CounterKey> keys = slots.keySet().stream()
                    .filter(item -> item.accountSid().equals(accountSid) && item.granularity() == granularity)
                    .map(Item::key)
                    .filter(key -> !key.bucketStart().isBefore(firstBucket)
                            && !key.bucketStart().isAfter(lastBucket))
                    .filter(key -> errorCode.map(key.errorCode()::equals).orElse(true))
                    .filter(key -> logLevel.map(key.logLevel()::equals).orElse(true))
                    .filter(key -> from.map(at -> backward ? ORDER.compare(key, at) < 0 : ORDER.compare(key, at) > 0)
                            .orElse(true))
                    .sorted(backward ? ORDER.reversed() : ORDER)
                    .toList();
            List<CounterKey> taken = keys.subList(0, Math.min(limit, keys.size()));
            List<CounterBucket> buckets = taken.stream()
                    .map(key -> find(accountSid, granularity, key).orElseThrow())
                    .toList();
            return new CounterRun(
                    buckets, keys.size() > limit ? Optional.of(taken.get(taken.size() - 1)) : Optional.empty());
        }

        @Override
        public List<CounterBucket> read(
                String accountSid,
                CounterGranularity granularity,
                Instant firstBucket,
                Instant lastBucket,
                Optional<String> errorCode,
                Optional<LogLevel> logLevel,
                boolean consistent) {
            return page(
                            accountSid,
                            granularity,
                            firstBucket,
                            lastBucket,
                            errorCode,
                            logLevel,
                            Optional.empty(),
                            false,
                            Integer.MAX_VALUE)
                    .buckets();
        }

        private static CounterBucket bucket(Item item, Map<Integer, Long> counts) {
            return new CounterBucket(
                    item.key().errorCode(),
                    item.key().logLevel(),
                    item.granularity(),
                    item.key().bucketStart(),
                    counts.values().stream().mapToLong(Long::longValue).sum(),
                    Map.copyOf(counts));
        }
    }

    /** Each family's requests per second and in flight, as DynamoDB counts them; {@code asked} counts calls. */
    public static final class Limits implements LimitStore {
        private final Map<String, Map<Long, Integer>> perSecond = new HashMap<>();
        private final Map<String, Map<String, Instant>> inFlight = new HashMap<>();
        private final Map<String, Map<Long, Integer>> recordsPerSecond = new HashMap<>();
        private int asked;

        @Override
        public synchronized Admission admit(
                String familySid, String requestId, Instant now, Instant leaseUntil, AccountLimits limits) {
            asked++;
            Map<String, Instant> leases = inFlight.computeIfAbsent(familySid, family -> new HashMap<>());
            leases.values().removeIf(lease -> !lease.isAfter(now));
            Map<Long, Integer> counts = perSecond.computeIfAbsent(familySid, family -> new HashMap<>());
            int count = counts.getOrDefault(now.getEpochSecond(), 0);
            if (count >= limits.requestsPerSecond()) {
                return Admission.OVER_RATE;
            }
            if (leases.size() >= limits.concurrentRequests()) {
                return Admission.OVER_CONCURRENCY;
            }
            counts.put(now.getEpochSecond(), count + 1);
            leases.put(requestId, leaseUntil);
            return Admission.ADMITTED;
        }

        @Override
        public synchronized boolean admitRecords(String familySid, Instant now, int records, AccountLimits limits) {
            Map<Long, Integer> counts = recordsPerSecond.computeIfAbsent(familySid, family -> new HashMap<>());
            int count = counts.getOrDefault(now.getEpochSecond(), 0);
            if (count + records > limits.recordsPerSecond()) {
                return false;
            }
            counts.put(now.getEpochSecond(), count + records);
            return true;
        }

        @Override
        public synchronized void release(String familySid, String requestId) {
            inFlight.getOrDefault(familySid, new HashMap<>()).remove(requestId);
        }

        public synchronized int asked() {
            return asked;
        }
    }

    /** Accounts, whose changes write their events to {@code log}. */
    public static final class Accounts implements AccountStore {
        private final Map<String, Account> accounts = new HashMap<>();
        private final Events log;

        public Accounts(Events log) {
            this.log = log;
        }

        @Override
        public void create(Account account, List<AuditEvent> audit) {
            accounts.put(account.sid(), account);
            log.record(audit);
        }

        @Override
        public Optional<Account> find(String accountSid) {
            return Optional.ofNullable(accounts.get(accountSid));
        }

        @Override
        public Optional<Account> findLatest(String accountSid) {
            return find(accountSid);
        }

        @Override
        public void update(Account changed, Instant replacing, List<AuditEvent> audit) {
            Account account = accounts.get(changed.sid());
            if (account == null || !account.dateUpdated().equals(replacing)) {
                throw new ChangedMeanwhile();
            }
            accounts.put(changed.sid(), changed);
            log.record(audit);
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
                            ownerStatus,
                            sub.connectAppSid()));
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
        public void configure(
                String accountSid, Optional<Instant> replacing, EventsConfiguration changed, List<AuditEvent> audit) {
            if (!configuration(accountSid).dateUpdated().equals(replacing)) {
                throw new ChangedMeanwhile();
            }
            configurations.put(accountSid, changed);
            record(audit);
        }

        /** Writes Monitor's own events, as a store writes them with its change. */
        public void record(List<AuditEvent> audit) {
            putAll(
                    audit.stream().map(Event::of).toList(),
                    audit.stream().map(AuditEvent::expiresAt).toList());
        }

        public int size() {
            return events.size();
        }

        /** The account's events, kept or expired, oldest first. */
        public List<Event> history(String accountSid) {
            return events.values().stream()
                    .filter(event -> event.accountSid().equals(accountSid))
                    .sorted(Comparator.comparing(Event::eventDate).thenComparing(Event::sid))
                    .toList();
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

    /** Usage triggers, whose changes write their events to {@code log}. */
    public static final class Triggers implements TriggerStore {
        private final Map<String, UsageTrigger> triggers = new HashMap<>();
        private final Events log;

        public Triggers(Events log) {
            this.log = log;
        }

        @Override
        public void create(UsageTrigger trigger, int limit, List<AuditEvent> audit) {
            if (all(trigger.accountSid()).size() >= limit) {
                throw new LimitReached();
            }
            triggers.put(trigger.sid(), trigger);
            log.record(audit);
        }

        @Override
        public Optional<UsageTrigger> find(String accountSid, String sid) {
            return Optional.ofNullable(triggers.get(sid))
                    .filter(trigger -> trigger.accountSid().equals(accountSid));
        }

        @Override
        public void update(UsageTrigger changed, Instant replacing, List<AuditEvent> audit) {
            UsageTrigger current = triggers.get(changed.sid());
            if (current == null || !current.dateUpdated().equals(replacing)) {
                throw new ChangedMeanwhile();
            }
            // The firing stands, as the DynamoDB store's update leaves it.
            triggers.put(
                    changed.sid(),
                    new UsageTrigger(
                            current.sid(),
                            current.accountSid(),
                            changed.friendlyName(),
                            changed.callbackUrl(),
                            changed.callbackMethod(),
                            current.category(),
                            current.triggerBy(),
                            current.recurring(),
                            current.triggerValue(),
                            current.currentValue(),
                            current.dateCreated(),
                            changed.dateUpdated(),
                            current.dateFired(),
                            current.firedPeriod()));
            log.record(audit);
        }

        @Override
        public boolean delete(String accountSid, String sid, List<AuditEvent> audit) {
            if (find(accountSid, sid).isEmpty()) {
                return false;
            }
            triggers.remove(sid);
            log.record(audit);
            return true;
        }

        @Override
        public Page<UsageTrigger> list(String accountSid, TriggerFilter filter, int pageSize, Optional<String> cursor) {
            List<UsageTrigger> matching = all(accountSid).stream()
                    .filter(trigger ->
                            filter.recurring().map(trigger.recurring()::equals).orElse(true))
                    .filter(trigger ->
                            filter.triggerBy().map(trigger.triggerBy()::equals).orElse(true))
                    .filter(trigger ->
                            filter.category().map(trigger.category()::equals).orElse(true))
                    .toList();
            return new Page<>(matching.subList(0, Math.min(pageSize, matching.size())), Optional.empty());
        }

        @Override
        public List<UsageTrigger> all(String accountSid) {
            return triggers.values().stream()
                    .filter(trigger -> trigger.accountSid().equals(accountSid))
                    .sorted(Comparator.comparing(UsageTrigger::sid))
                    .toList();
        }

        @Override
        public boolean markFired(UsageTrigger trigger, String period, Instant firedAt, BigDecimal currentValue) {
            Optional<UsageTrigger> stored = find(trigger.accountSid(), trigger.sid());
            if (stored.isEmpty() || stored.get().firedPeriod().equals(Optional.of(period))) {
                return false;
            }
            UsageTrigger current = stored.get();
            triggers.put(
                    current.sid(),
                    new UsageTrigger(
                            current.sid(),
                            current.accountSid(),
                            current.friendlyName(),
                            current.callbackUrl(),
                            current.callbackMethod(),
                            current.category(),
                            current.triggerBy(),
                            current.recurring(),
                            current.triggerValue(),
                            currentValue,
                            current.dateCreated(),
                            current.dateUpdated(),
                            Optional.of(firedAt),
                            Optional.of(period)));
            return true;
        }
    }

    /** Usage counters per account, GMT day and month; a metered record is applied once per counter and source. */
    public static final class Usage implements UsageStore {
        private final Map<UsageOwner, Map<LocalDate, Counts>> days = new HashMap<>();
        private final Map<UsageOwner, Map<YearMonth, Counts>> months = new HashMap<>();
        private final Map<String, BigInteger> lastApplied = new HashMap<>();
        private final Map<Long, Set<String>> changed = new HashMap<>();
        private Optional<Long> lastCheckedMinute = Optional.empty();

        @Override
        public Map<YearMonth, Counts> months(UsageOwner owner) {
            return Map.copyOf(months.getOrDefault(owner, Map.of()));
        }

        @Override
        public Map<LocalDate, Counts> days(UsageOwner owner, LocalDate from, LocalDate to) {
            return Map.copyOf(new TreeMap<>(days.getOrDefault(owner, Map.of())).subMap(from, true, to, true));
        }

        @Override
        public void applyOnce(Collection<MeteredChange> changes, Pricing pricing, Instant now) {
            for (MeteredChange change : changes) {
                UsageOwner account = UsageOwner.account(change.accountSid());
                YearMonth month = YearMonth.from(change.day());
                for (SequencedCounts record : change.records()) {
                    String dayCounter = change.accountSid() + "/" + change.day() + "/" + change.source();
                    if (isNew(dayCounter, record.sequenceNumber())) {
                        long before =
                                months(account).getOrDefault(month, Counts.ZERO).writes();
                        Counts counts = record.counts();
                        add(account, change.day(), counts);
                        add(
                                UsageOwner.family(change.mainAccountSid()),
                                change.day(),
                                new Counts(
                                        counts.writes(),
                                        counts.reads(),
                                        counts.storageChange(),
                                        pricing.billedWrites(before, counts.writes())));
                    }
                }
                markChanged(change.accountSid(), now);
            }
        }

        @Override
        public void addReads(Collection<MeteredReads> reads, Instant now) {
            for (MeteredReads read : reads) {
                Counts counts = new Counts(0, read.records(), 0);
                add(UsageOwner.account(read.accountSid()), read.day(), counts);
                add(UsageOwner.family(read.mainAccountSid()), read.day(), counts);
                markChanged(read.accountSid(), now);
            }
        }

        @Override
        public Set<String> changedDuring(long epochMinute) {
            return Set.copyOf(changed.getOrDefault(epochMinute, Set.of()));
        }

        @Override
        public Optional<Long> lastCheckedMinute() {
            return lastCheckedMinute;
        }

        @Override
        public void checkedThrough(long epochMinute) {
            if (lastCheckedMinute.map(last -> last < epochMinute).orElse(true)) {
                lastCheckedMinute = Optional.of(epochMinute);
            }
        }

        private boolean isNew(String counter, BigInteger sequenceNumber) {
            BigInteger last = lastApplied.get(counter);
            if (last != null && last.compareTo(sequenceNumber) >= 0) {
                return false;
            }
            lastApplied.put(counter, sequenceNumber);
            return true;
        }

        /** To the owner's day counter and its month's. */
        private void add(UsageOwner owner, LocalDate day, Counts counts) {
            days.computeIfAbsent(owner, key -> new HashMap<>()).merge(day, counts, Counts::plus);
            months.computeIfAbsent(owner, key -> new HashMap<>()).merge(YearMonth.from(day), counts, Counts::plus);
        }

        private void markChanged(String accountSid, Instant now) {
            changed.computeIfAbsent(now.getEpochSecond() / 60, minute -> new HashSet<>())
                    .add(accountSid);
        }
    }

    public static final class Disabled implements DisabledDestinations {
        private final Map<String, Instant> disabled = new HashMap<>();

        @Override
        public boolean isDisabled(String accountSid, String url) {
            return disabled.containsKey(accountSid + " " + url);
        }

        @Override
        public void disable(String accountSid, String url, Instant at) {
            disabled.put(accountSid + " " + url, at);
        }

        @Override
        public void enable(String accountSid, String url) {
            disabled.remove(accountSid + " " + url);
        }
    }

    /**
     * Connect apps and their authorizations; authorizing creates the app's account in {@code accounts} and
     * deauthorizing closes it, as the Dynamo store's transactions do. Pages are whole.
     */
    public static final class Connect implements ConnectAppStore {
        private final Accounts accounts;
        private final Events log;
        private final Map<String, ConnectApp> apps = new LinkedHashMap<>();
        private final Map<String, Authorization> authorizations = new LinkedHashMap<>();

        public Connect(Accounts accounts, Events log) {
            this.accounts = accounts;
            this.log = log;
        }

        @Override
        public void create(ConnectApp app, List<AuditEvent> audit) {
            apps.put(app.sid(), app);
            log.record(audit);
        }

        @Override
        public Optional<ConnectApp> find(String sid) {
            return Optional.ofNullable(apps.get(sid));
        }

        @Override
        public Optional<ConnectApp> findLatest(String sid) {
            return find(sid);
        }

        @Override
        public Map<String, ConnectApp> findAll(Collection<String> sids) {
            Map<String, ConnectApp> found = new HashMap<>();
            sids.forEach(sid -> find(sid).ifPresent(app -> found.put(sid, app)));
            return found;
        }

        @Override
        public Page<ConnectApp> list(String ownerAccountSid, int pageSize, Optional<String> cursor) {
            return new Page<>(
                    apps.values().stream()
                            .filter(app -> app.ownerAccountSid().equals(ownerAccountSid))
                            .toList(),
                    Optional.empty());
        }

        @Override
        public void update(ConnectApp changed, Instant replacing, List<AuditEvent> audit) {
            ConnectApp current = apps.get(changed.sid());
            if (current == null
                    || !current.ownerAccountSid().equals(changed.ownerAccountSid())
                    || !current.dateUpdated().equals(replacing)) {
                throw new ChangedMeanwhile();
            }
            apps.put(changed.sid(), changed);
            log.record(audit);
        }

        @Override
        public boolean delete(String ownerAccountSid, String sid, List<AuditEvent> audit) {
            boolean deleted = find(sid)
                    .filter(app -> app.ownerAccountSid().equals(ownerAccountSid))
                    .map(app -> apps.remove(sid) != null)
                    .orElse(false);
            if (deleted) {
                log.record(audit);
            }
            return deleted;
        }

        @Override
        public boolean authorize(Account appAccount, Authorization authorization, List<AuditEvent> audit) {
            String key = authorization.accountSid() + " " + authorization.connectAppSid();
            Authorization existing = authorizations.get(key);
            if (existing != null && existing.authorized()) {
                return false;
            }
            accounts.create(appAccount, List.of());
            authorizations.put(key, authorization);
            log.record(audit);
            return true;
        }

        @Override
        public Optional<Authorization> findAuthorization(String accountSid, String connectAppSid) {
            return Optional.ofNullable(authorizations.get(accountSid + " " + connectAppSid));
        }

        @Override
        public Page<Authorization> listAuthorizations(String accountSid, int pageSize, Optional<String> cursor) {
            return new Page<>(
                    authorizations.values().stream()
                            .filter(authorization -> authorization.accountSid().equals(accountSid))
                            .filter(Authorization::authorized)
                            .toList(),
                    Optional.empty());
        }

        @Override
        public boolean deauthorize(
                Authorization authorization,
                Optional<NotificationJob> callback,
                Instant now,
                Instant keepUntil,
                List<AuditEvent> audit) {
            String key = authorization.accountSid() + " " + authorization.connectAppSid();
            Authorization current = authorizations.get(key);
            if (current == null
                    || !current.authorized()
                    || !current.appAccountSid().equals(authorization.appAccountSid())) {
                return false;
            }
            authorizations.put(
                    key,
                    new Authorization(
                            current.accountSid(),
                            current.connectAppSid(),
                            current.appAccountSid(),
                            current.permissions(),
                            current.profile(),
                            current.dateCreated(),
                            now,
                            Optional.of(now),
                            callback));
            Account appAccount = accounts.find(current.appAccountSid()).orElseThrow();
            accounts.update(
                    appAccount.changed(appAccount.friendlyName(), AccountStatus.CLOSED, now),
                    appAccount.dateUpdated(),
                    audit);
            return true;
        }

        @Override
        public Grant grant(String mainAccountSid, String connectAppSid) {
            return new Grant(find(connectAppSid), findAuthorization(mainAccountSid, connectAppSid));
        }
    }
}
