package dev.monitor.alarms;

import dev.monitor.accounts.Account;
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
    private final Clock clock;

    public AlarmService(
            AlarmStore alarms,
            AlarmCounts counts,
            AlarmNotifications notifications,
            NotificationQueue queue,
            DisabledDestinations disabledDestinations,
            Clock clock) {
        this.alarms = alarms;
        this.counts = counts;
        this.notifications = notifications;
        this.queue = queue;
        this.disabledDestinations = disabledDestinations;
        this.clock = clock;
    }

    public Alarm create(Account account, AlarmSpec spec) {
        Instant now = clock.instant();
        Alarm alarm = spec.toAlarm(SIDS.of(now, Secrets.randomBytes(10)), account.sid(), now, now);
        try {
            alarms.create(alarm, MAX_PER_ACCOUNT);
        } catch (AlarmStore.LimitReached e) {
            throw new DomainException.Invalid(
                    "An account may have at most " + MAX_PER_ACCOUNT + " alarms; delete one first");
        }
        enableWebhook(alarm);
        return alarm;
    }

    public Alarm replace(Account account, String sid, AlarmSpec spec) {
        Alarm current = fetch(account, sid);
        Alarm replaced = spec.toAlarm(current.sid(), account.sid(), current.dateCreated(), clock.instant());
        if (!alarms.replace(replaced)) {
            throw notFound(sid);
        }
        enableWebhook(replaced);
        return replaced;
    }

    public Alarm setEnabled(Account account, String sid, boolean enabled) {
        Alarm current = fetch(account, sid);
        Alarm changed = new Alarm(
                current.sid(),
                current.accountSid(),
                current.friendlyName(),
                current.description(),
                current.queryType(),
                current.query(),
                current.triggerValue(),
                current.timeWindow(),
                current.timePeriod(),
                current.email(),
                current.webhook(),
                current.sendResolved(),
                current.consoleIndicator(),
                enabled,
                current.mutedUntil(),
                current.dateCreated(),
                clock.instant());
        if (!alarms.replace(changed)) {
            throw notFound(sid);
        }
        return changed;
    }

    public Alarm fetch(Account account, String sid) {
        return Optional.of(sid)
                .filter(value -> Sids.isSid(SID_PREFIX, value))
                .flatMap(valid -> alarms.find(account.sid(), valid))
                .orElseThrow(() -> notFound(sid));
    }

    public void delete(Account account, String sid) {
        if (!Sids.isSid(SID_PREFIX, sid) || !alarms.delete(account.sid(), sid)) {
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
