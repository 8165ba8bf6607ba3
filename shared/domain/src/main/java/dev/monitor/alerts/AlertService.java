package dev.monitor.alerts;

import dev.monitor.accounts.Account;
import dev.monitor.accounts.AccountService;
import dev.monitor.accounts.Caller;
import dev.monitor.audit.Actor;
import dev.monitor.audit.AuditTrail;
import dev.monitor.audit.AuditedChange;
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
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Recording, listing, fetching and deleting alerts. */
public final class AlertService {
    /** As Twilio: an alert is kept 30 days after it was generated. */
    public static final Duration RETENTION = Duration.ofDays(30);
    /** Clocks differ: an alert may be dated this far ahead of the service's clock. */
    static final Duration ALLOWED_CLOCK_SKEW = Duration.ofMinutes(5);

    private final AlertStore alerts;
    private final AccountService accounts;
    private final IdempotencyStore idempotency;
    private final AuditTrail audit;
    private final Clock clock;

    public AlertService(
            AlertStore alerts, AccountService accounts, IdempotencyStore idempotency, AuditTrail audit, Clock clock) {
        this.alerts = alerts;
        this.accounts = accounts;
        this.idempotency = idempotency;
        this.audit = audit;
        this.clock = clock;
    }

    /** Records a batch, all or nothing, with the same idempotency rules as events. */
    public List<Alert> record(Caller caller, List<AlertDraft> drafts, Optional<String> idempotencyKey) {
        return record(caller, Optional.empty(), drafts, idempotencyKey);
    }

    /** Records a batch as {@link #record(Caller, List, Optional)}, its alerts without an account the selected one's. */
    public List<Alert> record(
            Caller caller, Optional<Account> selected, List<AlertDraft> drafts, Optional<String> idempotencyKey) {
        Instant now = clock.instant();
        List<Account> owners = accounts.ownersOf(
                caller, selected, drafts.stream().map(AlertDraft::accountSid).toList(), "records alerts");
        checkDates(drafts, now);
        BatchStart start = BatchStart.of(idempotency, "alerts:", caller, idempotencyKey, owners, drafts, now, "");
        List<Alert> recorded = new ArrayList<>(drafts.size());
        List<Instant> expiries = new ArrayList<>(drafts.size());
        for (int i = 0; i < drafts.size(); i++) {
            AlertDraft draft = drafts.get(i);
            Instant date = draft.dateGenerated().orElse(start.receivedAt());
            Alert alert = draft.toAlert(
                    Alert.SIDS.of(date, start.randomPart(i)), owners.get(i).sid(), start.receivedAt());
            recorded.add(alert);
            expiries.add(alert.dateGenerated().plus(RETENTION));
        }
        alerts.putAll(recorded, expiries);
        return recorded;
    }

    public Page<Alert> list(Account account, AlertFilter filter, int pageSize, Optional<String> cursor) {
        Instant now = clock.instant();
        Instant retainedSince = now.minus(RETENTION);
        AlertFilter retained = new AlertFilter(
                filter.logLevel(),
                filter.errorCode(),
                filter.resourceSid(),
                Optional.of(filter.startDate()
                        .filter(start -> start.isAfter(retainedSince))
                        .orElse(retainedSince)),
                filter.endDate());
        return alerts.list(account.sid(), retained, now, pageSize, cursor);
    }

    public Alert fetch(Account account, String sid) {
        Instant now = clock.instant();
        return Optional.of(sid)
                .filter(Alert.SIDS::matches)
                .flatMap(valid -> alerts.find(account.sid(), valid, now))
                .filter(alert -> !alert.dateGenerated().isBefore(now.minus(RETENTION)))
                .orElseThrow(() -> notFound(sid));
    }

    public void delete(Account account, Actor actor, String sid) {
        account.checkWritable();
        Alert alert = fetch(account, sid);
        AuditedChange deleted = AuditedChange.of(
                        MonitorEventTypes.ALERT_DELETED,
                        sid,
                        "Alert " + sid + " (error " + alert.errorCode() + ") was deleted")
                .with(new PropertyChange.Diff()
                        .property("error_code", alert.errorCode(), null)
                        .property("log_level", alert.logLevel().wire(), null)
                        .property("resource_sid", alert.resourceSid(), null));
        if (!alerts.delete(account.sid(), sid, audit.events(account.sid(), actor, deleted, clock.instant()))) {
            throw notFound(sid);
        }
    }

    private static DomainException.NotFound notFound(String sid) {
        return new DomainException.NotFound("The requested resource /Alerts/" + sid + " was not found");
    }

    private static void checkDates(List<AlertDraft> drafts, Instant now) {
        List<FieldError> errors = new ArrayList<>();
        for (int i = 0; i < drafts.size(); i++) {
            int index = drafts.size() > 1 ? i : -1;
            drafts.get(i).dateGenerated().ifPresent(date -> {
                if (date.isAfter(now.plus(ALLOWED_CLOCK_SKEW))) {
                    errors.add(new FieldError(index, "date_generated", "is in the future"));
                } else if (date.isBefore(now.minus(RETENTION))) {
                    errors.add(new FieldError(
                            index,
                            "date_generated",
                            "is older than the " + RETENTION.toDays() + " days alerts are kept"));
                }
            });
        }
        if (!errors.isEmpty()) {
            throw DomainException.Invalid.fields(errors);
        }
    }
}
