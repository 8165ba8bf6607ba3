package dev.monitor.events;

import dev.monitor.accounts.Account;
import dev.monitor.accounts.AccountService;
import dev.monitor.accounts.Caller;
import dev.monitor.audit.Actor;
import dev.monitor.audit.AuditTrail;
import dev.monitor.audit.AuditedChange;
import dev.monitor.audit.ChangedMeanwhile;
import dev.monitor.audit.MonitorEventTypes;
import dev.monitor.audit.PropertyChange;
import dev.monitor.errors.DomainException;
import dev.monitor.errors.FieldError;
import dev.monitor.idempotency.BatchStart;
import dev.monitor.idempotency.IdempotencyStore;
import dev.monitor.paging.Page;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Recording, listing and fetching events, and each account's events configuration. */
public final class EventService {
    /** Clocks differ: an event may be dated this far ahead of the service's clock. */
    static final Duration ALLOWED_CLOCK_SKEW = Duration.ofMinutes(5);

    private final EventStore events;
    private final AccountService accounts;
    private final IdempotencyStore idempotency;
    private final AuditTrail audit;
    private final Clock clock;

    public EventService(
            EventStore events, AccountService accounts, IdempotencyStore idempotency, AuditTrail audit, Clock clock) {
        this.events = events;
        this.accounts = accounts;
        this.idempotency = idempotency;
        this.audit = audit;
        this.clock = clock;
    }

    /**
     * Records a batch, all or nothing. With an idempotency key, a repeat of the same request answers
     * the same events and stores nothing new; the same key with another body is a conflict.
     */
    public List<RecordedEvent> record(Caller caller, List<EventDraft> drafts, Optional<String> idempotencyKey) {
        return record(caller, Optional.empty(), drafts, idempotencyKey);
    }

    /** Records a batch as {@link #record(Caller, List, Optional)}, its events without an account the selected one's. */
    public List<RecordedEvent> record(
            Caller caller, Optional<Account> selected, List<EventDraft> drafts, Optional<String> idempotencyKey) {
        Instant now = clock.instant();
        List<Account> owners = accounts.ownersOf(
                caller, selected, drafts.stream().map(EventDraft::accountSid).toList(), "records events");
        Map<String, EventsConfiguration> configurations = new HashMap<>();
        for (Account owner : owners) {
            configurations.computeIfAbsent(owner.sid(), events::configuration);
        }
        checkDates(drafts, owners, configurations, now);

        // Which events the configurations keep ('1') or drop ('0'): fixed by the first request of an
        // Idempotency-Key, so that a repeat answers "stored" as it did, whatever the configuration is now.
        StringBuilder kept = new StringBuilder(drafts.size());
        for (int i = 0; i < drafts.size(); i++) {
            boolean records = configurations
                    .get(owners.get(i).sid())
                    .records(drafts.get(i).eventType());
            kept.append(records ? '1' : '0');
        }
        BatchStart start = BatchStart.of(idempotency, "", caller, idempotencyKey, owners, drafts, now, kept.toString());
        now = start.receivedAt();
        String storedFlags = start.outcome().length() == drafts.size() ? start.outcome() : kept.toString();

        List<RecordedEvent> recorded = new ArrayList<>(drafts.size());
        List<Event> toStore = new ArrayList<>();
        List<Instant> expiries = new ArrayList<>();
        for (int i = 0; i < drafts.size(); i++) {
            EventDraft draft = drafts.get(i);
            String accountSid = owners.get(i).sid();
            Instant date = draft.eventDate().orElse(now);
            Event event = draft.toEvent(Event.SIDS.of(date, start.randomPart(i)), accountSid, now);
            EventsConfiguration configuration = configurations.get(accountSid);
            boolean stored = storedFlags.charAt(i) == '1';
            if (stored) {
                toStore.add(event);
                expiries.add(date.plus(configuration.retentionDays(), ChronoUnit.DAYS));
            }
            recorded.add(new RecordedEvent(event, stored));
        }
        events.putAll(toStore, expiries);
        return recorded;
    }

    public Page<Event> list(Account account, EventFilter filter, int pageSize, Optional<String> cursor) {
        Instant now = clock.instant();
        Instant retainedSince = retainedSince(account, now);
        EventFilter retained = new EventFilter(
                filter.actorSid(),
                filter.eventType(),
                filter.resourceSid(),
                filter.sourceIpAddress(),
                Optional.of(filter.startDate()
                        .filter(start -> start.isAfter(retainedSince))
                        .orElse(retainedSince)),
                filter.endDate());
        return events.list(account.sid(), retained, now, pageSize, cursor);
    }

    public Event fetch(Account account, String sid) {
        Instant now = clock.instant();
        return Optional.of(sid)
                .filter(Event.SIDS::matches)
                .flatMap(valid -> events.find(account.sid(), valid, now))
                .filter(event -> !event.eventDate().isBefore(retainedSince(account, now)))
                .orElseThrow(
                        () -> new DomainException.NotFound("The requested resource /Events/" + sid + " was not found"));
    }

    /** A shortened retention hides older events at once, though DynamoDB deletes them only when they expire. */
    private Instant retainedSince(Account account, Instant now) {
        return now.minus(events.configuration(account.sid()).retentionDays(), ChronoUnit.DAYS);
    }

    public EventsConfiguration configuration(Account account) {
        return events.configuration(account.sid());
    }

    /**
     * Changes what {@code change} names and keeps the rest, even what a concurrent change sets; the change is an event
     * of the account's, written as its configuration was before it (a change that disables the type of this event is
     * still logged).
     */
    public EventsConfiguration configure(Account account, Actor actor, ConfigurationChange change) {
        account.checkWritable();
        return ChangedMeanwhile.retry(() -> {
            EventsConfiguration current = events.configuration(account.sid());
            Instant now = clock.instant();
            EventsConfiguration changed = current.changedBy(
                    change, ChangedMeanwhile.dateUpdated(current.dateUpdated().orElse(Instant.EPOCH), now));
            PropertyChange.Diff diff = new PropertyChange.Diff()
                    .property("retention_days", current.retentionDays(), changed.retentionDays())
                    .property(
                            "disabled_event_types",
                            String.join(",", current.disabledEventTypes()),
                            String.join(",", changed.disabledEventTypes()));
            if (diff.isEmpty()) {
                return current;
            }
            events.configure(
                    account.sid(),
                    current.dateUpdated(),
                    changed,
                    audit.events(
                            account.sid(),
                            actor,
                            AuditedChange.of(
                                            MonitorEventTypes.EVENTS_CONFIGURATION_UPDATED,
                                            account.sid(),
                                            "The events configuration was changed")
                                    .with(diff),
                            now));
            return changed;
        });
    }

    private static void checkDates(
            List<EventDraft> drafts,
            List<Account> owners,
            Map<String, EventsConfiguration> configurations,
            Instant now) {
        List<FieldError> errors = new ArrayList<>();
        for (int i = 0; i < drafts.size(); i++) {
            int index = drafts.size() > 1 ? i : -1;
            int retentionDays = configurations.get(owners.get(i).sid()).retentionDays();
            drafts.get(i).eventDate().ifPresent(date -> {
                if (date.isAfter(now.plus(ALLOWED_CLOCK_SKEW))) {
                    errors.add(new FieldError(index, "event_date", "is in the future"));
                } else if (date.isBefore(now.minus(retentionDays, ChronoUnit.DAYS))) {
                    errors.add(new FieldError(
                            index,
                            "event_date",
                            "is older than the account's retention of " + retentionDays + " days"));
                }
            });
        }
        if (!errors.isEmpty()) {
            throw DomainException.Invalid.fields(errors);
        }
    }
}
