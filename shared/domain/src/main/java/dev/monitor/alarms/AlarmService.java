package dev.monitor.alarms;

import dev.monitor.accounts.Account;
import dev.monitor.audit.Actor;
import dev.monitor.audit.AuditTrail;
import dev.monitor.audit.AuditedChange;
import dev.monitor.audit.ChangedMeanwhile;
import dev.monitor.audit.MonitorEventTypes;
import dev.monitor.audit.PropertyChange;
import dev.monitor.crypto.Secrets;
import dev.monitor.errors.DomainException;
import dev.monitor.ids.Sids;
import dev.monitor.ids.TimeOrderedSids;
import dev.monitor.notify.DisabledDestinations;
import dev.monitor.notify.NotificationQueue;
import dev.monitor.paging.Page;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.function.BiFunction;
import java.util.function.Function;

/** Alarms of an account: create, read, change, delete, their firing logs, and test notifications. */
public final class AlarmService {
    /**
     * The most alarms an account may have, as for usage triggers: each alert the account records is checked against
     * every one of them, and each can queue a notification.
     */
    public static final int MAX_PER_ACCOUNT = 1000;

    /** Twilio Monitor v2's alarm Sid prefix. */
    public static final String SID_PREFIX = "AK";
    /** In order of creation, so that the account's alarms list by date. */
    private static final TimeOrderedSids SIDS = new TimeOrderedSids(SID_PREFIX, 1);

    private final AlarmStore alarms;
    private final AlarmCounts counts;
    private final AlarmNotifications notifications;
    private final NotificationQueue queue;
    private final DisabledDestinations disabledDestinations;
    private final AuditTrail audit;
    private final Clock clock;

    public AlarmService(
            AlarmStore alarms,
            AlarmCounts counts,
            AlarmNotifications notifications,
            NotificationQueue queue,
            DisabledDestinations disabledDestinations,
            AuditTrail audit,
            Clock clock) {
        this.alarms = alarms;
        this.counts = counts;
        this.notifications = notifications;
        this.queue = queue;
        this.disabledDestinations = disabledDestinations;
        this.audit = audit;
        this.clock = clock;
    }

    public Alarm create(Account account, Actor actor, AlarmSpec spec) {
        account.checkWritable();
        Instant now = clock.instant();
        Alarm alarm = spec.toAlarm(SIDS.of(now, Secrets.randomBytes(10)), account.sid(), now, now);
        AuditedChange created = AuditedChange.of(
                        MonitorEventTypes.ALARM_CREATED,
                        alarm.sid(),
                        "Alarm '" + alarm.friendlyName() + "' was created")
                .with(properties(Optional.empty(), Optional.of(alarm)));
        try {
            alarms.create(alarm, MAX_PER_ACCOUNT, audit.events(account.sid(), actor, created, now));
        } catch (AlarmStore.LimitReached e) {
            throw new DomainException.Invalid(
                    "An account may have at most " + MAX_PER_ACCOUNT + " alarms; delete one first");
        }
        enableWebhook(alarm);
        return alarm;
    }

    /** Replaces the alarm's settings with {@code spec}'s; it keeps its Sid and creation date. */
    public Alarm replace(Account account, Actor actor, String sid, AlarmSpec spec) {
        account.checkWritable();
        Alarm replaced = change(
                account,
                actor,
                sid,
                (current, now) -> spec.toAlarm(current.sid(), current.accountSid(), current.dateCreated(), now),
                current -> "Alarm '" + spec.friendlyName() + "' was changed");
        enableWebhook(replaced);
        return replaced;
    }

    public Alarm setEnabled(Account account, Actor actor, String sid, boolean enabled) {
        account.checkWritable();
        return change(
                account,
                actor,
                sid,
                (current, now) -> current.withEnabled(enabled, now),
                current -> "Alarm '" + current.friendlyName() + "' was " + (enabled ? "enabled" : "disabled"));
    }

    /**
     * Changes the alarm as it is now, with its event: read again when another change came first, so that neither puts
     * back what the other replaced. A change that sets nothing new writes nothing.
     */
    private Alarm change(
            Account account,
            Actor actor,
            String sid,
            BiFunction<Alarm, Instant, Alarm> changing,
            Function<Alarm, String> description) {
        return ChangedMeanwhile.retry(() -> {
            Alarm current = fetch(account, sid);
            Instant now = clock.instant();
            Alarm changed = changing.apply(current, ChangedMeanwhile.dateUpdated(current.dateUpdated(), now));
            PropertyChange.Diff diff = properties(Optional.of(current), Optional.of(changed));
            if (diff.isEmpty()) {
                return current;
            }
            AuditedChange change = AuditedChange.of(MonitorEventTypes.ALARM_UPDATED, sid, description.apply(current))
                    .with(diff);
            alarms.update(changed, current.dateUpdated(), audit.events(account.sid(), actor, change, now));
            return changed;
        });
    }

    /** What an event says of an alarm's settings, before and after its change (absent: created, deleted). */
    private static PropertyChange.Diff properties(Optional<Alarm> before, Optional<Alarm> after) {
        return new PropertyChange.Diff()
                .property("friendly_name", before.map(Alarm::friendlyName), after.map(Alarm::friendlyName))
                .property("description", before.map(Alarm::description), after.map(Alarm::description))
                .property("query_type", before.map(Alarm::queryType), after.map(Alarm::queryType))
                .property("query", before.flatMap(Alarm::query), after.flatMap(Alarm::query))
                .property("trigger_value", before.map(Alarm::triggerValue), after.map(Alarm::triggerValue))
                .property("time_window", before.flatMap(Alarm::timeWindow), after.flatMap(Alarm::timeWindow))
                .property(
                        "time_period",
                        before.flatMap(Alarm::timePeriod).map(TimePeriod::wire),
                        after.flatMap(Alarm::timePeriod).map(TimePeriod::wire))
                .property(
                        "email",
                        before.map(alarm -> String.join(",", alarm.email())),
                        after.map(alarm -> String.join(",", alarm.email())))
                .property("webhook", before.flatMap(Alarm::webhook), after.flatMap(Alarm::webhook))
                .property("send_resolved", before.map(Alarm::sendResolved), after.map(Alarm::sendResolved))
                .property("console_indicator", before.map(Alarm::consoleIndicator), after.map(Alarm::consoleIndicator))
                .property("enabled", before.map(Alarm::enabled), after.map(Alarm::enabled))
                .property("muted_until", before.flatMap(Alarm::mutedUntil), after.flatMap(Alarm::mutedUntil));
    }

    private static Optional<String> validSid(String sid) {
        return Optional.of(sid).filter(value -> Sids.isSid(SID_PREFIX, value));
    }

    public Alarm fetch(Account account, String sid) {
        return validSid(sid).flatMap(valid -> alarms.find(account.sid(), valid)).orElseThrow(() -> notFound(sid));
    }

    public void delete(Account account, Actor actor, String sid) {
        account.checkWritable();
        Alarm alarm = fetch(account, sid);
        AuditedChange deleted = AuditedChange.of(
                        MonitorEventTypes.ALARM_DELETED, sid, "Alarm '" + alarm.friendlyName() + "' was deleted")
                .with(properties(Optional.of(alarm), Optional.empty()));
        if (!alarms.delete(account.sid(), sid, audit.events(account.sid(), actor, deleted, clock.instant()))) {
            throw notFound(sid);
        }
    }

    public Page<Alarm> list(Account account, boolean oldestFirst, int pageSize, Optional<String> cursor) {
        return alarms.list(account.sid(), oldestFirst, pageSize, cursor);
    }

    public Page<Firing> logs(Account account, String sid, int pageSize, Optional<String> cursor) {
        Alarm alarm = fetch(account, sid);
        return alarms.firings(alarm.sid(), pageSize, cursor);
    }

    /**
     * Sends a test notification through the alarm's real channels, with the count of its current
     * window; it is not logged and does not stop the alarm from firing. Its links start with the
     * configured public URL, else with {@code requestBaseUrl}, where the request came.
     */
    public Firing test(Account account, String sid, String requestBaseUrl) {
        account.checkWritable();
        Alarm alarm = fetch(account, sid);
        if (alarm.webhook().isEmpty() && alarm.email().isEmpty()) {
            throw new DomainException.Invalid("Alarm " + sid + " has no webhook and no email to test");
        }
        Instant now = clock.instant();
        Window window = alarm.windowOf(now);
        String occurrence = "test@" + Sids.random("TS");
        Firing test = new Firing(
                alarm.sid(),
                alarm.accountSid(),
                window,
                counts.count(alarm, window),
                alarm.triggerValue(),
                now,
                notifications.plan(alarm, occurrence),
                true,
                Optional.empty());
        queue.enqueue(notifications.linkingTo(requestBaseUrl).jobs(alarm, test, AlarmNotifications.TEST, now));
        return test;
    }

    /**
     * Saving an alarm with a webhook is the account asking for that URL, even one its receiver disabled with 410 Gone.
     */
    private void enableWebhook(Alarm alarm) {
        alarm.webhook().ifPresent(url -> disabledDestinations.enable(alarm.accountSid(), url));
    }

    private static DomainException.NotFound notFound(String sid) {
        return new DomainException.NotFound("The requested resource /Alarms/" + sid + " was not found");
    }
}
