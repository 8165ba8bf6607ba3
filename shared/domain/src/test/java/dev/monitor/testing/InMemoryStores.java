package dev.monitor.testing;

import dev.monitor.accounts.Account;
import dev.monitor.accounts.AccountFilter;
import dev.monitor.accounts.AccountService;
import dev.monitor.accounts.AccountStatus;
import dev.monitor.accounts.AccountStore;
import dev.monitor.accounts.ApiKey;
import dev.monitor.accounts.ApiKeyStore;
import dev.monitor.accounts.AuthTokenSealer;
import dev.monitor.alarms.Alarm;
import dev.monitor.alarms.AlarmStore;
import dev.monitor.alarms.Firing;
import dev.monitor.alarms.TimeWindow;
import dev.monitor.alarms.Window;
import dev.monitor.alerts.Alert;
import dev.monitor.alerts.AlertFilter;
import dev.monitor.alerts.AlertStore;
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
import dev.monitor.notify.Delivery;
import dev.monitor.notify.DeliveryAttempt;
import dev.monitor.notify.DeliveryFilter;
import dev.monitor.notify.DeliveryShare;
import dev.monitor.notify.DeliveryStatus;
import dev.monitor.notify.DeliveryStore;
import dev.monitor.notify.DisabledDestinations;
import dev.monitor.notify.NotificationJob;
import dev.monitor.notify.SigningSecretStore;
import dev.monitor.paging.Page;
import dev.monitor.paging.ServiceKeyStore;
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
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.temporal.ChronoUnit;
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
    public static AccountService accounts(AccountStore store, Events log, Clock clock) {
        return new AccountService(
                store, new AuthTokenSealer(new LocalKeySecretSealer(Secrets.randomBytes(32))), audit(log), clock);
    }

    /** Monitor's own events, written to {@code log} as the account's configuration there says. */
    public static AuditTrail audit(Events log) {
        return new AuditTrail(new ConfiguredRetention(log), Event.SIDS);
    }

    /** Whether an item's value (null when it has none) is the one a filter asks for, if it asks for one. */
    static boolean matches(Optional<String> wanted, String value) {
        return wanted.map(want -> want.equals(value)).orElse(true);
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
     * Alert counters: as the DynamoDB store, each counter remembers per stream partition the highest sequence number it
     * counted, and counts only alerts above it. Reads page as DynamoDB's do, {@code limit} items at a time, without its
     * read budget.
     */
    public static final class Counters implements CounterStore {
        private record Item(String accountSid, CounterGranularity granularity, CounterKey key) {}

        private static final Comparator<CounterKey> ORDER = Comparator.comparing(CounterKey::bucketStart)
                .thenComparing(CounterKey::errorCode)
                .thenComparing(key -> key.logLevel().wire());

        private final Map<Item, Map<Integer, Long>> slots = new HashMap<>();
        /** Per counter and partition, the highest sequence number counted, padded to compare as text. */
        private final Map<Item, Map<String, String>> watermarks = new HashMap<>();

        @Override
        public synchronized int add(Increment increment) {
            Item item = new Item(
                    increment.accountSid(),
                    increment.granularity(),
                    new CounterKey(increment.bucketStart(), increment.errorCode(), increment.logLevel()));
            Map<String, String> counted = watermarks.computeIfAbsent(item, key -> new HashMap<>());
            Map<String, String> raised = new HashMap<>(counted);
            int fresh = 0;
            for (StreamedAlert alert : increment.alerts()) {
                String last = counted.get(alert.partition());
                if (last == null || alert.orderedSequenceNumber().compareTo(last) > 0) {
                    slots.computeIfAbsent(item, key -> new TreeMap<>())
                            .merge(increment.granularity().slot(alert.dateGenerated()), 1L, Long::sum);
                    raised.merge(
                            alert.partition(), alert.orderedSequenceNumber(), (a, b) -> a.compareTo(b) > 0 ? a : b);
                    fresh++;
                }
            }
            counted.putAll(raised);
            return fresh > 0 ? 1 : 0;
        }

        @Override
        public synchronized Optional<CounterBucket> find(
                String accountSid, CounterGranularity granularity, CounterKey key) {
            Item item = new Item(accountSid, granularity, key);
            return Optional.ofNullable(slots.get(item)).map(counts -> bucket(item, counts));
        }

        @Override
        public synchronized CounterRun page(
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
        public synchronized List<CounterBucket> read(
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
        public synchronized void create(Account account, List<AuditEvent> audit) {
            if (accounts.putIfAbsent(account.sid(), account) != null) {
                throw new IllegalStateException("An item of this Sid exists already");
            }
            log.record(audit);
        }

        @Override
        public synchronized Optional<Account> find(String accountSid) {
            return Optional.ofNullable(accounts.get(accountSid));
        }

        @Override
        public Optional<Account> findLatest(String accountSid) {
            return find(accountSid);
        }

        /** Sets the name, status and date updated only, as the DynamoDB store's update does. */
        @Override
        public synchronized void update(Account changed, Instant replacing, List<AuditEvent> audit) {
            Account account = accounts.get(changed.sid());
            if (account == null || !account.dateUpdated().equals(replacing)) {
                throw new ChangedMeanwhile();
            }
            accounts.put(
                    changed.sid(), account.changed(changed.friendlyName(), changed.status(), changed.dateUpdated()));
            log.record(audit);
        }

        @Override
        public synchronized void updateOwnerStatus(String subaccountSid, AccountStatus ownerStatus) {
            Account sub = accounts.get(subaccountSid);
            if (sub == null) {
                throw new IllegalStateException("No account " + subaccountSid + " to set its owner's status on");
            }
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

        /** By Sid, as the family index orders accounts that share its sort key. */
        @Override
        public synchronized Page<Account> listFamily(
                String mainAccountSid, AccountFilter filter, int pageSize, Optional<String> cursor) {
            List<Account> family = accounts.values().stream()
                    .filter(account -> account.mainAccountSid().equals(mainAccountSid))
                    .filter(filter::matches)
                    .toList();
            return InMemoryPages.of(family, Account::sid, Comparator.naturalOrder(), pageSize, cursor);
        }
    }

    /**
     * An account's events and their configuration; a list reads newest first by Sid, between the Sids of its dates as
     * the timeline's key condition does, and pages with cursors.
     */
    public static final class Events implements EventStore {
        /** The latest date a list reaches when a request sets none, as the timeline store's. */
        private static final Duration UNBOUNDED = Duration.ofDays(3650);

        private final Map<String, Event> events = new HashMap<>();
        private final Map<String, Instant> expiries = new HashMap<>();
        private final Map<String, EventsConfiguration> configurations = new HashMap<>();

        @Override
        public synchronized void putAll(List<Event> batch, List<Instant> expiresAt) {
            for (int i = 0; i < batch.size(); i++) {
                events.put(batch.get(i).sid(), batch.get(i));
                expiries.put(batch.get(i).sid(), expiresAt.get(i));
            }
        }

        /** Expired at its epoch second, as the store reads {@code expires_at}. */
        private boolean kept(Event event, Instant now) {
            return expiries.get(event.sid()).getEpochSecond() > now.getEpochSecond();
        }

        @Override
        public synchronized Optional<Event> find(String accountSid, String sid, Instant now) {
            return Optional.ofNullable(events.get(sid))
                    .filter(event -> event.accountSid().equals(accountSid))
                    .filter(event -> kept(event, now));
        }

        @Override
        public synchronized Page<Event> list(
                String accountSid, EventFilter filter, Instant now, int pageSize, Optional<String> cursor) {
            String lowest = Event.SIDS.lowerBound(filter.startDate().orElse(Instant.EPOCH));
            String highest = Event.SIDS.upperBound(filter.endDate().orElse(now.plus(UNBOUNDED)));
            List<Event> matching = events.values().stream()
                    .filter(event -> event.accountSid().equals(accountSid) && kept(event, now))
                    .filter(event ->
                            event.sid().compareTo(lowest) >= 0 && event.sid().compareTo(highest) <= 0)
                    .filter(event -> matches(filter.actorSid(), event.actorSid())
                            && matches(filter.eventType(), event.eventType())
                            && matches(filter.resourceSid(), event.resourceSid())
                            && matches(filter.sourceIpAddress(), event.sourceIpAddress()))
                    .toList();
            return InMemoryPages.of(matching, Event::sid, Comparator.reverseOrder(), pageSize, cursor);
        }

        @Override
        public synchronized EventsConfiguration configuration(String accountSid) {
            return configurations.getOrDefault(accountSid, EventsConfiguration.DEFAULT);
        }

        @Override
        public synchronized void configure(
                String accountSid, Optional<Instant> replacing, EventsConfiguration changed, List<AuditEvent> audit) {
            if (!configuration(accountSid).dateUpdated().equals(replacing)) {
                throw new ChangedMeanwhile();
            }
            configurations.put(accountSid, changed);
            record(audit);
        }

        /** Writes Monitor's own events, as a store writes them with its change. */
        public synchronized void record(List<AuditEvent> audit) {
            putAll(
                    audit.stream().map(Event::of).toList(),
                    audit.stream().map(AuditEvent::expiresAt).toList());
        }

        public synchronized int size() {
            return events.size();
        }

        /** The account's events, kept or expired, oldest first. */
        public synchronized List<Event> history(String accountSid) {
            return events.values().stream()
                    .filter(event -> event.accountSid().equals(accountSid))
                    .sorted(Comparator.comparing(Event::eventDate).thenComparing(Event::sid))
                    .toList();
        }
    }

    /** Idempotency records, each claimed once until it has been kept a day, as the DynamoDB store keeps them. */
    public static final class Idempotency implements IdempotencyStore {
        private static final Duration KEPT_FOR = Duration.ofHours(24);

        private final Map<String, IdempotencyRecord> records = new HashMap<>();

        @Override
        public synchronized IdempotencyRecord claim(IdempotencyRecord record) {
            return records.compute(
                    record.scope() + "/" + record.keySha256(),
                    (key, held) -> held == null
                                    || held.receivedAt().plus(KEPT_FOR).getEpochSecond()
                                            < record.receivedAt().getEpochSecond()
                            ? record
                            : held);
        }

        @Override
        public synchronized Optional<IdempotencyRecord> find(String scope, String keySha256) {
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
        public synchronized void create(UsageTrigger trigger, int limit, List<AuditEvent> audit) {
            if (all(trigger.accountSid()).size() >= limit) {
                throw new LimitReached();
            }
            triggers.put(trigger.sid(), trigger);
            log.record(audit);
        }

        @Override
        public synchronized Optional<UsageTrigger> find(String accountSid, String sid) {
            return Optional.ofNullable(triggers.get(sid))
                    .filter(trigger -> trigger.accountSid().equals(accountSid));
        }

        @Override
        public synchronized void update(UsageTrigger changed, Instant replacing, List<AuditEvent> audit) {
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
        public synchronized boolean delete(String accountSid, String sid, List<AuditEvent> audit) {
            if (find(accountSid, sid).isEmpty()) {
                return false;
            }
            triggers.remove(sid);
            log.record(audit);
            return true;
        }

        /** By Sid, as the account's partition sorts them. */
        @Override
        public synchronized Page<UsageTrigger> list(
                String accountSid, TriggerFilter filter, int pageSize, Optional<String> cursor) {
            List<UsageTrigger> matching = all(accountSid).stream()
                    .filter(trigger ->
                            filter.recurring().map(trigger.recurring()::equals).orElse(true))
                    .filter(trigger ->
                            filter.triggerBy().map(trigger.triggerBy()::equals).orElse(true))
                    .filter(trigger ->
                            filter.category().map(trigger.category()::equals).orElse(true))
                    .toList();
            return InMemoryPages.of(matching, UsageTrigger::sid, Comparator.naturalOrder(), pageSize, cursor);
        }

        @Override
        public synchronized List<UsageTrigger> all(String accountSid) {
            return triggers.values().stream()
                    .filter(trigger -> trigger.accountSid().equals(accountSid))
                    .sorted(Comparator.comparing(UsageTrigger::sid))
                    .toList();
        }

        @Override
        public synchronized boolean markFired(
                UsageTrigger trigger, String period, Instant firedAt, BigDecimal currentValue) {
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
        public synchronized Map<YearMonth, Counts> months(UsageOwner owner) {
            return Map.copyOf(months.getOrDefault(owner, Map.of()));
        }

        @Override
        public synchronized Map<LocalDate, Counts> days(UsageOwner owner, LocalDate from, LocalDate to) {
            return Map.copyOf(new TreeMap<>(days.getOrDefault(owner, Map.of())).subMap(from, true, to, true));
        }

        /** A day counter's records above the last sequence number it applied from their source, before this call. */
        @Override
        public synchronized void applyOnce(Collection<MeteredChange> changes, Pricing pricing, Instant now) {
            for (MeteredChange change : changes) {
                UsageOwner account = UsageOwner.account(change.accountSid());
                YearMonth month = YearMonth.from(change.day());
                String dayCounter = change.accountSid() + "/" + change.day() + "/" + change.source();
                BigInteger last = lastApplied.get(dayCounter);
                boolean applied = false;
                for (SequencedCounts record : change.records()) {
                    if (last == null || record.sequenceNumber().compareTo(last) > 0) {
                        applied = true;
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
                        lastApplied.merge(dayCounter, record.sequenceNumber(), BigInteger::max);
                    }
                }
                if (applied) {
                    markChanged(change.accountSid(), now);
                }
            }
        }

        @Override
        public synchronized void addReads(Collection<MeteredReads> reads, Instant now) {
            for (MeteredReads read : reads) {
                Counts counts = new Counts(0, read.records(), 0);
                add(UsageOwner.account(read.accountSid()), read.day(), counts);
                add(UsageOwner.family(read.mainAccountSid()), read.day(), counts);
                markChanged(read.accountSid(), now);
            }
        }

        @Override
        public synchronized Set<String> changedDuring(long epochMinute) {
            return Set.copyOf(changed.getOrDefault(epochMinute, Set.of()));
        }

        @Override
        public synchronized Optional<Long> lastCheckedMinute() {
            return lastCheckedMinute;
        }

        @Override
        public synchronized void checkedThrough(long epochMinute) {
            if (lastCheckedMinute.map(last -> last < epochMinute).orElse(true)) {
                lastCheckedMinute = Optional.of(epochMinute);
            }
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
     * deauthorizing closes it, as the Dynamo store's transactions do.
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

        /** By Sid, as the owner index orders apps that share its sort key. */
        @Override
        public Page<ConnectApp> list(String ownerAccountSid, int pageSize, Optional<String> cursor) {
            return InMemoryPages.of(
                    apps.values().stream()
                            .filter(app -> app.ownerAccountSid().equals(ownerAccountSid))
                            .toList(),
                    ConnectApp::sid,
                    Comparator.naturalOrder(),
                    pageSize,
                    cursor);
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

        /** By the app's Sid, as the account's partition sorts them. */
        @Override
        public Page<Authorization> listAuthorizations(String accountSid, int pageSize, Optional<String> cursor) {
            return InMemoryPages.of(
                    authorizations.values().stream()
                            .filter(authorization -> authorization.accountSid().equals(accountSid))
                            .filter(Authorization::authorized)
                            .toList(),
                    Authorization::connectAppSid,
                    Comparator.naturalOrder(),
                    pageSize,
                    cursor);
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

    /** API keys, whose changes write their events to {@code log}. */
    public static final class ApiKeys implements ApiKeyStore {
        private final Map<String, ApiKey> keys = new HashMap<>();
        private final Events log;

        public ApiKeys(Events log) {
            this.log = log;
        }

        @Override
        public synchronized void create(ApiKey key, List<AuditEvent> audit) {
            if (keys.putIfAbsent(key.sid(), key) != null) {
                throw new IllegalStateException("An item of this Sid exists already");
            }
            log.record(audit);
        }

        @Override
        public synchronized Optional<ApiKey> find(String keySid) {
            return Optional.ofNullable(keys.get(keySid));
        }

        @Override
        public Optional<ApiKey> findLatest(String keySid) {
            return find(keySid);
        }

        /** By Sid, as the account index orders keys that share its sort key. */
        @Override
        public synchronized Page<ApiKey> list(String accountSid, int pageSize, Optional<String> cursor) {
            return InMemoryPages.of(
                    keys.values().stream()
                            .filter(key -> key.accountSid().equals(accountSid))
                            .toList(),
                    ApiKey::sid,
                    Comparator.naturalOrder(),
                    pageSize,
                    cursor);
        }

        /** Sets the name and date updated only, as the DynamoDB store's update does. */
        @Override
        public synchronized void rename(ApiKey renamed, Instant replacing, List<AuditEvent> audit) {
            ApiKey current = keys.get(renamed.sid());
            if (current == null || !current.dateUpdated().equals(replacing)) {
                throw new ChangedMeanwhile();
            }
            keys.put(
                    current.sid(),
                    new ApiKey(
                            current.sid(),
                            current.accountSid(),
                            renamed.friendlyName(),
                            current.secretSha256(),
                            current.dateCreated(),
                            renamed.dateUpdated()));
            log.record(audit);
        }

        @Override
        public synchronized boolean delete(ApiKey key, List<AuditEvent> audit) {
            if (keys.remove(key.sid()) == null) {
                return false;
            }
            log.record(audit);
            return true;
        }
    }

    /**
     * An account's alerts, kept until their own instant; a list reads newest first by Sid, between the Sids of its
     * dates, and pages with cursors. A deletion writes its events to {@code log}.
     */
    public static final class Alerts implements AlertStore {
        private static final Duration UNBOUNDED = Duration.ofDays(3650);

        private final Map<String, Alert> alerts = new HashMap<>();
        private final Map<String, Instant> expiries = new HashMap<>();
        private final Events log;

        public Alerts(Events log) {
            this.log = log;
        }

        @Override
        public synchronized void putAll(List<Alert> batch, List<Instant> expiresAt) {
            for (int i = 0; i < batch.size(); i++) {
                alerts.put(batch.get(i).sid(), batch.get(i));
                expiries.put(batch.get(i).sid(), expiresAt.get(i));
            }
        }

        private boolean kept(Alert alert, Instant now) {
            return expiries.get(alert.sid()).getEpochSecond() > now.getEpochSecond();
        }

        @Override
        public synchronized Optional<Alert> find(String accountSid, String sid, Instant now) {
            return Optional.ofNullable(alerts.get(sid))
                    .filter(alert -> alert.accountSid().equals(accountSid))
                    .filter(alert -> kept(alert, now));
        }

        @Override
        public synchronized Page<Alert> list(
                String accountSid, AlertFilter filter, Instant now, int pageSize, Optional<String> cursor) {
            String lowest = Alert.SIDS.lowerBound(filter.startDate().orElse(Instant.EPOCH));
            String highest = Alert.SIDS.upperBound(filter.endDate().orElse(now.plus(UNBOUNDED)));
            List<Alert> matching = alerts.values().stream()
                    .filter(alert -> alert.accountSid().equals(accountSid) && kept(alert, now))
                    .filter(alert ->
                            alert.sid().compareTo(lowest) >= 0 && alert.sid().compareTo(highest) <= 0)
                    .filter(alert -> matches(filter.errorCode(), alert.errorCode())
                            && matches(
                                    filter.logLevel().map(LogLevel::wire),
                                    alert.logLevel().wire())
                            && matches(filter.resourceSid(), alert.resourceSid()))
                    .toList();
            return InMemoryPages.of(matching, Alert::sid, Comparator.reverseOrder(), pageSize, cursor);
        }

        /** An expired alert the table still holds is deleted too, as DynamoDB's TTL had not removed it yet. */
        @Override
        public synchronized boolean delete(String accountSid, String sid, List<AuditEvent> audit) {
            Alert alert = alerts.get(sid);
            if (alert == null || !alert.accountSid().equals(accountSid)) {
                return false;
            }
            alerts.remove(sid);
            expiries.remove(sid);
            log.record(audit);
            return true;
        }
    }

    /**
     * Alarms and their firings. As in the DynamoDB store, an account holds at most the limit it is created under, a
     * firing is claimed once per alarm and window, and one claimed to await its resolution does until its check is
     * done; an alarm's changes write their events to {@code log}.
     */
    public static final class Alarms implements AlarmStore {
        /** A firing as stored, and whether it still awaits its resolution check. */
        private record Stored(Firing firing, boolean awaiting) {}

        private final Map<String, Alarm> alarms = new HashMap<>();
        /** By alarm Sid, then by the firing's position (its window's start and name, as its sort key orders). */
        private final Map<String, Map<String, Stored>> firings = new HashMap<>();

        private final Events log;

        public Alarms(Events log) {
            this.log = log;
        }

        @Override
        public synchronized void create(Alarm alarm, int limit, List<AuditEvent> audit) {
            if (alarms.containsKey(alarm.sid())) {
                throw new IllegalStateException("An item of this Sid exists already");
            }
            if (all(alarm.accountSid()).size() >= limit) {
                throw new LimitReached();
            }
            alarms.put(alarm.sid(), alarm);
            log.record(audit);
        }

        @Override
        public synchronized void update(Alarm changed, Instant replacing, List<AuditEvent> audit) {
            Optional<Alarm> current = find(changed.accountSid(), changed.sid());
            if (current.isEmpty() || !current.get().dateUpdated().equals(replacing)) {
                throw new ChangedMeanwhile();
            }
            alarms.put(changed.sid(), changed);
            log.record(audit);
        }

        @Override
        public synchronized Optional<Alarm> find(String accountSid, String sid) {
            return Optional.ofNullable(alarms.get(sid))
                    .filter(alarm -> alarm.accountSid().equals(accountSid));
        }

        @Override
        public synchronized boolean delete(String accountSid, String sid, List<AuditEvent> audit) {
            if (find(accountSid, sid).isEmpty()) {
                return false;
            }
            alarms.remove(sid);
            log.record(audit);
            return true;
        }

        /** In order of creation: by Sid, which sorts by its date. */
        @Override
        public synchronized Page<Alarm> list(
                String accountSid, boolean oldestFirst, int pageSize, Optional<String> cursor) {
            return InMemoryPages.of(
                    all(accountSid),
                    Alarm::sid,
                    oldestFirst ? Comparator.naturalOrder() : Comparator.reverseOrder(),
                    pageSize,
                    cursor);
        }

        @Override
        public synchronized List<Alarm> all(String accountSid) {
            return alarms.values().stream()
                    .filter(alarm -> alarm.accountSid().equals(accountSid))
                    .sorted(Comparator.comparing(Alarm::sid))
                    .toList();
        }

        private static String position(Window window) {
            return window.start() + "#" + window.name();
        }

        private Map<String, Stored> firingsOf(String alarmSid) {
            return firings.computeIfAbsent(alarmSid, sid -> new HashMap<>());
        }

        @Override
        public synchronized List<Firing> claimFirings(List<FiringClaim> claims) {
            List<Firing> held = new ArrayList<>(claims.size());
            for (FiringClaim claim : claims) {
                Stored stored = firingsOf(claim.firing().alarmSid())
                        .computeIfAbsent(
                                position(claim.firing().window()),
                                position -> new Stored(claim.firing(), claim.awaitResolution()));
                held.add(stored.firing());
            }
            return held;
        }

        @Override
        public synchronized void markNotified(List<Firing> notified) {
            for (Firing firing : notified) {
                firingsOf(firing.alarmSid()).computeIfPresent(position(firing.window()), (position, stored) -> {
                    Firing current = stored.firing();
                    return new Stored(
                            new Firing(
                                    current.alarmSid(),
                                    current.accountSid(),
                                    current.window(),
                                    current.count(),
                                    current.triggerValue(),
                                    current.dateFired(),
                                    current.notifications(),
                                    true,
                                    current.resolution()),
                            stored.awaiting());
                });
            }
        }

        /** Compared to the second, as the store's sort keys compare window starts. */
        @Override
        public synchronized List<Firing> awaitingResolution(TimeWindow window, Instant startedBefore) {
            Instant before = startedBefore.truncatedTo(ChronoUnit.SECONDS);
            return firings.values().stream()
                    .flatMap(byWindow -> byWindow.values().stream())
                    .filter(Stored::awaiting)
                    .map(Stored::firing)
                    .filter(firing -> firing.window().name().equals(window.name()))
                    .filter(firing -> firing.window().start().isBefore(before))
                    .toList();
        }

        @Override
        public synchronized Firing claimResolution(Firing firing, Firing.Resolution resolution) {
            Stored stored = firingsOf(firing.alarmSid()).get(position(firing.window()));
            if (stored == null) {
                throw new IllegalStateException("No firing of " + firing.occurrence() + " to resolve");
            }
            if (stored.firing().resolution().isPresent()) {
                return stored.firing();
            }
            Firing resolved = withResolution(stored.firing(), resolution);
            firingsOf(firing.alarmSid()).put(position(firing.window()), new Stored(resolved, stored.awaiting()));
            return resolved;
        }

        @Override
        public synchronized void markResolutionNotified(Firing firing) {
            firingsOf(firing.alarmSid()).computeIfPresent(position(firing.window()), (position, stored) -> {
                Firing current = stored.firing();
                return new Stored(
                        current.resolution()
                                .map(resolution -> withResolution(
                                        current,
                                        new Firing.Resolution(
                                                resolution.window(),
                                                resolution.count(),
                                                resolution.dateResolved(),
                                                resolution.notifications(),
                                                true)))
                                .orElse(current),
                        false);
            });
        }

        @Override
        public synchronized void stopAwaitingResolution(Firing firing) {
            firingsOf(firing.alarmSid())
                    .computeIfPresent(
                            position(firing.window()), (position, stored) -> new Stored(stored.firing(), false));
        }

        /** Newest first, by the window's start as its sort key orders it. */
        @Override
        public synchronized Page<Firing> firings(String alarmSid, int pageSize, Optional<String> cursor) {
            return InMemoryPages.of(
                    firingsOf(alarmSid).values().stream().map(Stored::firing).toList(),
                    firing -> position(firing.window()),
                    Comparator.reverseOrder(),
                    pageSize,
                    cursor);
        }

        private static Firing withResolution(Firing firing, Firing.Resolution resolution) {
            return new Firing(
                    firing.alarmSid(),
                    firing.accountSid(),
                    firing.window(),
                    firing.count(),
                    firing.triggerValue(),
                    firing.dateFired(),
                    firing.notifications(),
                    firing.notified(),
                    Optional.of(resolution));
        }
    }

    /**
     * Each account's sealed signing secrets: the first created once, each rotation on condition of the version it
     * replaces, with its events written to {@code log}.
     */
    public static final class SigningSecrets implements SigningSecretStore {
        private final Map<String, Sealed> secrets = new HashMap<>();
        private final Events log;

        public SigningSecrets(Events log) {
            this.log = log;
        }

        @Override
        public synchronized Optional<Sealed> find(String accountSid) {
            return Optional.ofNullable(secrets.get(accountSid));
        }

        @Override
        public synchronized boolean create(String accountSid, Sealed sealed) {
            return secrets.putIfAbsent(accountSid, sealed) == null;
        }

        /** Every secret kept here has a version, so none replaces version 0 (an item written before versions). */
        @Override
        public synchronized boolean replace(String accountSid, Sealed sealed, List<AuditEvent> audit) {
            Sealed current = secrets.get(accountSid);
            if (current == null || sealed.version() - 1 == 0 || current.version() != sealed.version() - 1) {
                return false;
            }
            secrets.put(accountSid, sealed);
            log.record(audit);
            return true;
        }
    }

    /** The service's own keys, each made at random on first use and the same ever after. */
    public static final class ServiceKeys implements ServiceKeyStore {
        private final Map<String, byte[]> keys = new HashMap<>();

        @Override
        public synchronized byte[] key(String name) {
            return keys.computeIfAbsent(name, key -> Secrets.randomBytes(32));
        }
    }

    /**
     * Deliveries as the DynamoDB store keeps them: each job's state is the guard that lets one attempt at a time
     * through, under one of its account's {@link DeliveryShare#SLOTS_PER_ACCOUNT} delivery slots; the records are what
     * the API reads. A retry's change writes its events to {@code log}.
     */
    public static final class Deliveries implements DeliveryStore {
        /** An attempt settled without a condition only while its lease has this long left, as the DynamoDB store. */
        private static final Duration UNCONDITIONAL_SETTLE_MARGIN = Duration.ofSeconds(20);
        /** SQS hides a message to whole seconds: an attempt due within this is due now. */
        private static final Duration DUE_TOLERANCE = Duration.ofSeconds(1);

        private static final int MAX_ATTEMPTS_SHOWN = 100;

        /** A job's state: times in epoch milliseconds, 0 for none. */
        private record JobState(
                String accountSid,
                String deliverySid,
                Instant createdAt,
                DeliveryStatus status,
                int attempts,
                int roundBase,
                long leaseUntil,
                long nextAttemptAt) {}

        private record SlotKey(String accountSid, int number) {}

        private record DeliveryKey(String accountSid, String deliverySid) {}

        private final Map<String, JobState> jobs = new HashMap<>();
        private final Map<SlotKey, Long> slots = new HashMap<>();
        private final Map<DeliveryKey, Delivery> deliveries = new HashMap<>();
        private final Map<DeliveryKey, TreeMap<Integer, DeliveryAttempt>> attempts = new HashMap<>();
        private final Disabled disabled = new Disabled();
        private final Events log;

        public Deliveries(Events log) {
            this.log = log;
        }

        @Override
        public synchronized List<Claim> claim(List<NotificationJob> batch, Instant now, Duration lease) {
            Claim[] claims = new Claim[batch.size()];
            Map<String, Integer> firstCopies = new HashMap<>();
            Map<String, List<Integer>> openByAccount = new LinkedHashMap<>();
            for (int i = 0; i < batch.size(); i++) {
                NotificationJob job = batch.get(i);
                if (firstCopies.putIfAbsent(job.jobId(), i) != null) {
                    continue;
                }
                Optional<Claim> standing = standing(jobs.get(job.jobId()), now);
                if (standing.isPresent()) {
                    claims[i] = standing.get();
                } else {
                    openByAccount
                            .computeIfAbsent(job.accountSid(), account -> new ArrayList<>())
                            .add(i);
                }
            }
            Instant leaseUntil = Instant.ofEpochMilli(now.plus(lease).toEpochMilli());
            Instant slotLeaseUntil =
                    Instant.ofEpochMilli(now.plus(DeliveryShare.SLOT_LEASE).toEpochMilli());
            openByAccount.forEach((account, open) -> {
                List<Integer> free = new ArrayList<>();
                for (int number = 0; number < DeliveryShare.SLOTS_PER_ACCOUNT; number++) {
                    if (slots.getOrDefault(new SlotKey(account, number), 0L) <= now.toEpochMilli()) {
                        free.add(number);
                    }
                }
                int claimable = free.isEmpty() ? 0 : Math.min(DeliveryShare.JOBS_PER_SLOT, open.size());
                open.subList(claimable, open.size()).forEach(i -> claims[i] = new Deferred());
                if (claimable == 0) {
                    return;
                }
                // Of several free slots, the one the account's first job picks, as the DynamoDB store's plan.
                int number =
                        free.get(Math.floorMod(batch.get(open.get(0)).jobId().hashCode(), free.size()));
                slots.put(new SlotKey(account, number), slotLeaseUntil.toEpochMilli());
                DeliverySlot slot = new DeliverySlot(account, number, slotLeaseUntil);
                for (int i : open.subList(0, claimable)) {
                    claims[i] = claimed(batch.get(i), now, leaseUntil, slot);
                }
            });
            for (int i = 0; i < batch.size(); i++) {
                Claim first = claims[firstCopies.get(batch.get(i).jobId())];
                if (claims[i] == null) {
                    claims[i] = first instanceof Claimed held ? new NotDue(held.leaseUntil()) : first;
                }
            }
            return List.of(claims);
        }

        /** Claims the job for its next attempt: the first claim fixes its delivery Sid and creation date. */
        private Claimed claimed(NotificationJob job, Instant now, Instant leaseUntil, DeliverySlot slot) {
            JobState state = jobs.get(job.jobId());
            JobState claimed = new JobState(
                    job.accountSid(),
                    state == null ? Delivery.sidOf(now, job.jobId()) : state.deliverySid(),
                    state == null ? now : state.createdAt(),
                    DeliveryStatus.PENDING,
                    (state == null ? 0 : state.attempts()) + 1,
                    state == null ? 0 : state.roundBase(),
                    leaseUntil.toEpochMilli(),
                    now.toEpochMilli());
            jobs.put(job.jobId(), claimed);
            return new Claimed(
                    claimed.deliverySid(),
                    claimed.attempts(),
                    claimed.attempts() - claimed.roundBase(),
                    claimed.createdAt(),
                    leaseUntil,
                    slot);
        }

        /** What stands in the way of claiming the job: done, or held or waiting until a time. */
        private static Optional<Claim> standing(JobState state, Instant now) {
            if (state == null) {
                return Optional.empty();
            }
            if (state.status() != DeliveryStatus.PENDING) {
                return Optional.of(new Finished(state.status()));
            }
            if (state.leaseUntil() <= now.toEpochMilli()
                    && state.nextAttemptAt() <= now.plus(DUE_TOLERANCE).toEpochMilli()) {
                return Optional.empty();
            }
            return Optional.of(new NotDue(Instant.ofEpochMilli(Math.max(state.leaseUntil(), state.nextAttemptAt()))));
        }

        /**
         * Within its lease an attempt's state is put whole; past it, only if no other attempt claimed the job since.
         * Nothing fails in memory, so nothing is left unsettled.
         */
        @Override
        public synchronized Set<String> settle(List<Settlement> settlements, List<DeliverySlot> given, Instant now) {
            for (Settlement settlement : settlements) {
                Delivery delivery = settlement.delivery();
                Claimed claim = settlement.claim();
                DeliveryKey key = new DeliveryKey(delivery.accountSid(), delivery.sid());
                attempts.computeIfAbsent(key, sid -> new TreeMap<>())
                        .put(settlement.attempt().attempt(), settlement.attempt());
                String jobId = delivery.job().jobId();
                JobState state = jobs.get(jobId);
                long next = delivery.nextAttemptAt().map(Instant::toEpochMilli).orElse(0L);
                if (now.plus(UNCONDITIONAL_SETTLE_MARGIN).isBefore(claim.leaseUntil())) {
                    jobs.put(
                            jobId,
                            new JobState(
                                    delivery.accountSid(),
                                    delivery.sid(),
                                    claim.dateCreated(),
                                    delivery.status(),
                                    claim.attempt(),
                                    claim.attempt() - claim.attemptInRound(),
                                    0,
                                    next));
                } else if (state != null && state.attempts() == claim.attempt()) {
                    jobs.put(
                            jobId,
                            new JobState(
                                    state.accountSid(),
                                    state.deliverySid(),
                                    state.createdAt(),
                                    delivery.status(),
                                    state.attempts(),
                                    state.roundBase(),
                                    0,
                                    next));
                } else {
                    continue; // another attempt claimed the job since: its outcome stands
                }
                deliveries.put(key, delivery);
            }
            for (DeliverySlot slot : given) {
                if (now.plus(UNCONDITIONAL_SETTLE_MARGIN).isBefore(slot.leaseUntil())) {
                    slots.put(new SlotKey(slot.accountSid(), slot.number()), now.toEpochMilli());
                }
            }
            return Set.of();
        }

        @Override
        public synchronized Optional<Delivery> find(String accountSid, String deliverySid) {
            return Optional.ofNullable(deliveries.get(new DeliveryKey(accountSid, deliverySid)));
        }

        @Override
        public synchronized List<DeliveryAttempt> attempts(String accountSid, String deliverySid) {
            List<DeliveryAttempt> all =
                    List.copyOf(attempts.getOrDefault(new DeliveryKey(accountSid, deliverySid), new TreeMap<>())
                            .values());
            return all.subList(Math.max(0, all.size() - MAX_ATTEMPTS_SHOWN), all.size());
        }

        /** Newest first, by Sid, which sorts by the first attempt. */
        @Override
        public synchronized Page<Delivery> list(
                String accountSid, DeliveryFilter filter, int pageSize, Optional<String> cursor) {
            return InMemoryPages.of(
                    deliveries.values().stream()
                            .filter(delivery -> delivery.accountSid().equals(accountSid))
                            .filter(delivery -> matches(
                                    filter.sourceSid(), delivery.job().source().sid()))
                            .filter(delivery -> filter.status()
                                    .map(delivery.status()::equals)
                                    .orElse(true))
                            .toList(),
                    Delivery::sid,
                    Comparator.reverseOrder(),
                    pageSize,
                    cursor);
        }

        @Override
        public synchronized boolean reopen(Delivery delivery, Instant now, List<AuditEvent> audit) {
            JobState state = jobs.get(delivery.job().jobId());
            if (state == null || state.status() != DeliveryStatus.FAILED) {
                return false;
            }
            jobs.put(
                    delivery.job().jobId(),
                    new JobState(
                            state.accountSid(),
                            state.deliverySid(),
                            state.createdAt(),
                            DeliveryStatus.PENDING,
                            state.attempts(),
                            state.attempts(),
                            0,
                            now.toEpochMilli()));
            shown(delivery, Optional.of(DeliveryStatus.PENDING), now);
            log.record(audit);
            return true;
        }

        @Override
        public synchronized boolean dueNow(Delivery delivery, Instant now, List<AuditEvent> audit) {
            JobState state = jobs.get(delivery.job().jobId());
            if (state == null || state.status() != DeliveryStatus.PENDING || state.leaseUntil() > now.toEpochMilli()) {
                return false;
            }
            jobs.put(
                    delivery.job().jobId(),
                    new JobState(
                            state.accountSid(),
                            state.deliverySid(),
                            state.createdAt(),
                            state.status(),
                            state.attempts(),
                            state.roundBase(),
                            state.leaseUntil(),
                            now.toEpochMilli()));
            shown(delivery, Optional.empty(), now);
            log.record(audit);
            return true;
        }

        /** The record a retry leaves: its status changed, if it changes, now, with no next attempt to wait for. */
        private void shown(Delivery delivery, Optional<DeliveryStatus> status, Instant now) {
            DeliveryKey key = new DeliveryKey(delivery.accountSid(), delivery.sid());
            Delivery current = deliveries.getOrDefault(key, delivery);
            deliveries.put(
                    key,
                    new Delivery(
                            current.sid(),
                            current.accountSid(),
                            current.job(),
                            status.orElse(current.status()),
                            current.attempts(),
                            current.lastStatusCode(),
                            current.lastErrorClass(),
                            Optional.empty(),
                            current.dateCreated(),
                            now));
        }

        @Override
        public synchronized boolean isDisabled(String accountSid, String url) {
            return disabled.isDisabled(accountSid, url);
        }

        @Override
        public synchronized void disable(String accountSid, String url, Instant at) {
            disabled.disable(accountSid, url, at);
        }

        @Override
        public synchronized void enable(String accountSid, String url) {
            disabled.enable(accountSid, url);
        }
    }
}
